using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesPlatform.Events;
using SalesPlatform.Events.Leads;
using SalesPlatform.Leads.Assignment;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.Input;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Endpoints;


// Several types in one file: The lead endpoints with their request and response records: each record is read next to the handler that takes or returns it.
public sealed record InteractionRequest(string? Kind);
public sealed record ActivityRequest(string? Kind, [property: MultilineText] string? Outcome, [property: MultilineText] string? NextStep, DateTimeOffset? NextStepAt, DateTimeOffset? PerformedAt, List<Guid>? Participants);
public sealed record ActivityDto(Guid Id, Guid LeadId, Guid PerformedBy, string Kind, string Outcome, string? NextStep, DateTimeOffset? NextStepAt, DateTimeOffset PerformedAt, IReadOnlyList<Guid> Participants);
public sealed record ReasonRequest([property: MultilineText] string? Reason);
public sealed record ConvertRequest(string? OpportunityName, Guid? ExistingCustomerId);
public sealed record ConversionResult(Guid LeadId, Guid OwnerId, string OpportunityName, DateTimeOffset ConvertedAt);
public sealed record ReassignRequest(Guid? OwnerId, [property: MultilineText] string? Reason);

/// <summary>Capture, read, list and work leads: <c>/api/leads</c>.</summary>
public static class LeadsEndpoints
{
    public static IEndpointRouteBuilder MapLeadsEndpoints(this IEndpointRouteBuilder app)
    {
        // Every lead read goes through the data scope, which needs team performance for a manager: 503 when it is down.
        var leads = app.MapGroup("/api/leads").WithTags("Leads").RequireAuthorization(Policies.AnyCaller)
            .Refuses(StatusCodes.Status503ServiceUnavailable);
        leads.MapPost("/", CaptureLead).WithRequestExample(LeadExamples.Capture);
        leads.MapGet("/", ListLeads);
        leads.MapGet("/{id:guid}", GetLead);
        leads.MapPost("/{id:guid}/interactions", RecordInteraction).RequireAuthorization(Policies.Staff).WithRequestExample(LeadExamples.Interaction);
        leads.MapPost("/{id:guid}/activities", LogActivity).RequireAuthorization(Policies.Staff).WithRequestExample(LeadExamples.Activity);
        leads.MapGet("/{id:guid}/activities", ListActivities);
        leads.MapPost("/{id:guid}/convert", ConvertLead).RequireAuthorization(Policies.Staff).WithRequestExample(LeadExamples.Convert);
        leads.MapPost("/{id:guid}/disqualify", DisqualifyLead).RequireAuthorization(Policies.Staff).WithRequestExample(LeadExamples.Reason);
        leads.MapPost("/{id:guid}/recycle", RecycleLead).RequireAuthorization(Policies.Staff).WithRequestExample(LeadExamples.Reason);
        leads.MapPost("/{id:guid}/reactivate", ReactivateLead).RequireAuthorization(Policies.Staff).WithRequestExample(LeadExamples.Reason);
        leads.MapPost("/{id:guid}/reopen", ReopenLead).RequireAuthorization(Policies.Manager).WithRequestExample(LeadExamples.Reason);
        leads.MapPost("/{id:guid}/assign", ReassignLead).RequireAuthorization(Policies.Manager).WithRequestExample(LeadExamples.Reassign);
        return app;
    }

    /// <summary>
    /// Captures a lead. A duplicate of an existing lead (the import's rule: e-mail, phone, company and
    /// contact) is 409 <c>lead.duplicate</c> with the existing id when the caller may see it, or, with
    /// <c>?onDuplicate=merge</c>, fills what that lead lacks, rescores it and answers it (200).
    /// </summary>
    private static async Task<Results<Created<LeadDto>, Ok<LeadDto>>> CaptureLead(LeadInput? body, string? onDuplicate, Caller caller,
        LeadsDbContext db, LeadScope scope, LeadAssigner assigner, IOptions<LeadsOptions> options, TimeProvider clock, ReportingCalendar calendar,
        CancellationToken ct)
    {
        if (body is null)
        {
            throw new RequestValidationException("body", "A lead is required.");
        }

        if (onDuplicate is not (null or "refuse" or "merge"))
        {
            throw new RequestValidationException("onDuplicate", "onDuplicate is refuse (the default) or merge.");
        }

        if (caller.IsPartner)
        {
            // A partner captures only its own referrals.
            body = body with { PartnerId = caller.PartnerId, Source = body.Source ?? LeadVocabularies.PartnerReferral };
        }

        var (details, errors) = body.Normalize(options.Value.DefaultPhoneRegion);
        if (details is null)
        {
            throw new RequestValidationException(errors);
        }

        if (details.OptOut)
        {
            throw new BusinessRuleException("lead.opted-out", "The contact opted out; a lead cannot be captured for them.");
        }

        if (await IsSuppressedAsync(db, details.Email, details.Phone, ct))
        {
            throw new BusinessRuleException("lead.suppressed", "The contact's e-mail or phone is on the suppression (opt-out) list.");
        }

        var now = clock.GetUtcNow();
        var scoring = await PolicyStore.LoadAsync<ScoringPolicy>(db, ct);
        var sla = await PolicyStore.LoadAsync<SlaPolicy>(db, ct);
        if ((await LeadDuplicates.LoadAsync(db, [details], ct)).Find(details) is { } duplicate)
        {
            var existing = duplicate.Lead;
            var visible = await (await scope.ForAsync(caller, ct)).Apply(db.Leads).AnyAsync(l => l.Id == existing.Id, ct);
            if (onDuplicate == "merge" && visible && existing.IsOpen)
            {
                if (existing.MergeMissing(details, now).Count > 0)
                {
                    existing.ApplyScore(scoring.Score(existing.Facts(), calendar.DateOf(now)), now, sla);
                    await db.SaveChangesAsync(ct);
                }

                return TypedResults.Ok(LeadDto.From(existing, now));
            }

            var matched = new Dictionary<string, object?> { ["matchedBy"] = duplicate.Key };
            if (visible)
            {
                matched["existingId"] = existing.Id;
            }

            throw new ConflictException("lead.duplicate", $"The lead duplicates an existing lead by {duplicate.Key}"
                + (visible ? $" ({existing.Id}); send ?onDuplicate=merge to add what it lacks." : ".")) { Details = matched };
        }

        var lead = Lead.Capture(details, now);
        lead.ApplyScore(scoring.Score(lead.Facts(), calendar.DateOf(now)), now);
        lead.TimeFirstContact(sla, now);
        if ((await SalesPlatform.Leads.Consumers.KnownCustomers.ForAsync(db, [details.Company], ct)).GetValueOrDefault(lead.CompanyKey) is { } customer)
        {
            lead.MatchCustomer(customer.CustomerId);
        }

        db.Leads.Add(lead);
        db.AddEvent(LeadEvents.Captured(lead, now), clock);

        var decision = await assigner.AssignAsync(lead, await PolicyStore.LoadAsync<AssignmentPolicy>(db, ct), sla, now, ct);
        if (decision.OwnerId is not null)
        {
            db.AddEvent(LeadEvents.Assigned(lead, null, now), clock);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/leads/{lead.Id}", LeadDto.From(lead, now));
    }

    internal static async Task<bool> IsSuppressedAsync(LeadsDbContext db, string? email, string? phone, CancellationToken ct)
    {
        var values = new[] { email, phone }.OfType<string>().ToArray();
        return values.Length > 0 && await db.Suppressions.AnyAsync(s => values.Contains(s.Value), ct);
    }

    private static async Task<Ok<LeadDto>> GetLead(Guid id, Caller caller, LeadsDbContext db, LeadScope scope, TimeProvider clock, CancellationToken ct)
    {
        var lead = await FindVisibleAsync(db, scope, caller, id, ct, track: false);
        return TypedResults.Ok(LeadDto.From(lead, clock.GetUtcNow()));
    }

    private static async Task<Ok<ListPage<LeadDto>>> ListLeads(Caller caller, LeadsDbContext db, LeadScope scope, TimeProvider clock,
        ListQuery list, Guid? owner, string? grade, string? status, string? source, Guid? partner, bool? overdue, CancellationToken ct)
    {
        var visibility = await scope.ForAsync(caller, ct);
        var now = clock.GetUtcNow();
        var query = LeadList.Filter(visibility.Apply(db.Leads.AsNoTracking()), new LeadFilters(owner, grade, status, source, partner, overdue), list, now);

        // Newest first by default; the total counts what this caller may see with these filters.
        return TypedResults.Ok(await query.ToPageAsync(list, l => l.Id, l => LeadDto.From(l, now), ct));
    }

    private static async Task<Ok<LeadDto>> RecordInteraction(Guid id, InteractionRequest? body, Caller caller, LeadsDbContext db, LeadScope scope,
        TimeProvider clock, ReportingCalendar calendar, CancellationToken ct)
    {
        if (!Enum.TryParse<InteractionKind>(body?.Kind?.Replace("-", ""), ignoreCase: true, out var kind) || int.TryParse(body?.Kind, out _))
        {
            throw new RequestValidationException("kind", "Kind must be one of: site-visit, email-open, form, event.");
        }

        var lead = await FindVisibleAsync(db, scope, caller, id, ct);
        var now = clock.GetUtcNow();
        lead.RecordInteraction(kind, now);
        var scoring = await PolicyStore.LoadAsync<ScoringPolicy>(db, ct);
        lead.ApplyScore(scoring.Score(lead.Facts(), calendar.DateOf(now)), now, await PolicyStore.LoadAsync<SlaPolicy>(db, ct));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LeadDto.From(lead, now));
    }

    private static async Task<Created<ActivityDto>> LogActivity(Guid id, ActivityRequest? body, Caller caller, LeadsDbContext db, LeadScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = LeadVocabularies.ActivityKinds.Resolve(body?.Kind)?.Code;
        if (kind is null)
        {
            errors["kind"] = ["Kind must be one of: " + LeadVocabularies.ActivityKinds.Describe() + "."];
        }

        if (string.IsNullOrWhiteSpace(body?.Outcome))
        {
            errors["outcome"] = ["The outcome is required."];
        }

        var now = clock.GetUtcNow();
        var performedAt = body?.PerformedAt ?? now;
        if (performedAt > now.AddMinutes(5))
        {
            errors["performedAt"] = ["An activity cannot be logged in the future."];
        }

        if (body?.NextStepAt is { } next && next <= performedAt)
        {
            errors["nextStepAt"] = ["The next step must come after the activity."];
        }

        if (body?.NextStepAt is not null && string.IsNullOrWhiteSpace(body.NextStep))
        {
            errors["nextStep"] = ["Describe the next step when giving its date."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var person = caller.RequirePerson();
        var lead = await FindVisibleAsync(db, scope, caller, id, ct);
        RequireWorker(lead, caller);
        var sla = await PolicyStore.LoadAsync<SlaPolicy>(db, ct);
        var dueAt = lead.FirstContactDueAt;
        var first = lead.LogActivity(performedAt, body!.NextStepAt, sla, now);
        var activity = new LeadActivity
        {
            Id = Guid.CreateVersion7(now),
            LeadId = lead.Id,
            PerformedBy = person,
            Kind = kind!,
            Outcome = body.Outcome!.Trim(),
            NextStep = body.NextStep?.Trim(),
            NextStepAt = body.NextStepAt,
            PerformedAt = performedAt,
            Participants = body.Participants ?? [],
        };
        db.Activities.Add(activity);
        lead.AddCollaborators(activity.Participants);
        if (first)
        {
            db.AddEvent(new LeadFirstContacted(lead.Id, lead.OwnerId!.Value, performedAt, dueAt, dueAt is null || performedAt <= dueAt) { OccurredAt = now }, clock);
        }

        db.AddEvent(new LeadActivityLogged(lead.Id, activity.Id, person, activity.Kind, performedAt) { OccurredAt = now }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/leads/{lead.Id}/activities/{activity.Id}", ToDto(activity));
    }

    private static ActivityDto ToDto(LeadActivity a) =>
        new(a.Id, a.LeadId, a.PerformedBy, a.Kind, a.Outcome, a.NextStep, a.NextStepAt, a.PerformedAt, a.Participants);

    private static async Task<Ok<ListPage<ActivityDto>>> ListActivities(Guid id, ListQuery list, Caller caller, LeadsDbContext db, LeadScope scope,
        CancellationToken ct)
    {
        await FindVisibleAsync(db, scope, caller, id, ct, track: false);
        var activities = db.Activities.AsNoTracking().Where(a => a.LeadId == id);
        if (list.Pattern is { } pattern)
        {
            activities = activities.Where(a => EF.Functions.ILike(a.Outcome, pattern) || (a.NextStep != null && EF.Functions.ILike(a.NextStep, pattern)));
        }

        // The log reads oldest first unless asked otherwise.
        return TypedResults.Ok(await activities.ToPageAsync(list, a => a.Id, ToDto, ct, ListSort.Oldest));
    }

    private static async Task<Ok<ConversionResult>> ConvertLead(Guid id, ConvertRequest? body, Caller caller, LeadsDbContext db, LeadScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        await FindVisibleAsync(db, scope, caller, id, ct, track: false);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The row lock serialises concurrent converts: the second sees Converted and returns the first result.
        var lead = await db.Leads.FromSqlInterpolated($"SELECT * FROM leads WHERE id = {id} FOR UPDATE").SingleAsync(ct);
        RequireWorker(lead, caller);
        // PostgreSQL keeps microseconds: trim so the first answer equals every later (stored) one.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10));
        var name = string.IsNullOrWhiteSpace(body?.OpportunityName) ? $"{lead.Company}: {lead.ContactName}" : body.OpportunityName.Trim();
        if (lead.Convert(name, now, await PolicyStore.LoadAsync<ConversionPolicy>(db, ct)))
        {
            db.AddEvent(new LeadConverted(lead.Id, lead.OwnerId!.Value, lead.PartnerId, lead.Source, lead.Campaign, lead.Company, lead.Industry,
                lead.CompanySize, lead.Region, lead.Province, lead.City, lead.ContactName, lead.ContactTitle, lead.Email, lead.Phone,
                body?.ExistingCustomerId ?? lead.ExistingCustomerId, name, lead.BudgetAmount is { } amount ? new Money(amount, lead.BudgetCurrency!) : null,
                lead.CapturedAt) { OccurredAt = now }, clock);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new ConversionResult(lead.Id, lead.OwnerId!.Value, lead.OpportunityName!, lead.ConvertedAt!.Value));
    }

    private static async Task<Ok<LeadDto>> DisqualifyLead(Guid id, ReasonRequest? body, Caller caller, LeadsDbContext db, LeadScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var reason = RequireReason(body?.Reason);
        var lead = await FindVisibleAsync(db, scope, caller, id, ct);
        RequireWorker(lead, caller);
        var now = clock.GetUtcNow();
        lead.Disqualify(reason, now);
        db.AddEvent(new LeadDisqualified(lead.Id, lead.OwnerId, reason, lead.PartnerId) { OccurredAt = now }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LeadDto.From(lead, now));
    }

    /// <summary>A nurturing lead worked again, by its owner or their manager.</summary>
    private static async Task<Ok<LeadDto>> ReactivateLead(Guid id, ReasonRequest? body, Caller caller, LeadsDbContext db, LeadScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var reason = RequireReason(body?.Reason);
        var lead = await FindVisibleAsync(db, scope, caller, id, ct);
        RequireWorker(lead, caller);
        if (lead.Status != LeadStatus.Nurturing)
        {
            throw new BusinessRuleException("lead.not-nurturing", $"Only a nurturing lead can be reactivated; this one is {lead.Status}.");
        }

        return TypedResults.Ok(await ReopenAsync(db, lead, reason, clock, ct));
    }

    /// <summary>A disqualified lead opened again by a manager, with the reason.</summary>
    private static async Task<Ok<LeadDto>> ReopenLead(Guid id, ReasonRequest? body, Caller caller, LeadsDbContext db, LeadScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var reason = RequireReason(body?.Reason);
        var lead = await FindVisibleAsync(db, scope, caller, id, ct);
        if (lead.Status != LeadStatus.Disqualified)
        {
            throw new BusinessRuleException("lead.not-disqualified", $"Only a disqualified lead can be reopened; this one is {lead.Status}.");
        }

        return TypedResults.Ok(await ReopenAsync(db, lead, reason, clock, ct));
    }

    private static async Task<LeadDto> ReopenAsync(LeadsDbContext db, Lead lead, string reason, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var from = lead.Reopen(reason, now, await PolicyStore.LoadAsync<SlaPolicy>(db, ct));
        db.AddEvent(new LeadReopened(lead.Id, lead.OwnerId, from, reason, lead.PartnerId) { OccurredAt = now }, clock);
        await db.SaveChangesAsync(ct);
        return LeadDto.From(lead, now);
    }

    private static async Task<Ok<LeadDto>> RecycleLead(Guid id, ReasonRequest? body, Caller caller, LeadsDbContext db, LeadScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var reason = RequireReason(body?.Reason);
        var lead = await FindVisibleAsync(db, scope, caller, id, ct);
        RequireWorker(lead, caller);
        var now = clock.GetUtcNow();
        lead.Recycle(reason, now);
        db.AddEvent(new LeadRecycled(lead.Id, lead.OwnerId, reason) { OccurredAt = now }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LeadDto.From(lead, now));
    }

    private static async Task<Ok<LeadDto>> ReassignLead(Guid id, ReassignRequest? body, Caller caller, LeadsDbContext db, LeadScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.OwnerId is null || body.OwnerId == Guid.Empty)
        {
            errors["ownerId"] = ["The new owner is required."];
        }

        if (string.IsNullOrWhiteSpace(body?.Reason))
        {
            errors["reason"] = ["A reason is required for a manual reassignment."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var visibility = await scope.ForAsync(caller, ct);
        var lead = await FindVisibleAsync(db, scope, caller, id, ct);
        if (!visibility.Scope.SeesOwner(body!.OwnerId!.Value))
        {
            throw new ForbiddenException("The new owner is outside your team.");
        }

        var now = clock.GetUtcNow();
        var previous = lead.OwnerId;
        lead.Assign(body!.OwnerId!.Value, $"manual by {caller.Name ?? caller.PersonId?.ToString()}: {body.Reason!.Trim()}", now,
            await PolicyStore.LoadAsync<SlaPolicy>(db, ct));
        db.AddEvent(LeadEvents.Assigned(lead, previous, now), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LeadDto.From(lead, now));
    }

    private static string RequireReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new RequestValidationException("reason", "A reason is required.") : reason.Trim();

    /// <summary>The lead when the caller may see it, else 404 (never reveal what exists).</summary>
    internal static async Task<Lead> FindVisibleAsync(LeadsDbContext db, LeadScope scope, Caller caller, Guid id, CancellationToken ct, bool track = true)
    {
        var query = (await scope.ForAsync(caller, ct)).Apply(track ? db.Leads : db.Leads.AsNoTracking());
        return await query.SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("Lead", id);
    }

    /// <summary>Working a lead (activities, outcome) is for its owner, a manager above them, or an admin: else 403.</summary>
    private static void RequireWorker(Lead lead, Caller caller)
    {
        if (caller.IsPartner || !(caller.IsAdmin || caller.IsManager || lead.OwnerId == caller.PersonId))
        {
            throw new ForbiddenException("Only the lead's owner, their manager or an admin may do this.");
        }
    }
}
