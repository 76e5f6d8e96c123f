using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Messaging;
using SalesPlatform.Opportunities.Consumers;
using SalesPlatform.Opportunities.Data;
using SalesPlatform.Opportunities.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Opportunities.Endpoints;

// Several types in one file: the opportunity endpoints with their request and response records.
public sealed record CreateOpportunityRequest(string? Name, Guid? CustomerId, string? CustomerName, decimal? Amount, string? Currency, DateOnly? ExpectedCloseDate,
    string? Source, string? Campaign, Guid? PartnerId, Guid? OwnerId, List<Guid>? Collaborators);

public sealed record EditOpportunityRequest(string? Name, decimal? Amount, DateOnly? ExpectedCloseDate, List<Guid>? Collaborators,
    [property: MultilineText] string? FallBack, List<string>? Competitors);

public sealed record StageRequest(string? Stage, [property: MultilineText] string? Reason, string? Competitor);

public sealed record ActivityRequest(string? Kind, [property: MultilineText] string? Note, DateTimeOffset? At);

public sealed record NeedsRequest([property: MultilineText] string? PainPoints, string? Budget, [property: MultilineText] string? DecisionProcess,
    List<string>? DecisionMakers);

public sealed record OpportunityDto(Guid Id, string Name, Guid? CustomerId, string? CustomerName, Guid OwnerId, Guid? PartnerId, Guid? LeadId, string? Source,
    string? Campaign, decimal Amount, string Currency, DateOnly? ExpectedCloseDate, string Stage, decimal Probability, decimal WeightedAmount,
    DateTimeOffset StageEnteredAt, double DaysInStage, DateTimeOffset LastActivityAt, bool Stale, IReadOnlyList<Guid> Collaborators, NeedsAnalysis? Needs,
    string? LostReason, string? Competitor, string? FallBack, IReadOnlyList<string> Competitors, Guid? AcceptedQuoteId, DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt)
{
    public static OpportunityDto From(Opportunity o, DateTimeOffset now, int staleAfterDays) => new(o.Id, o.Name, o.CustomerId, o.CustomerName, o.OwnerId,
        o.PartnerId, o.LeadId, o.Source, o.Campaign, o.Amount, o.Currency, o.ExpectedCloseDate, o.Stage, o.Probability, MoneyMath.Round(o.Amount * o.Probability),
        o.StageEnteredAt, Math.Round((now - o.StageEnteredAt).TotalDays, 2), o.LastActivityAt, o.IsOpen && o.LastActivityAt < now.AddDays(-staleAfterDays),
        o.Collaborators, o.Needs, o.LostReason, o.Competitor, o.FallBack, o.Competitors, o.AcceptedQuoteId, o.CreatedAt, o.ClosedAt);
}

public sealed record StageChangeDto(string? FromStage, string ToStage, decimal Amount, string Currency, decimal Probability, string? Reason, string By, DateTimeOffset At,
    double? DaysInPreviousStage)
{
    public static StageChangeDto Of(StageChange c) => new(c.FromStage, c.ToStage, c.Amount, c.Currency, c.Probability, c.Reason, c.By, c.At,
        c.TimeInPreviousStage is { } t ? Math.Round(t.TotalDays, 2) : null);
}

public sealed record ActivityDto(Guid Id, string Kind, string Note, string By, DateTimeOffset At)
{
    public static ActivityDto From(OpportunityActivity a) => new(a.Id, a.Kind, a.Note, a.By, a.At);
}

/// <summary>One column of the board: a stage with its deals' count, amount and weighted amount in the base currency.</summary>
public sealed record BoardColumn(string Stage, decimal Probability, int Count, decimal Amount, decimal WeightedAmount, int Unconverted);

public sealed record BoardDto(string Currency, IReadOnlyList<BoardColumn> Stages, int Stale);

/// <summary>Won and lost deals of a period: counts, win rate, won amounts per currency, days to close, losses by reason and competitor.</summary>
public sealed record WinLossDto(string Period, int Won, int Lost, decimal? WinRate, IReadOnlyDictionary<string, decimal> WonAmount, double? AverageDaysToClose,
    IReadOnlyDictionary<string, int> LossReasons, IReadOnlyDictionary<string, int> Competitors);

/// <summary>
/// Opportunities: <c>POST /api/opportunities</c> (by hand), <c>GET</c> (list envelope: owner, stage, close month, partner, source, <c>q</c>),
/// <c>GET .../board</c>, <c>GET/PATCH .../{id}</c>, <c>POST .../{id}/stage</c> (the stage rules; 422 names each missing criterion),
/// <c>GET .../{id}/history</c>, <c>POST/GET .../{id}/activities</c>, <c>PUT .../{id}/needs</c>. Outside the caller's data scope: 404.
/// </summary>
public static class OpportunitiesEndpoints
{
    public static IEndpointRouteBuilder MapOpportunitiesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/opportunities").WithTags("Opportunities").RequireAuthorization(Policies.AnyCaller)
            .Refuses(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/", Create).RequireAuthorization(Policies.Staff).WithRequestExample(new
        {
            name = "苏州精密二期产线", customerName = "苏州精密机械有限公司", amount = 1_200_000m, currency = "CNY", expectedCloseDate = "2027-03-31",
            source = "referral",
        });
        group.MapGet("/", List);
        group.MapGet("/board", Board);
        group.MapGet("/win-loss", WinLoss);
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Edit).RequireAuthorization(Policies.Staff);
        group.MapPost("/{id:guid}/stage", MoveStage).RequireAuthorization(Policies.Staff).WithRequestExample(new { stage = "needs-confirmation" });
        group.MapGet("/{id:guid}/history", History);
        group.MapPost("/{id:guid}/activities", LogActivity).RequireAuthorization(Policies.Staff).WithRequestExample(new { kind = "高层会面", note = "与采购总监、CFO 会谈" });
        group.MapGet("/{id:guid}/activities", Activities);
        group.MapPut("/{id:guid}/needs", SetNeeds).RequireAuthorization(Policies.Staff).WithRequestExample(new
        {
            painPoints = "人工检测漏检率高", budget = "120 万，已列入明年预算", decisionProcess = "技术评估后由采购总监、CFO 联签", decisionMakers = new[] { "采购总监", "CFO" },
        });
        var policies = app.MapGroup("/api/opportunities/policies").WithTags("Opportunity policies").RequireAuthorization(Policies.Staff);
        policies.MapPolicy<OpportunitiesDbContext, StagePolicy>();
        policies.MapPolicy<OpportunitiesDbContext, QuotePolicy>();
        policies.MapPolicy<OpportunitiesDbContext, ExchangeRatePolicy>(writers: Policies.Admin);
        policies.MapPolicyHistory<OpportunitiesDbContext>("");
        return app;
    }

    internal static IQueryable<Opportunity> Visible(OpportunitiesDbContext db, DataScope scope, bool track = false) =>
        scope.Apply(track ? db.Opportunities : db.Opportunities.AsNoTracking(), o => (Guid?)o.OwnerId, o => o.PartnerId, o => o.Collaborators);

    internal static async Task<Opportunity> FindAsync(OpportunitiesDbContext db, DataScope scope, Guid id, CancellationToken ct, bool track = true) =>
        await Visible(db, scope, track).SingleOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("Opportunity", id);

    private static async Task<Created<OpportunityDto>> Create(CreateOpportunityRequest? body, Caller caller, DataScope scope, OpportunitiesDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = Normalizer.Text(body?.Name);
        if (name is null || name.Length > 200)
        {
            errors["name"] = ["What the deal is, at most 200 characters."];
        }

        if (body?.CustomerId is null && Normalizer.Text(body?.CustomerName) is null)
        {
            errors["customerId"] = ["The customer's id, or its name (customerName) while it is not a customer yet."];
        }

        if (body?.Amount is not { } amount || amount < 0)
        {
            errors["amount"] = ["The expected amount, 0 or more."];
        }

        var currency = (body?.Currency ?? "CNY").Trim().ToUpperInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors["currency"] = ["An ISO 4217 code such as CNY."];
        }

        var owner = body?.OwnerId ?? caller.PersonId;
        if (owner is null)
        {
            errors["ownerId"] = ["The owning rep's person id."];
        }
        else if (!scope.SeesOwner(owner))
        {
            errors["ownerId"] = ["You may open opportunities for yourself or your team only."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var now = clock.GetUtcNow();
        var stages = await PolicyStore.LoadAsync<StagePolicy>(db, ct);
        var opportunity = Opportunity.Open(name!, body!.CustomerId, Normalizer.Text(body.CustomerName), owner!.Value, body.PartnerId, null,
            Vocabularies.LeadSources.Resolve(body.Source)?.Code ?? Normalizer.Text(body.Source), Normalizer.Text(body.Campaign), null, null, body.Amount!.Value, currency,
            body.ExpectedCloseDate, body.Collaborators ?? [], stages.Open.First(), now);
        db.Opportunities.Add(opportunity);
        db.StageChanges.Add(new StageChange
        {
            OpportunityId = opportunity.Id, ToStage = opportunity.Stage, Amount = opportunity.Amount, Currency = currency, Probability = opportunity.Probability,
            By = By(caller), At = now,
        });
        OpportunityEvents.Opened(db, opportunity, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/opportunities/{opportunity.Id}", OpportunityDto.From(opportunity, now, stages.StaleAfterDays));
    }

    private static async Task<Ok<ListPage<OpportunityDto>>> List(ListQuery list, Guid? owner, Guid? unit, string? stage, string? closeMonth, Guid? partner,
        string? source, bool? stale, DataScope scope, OpportunitiesDbContext db, TimeProvider clock, TeamDirectory directory, CancellationToken ct)
    {
        var query = await ByUnitAsync(Visible(db, scope), unit, scope, directory, ct);
        if (owner is not null)
        {
            query = query.Where(o => o.OwnerId == owner);
        }

        if (!string.IsNullOrWhiteSpace(stage))
        {
            var code = OpportunityVocabularies.Stages.Resolve(stage)?.Code
                ?? throw new RequestValidationException("stage", "Stage must be one of: " + OpportunityVocabularies.Stages.Describe() + ".");
            query = query.Where(o => o.Stage == code);
        }

        if (!string.IsNullOrWhiteSpace(closeMonth))
        {
            var period = Period.Parse(closeMonth, "closeMonth");
            var (from, to) = (new DateOnly(period.Year, period.FirstMonth, 1), new DateOnly(period.Year, period.LastMonth, 1).AddMonths(1));
            query = query.Where(o => o.ExpectedCloseDate >= from && o.ExpectedCloseDate < to);
        }

        if (partner is not null)
        {
            query = query.Where(o => o.PartnerId == partner);
        }

        if (!string.IsNullOrWhiteSpace(source))
        {
            var code = Vocabularies.LeadSources.Resolve(source)?.Code ?? source.Trim();
            query = query.Where(o => o.Source == code);
        }

        var now = clock.GetUtcNow();
        var policy = await PolicyStore.LoadAsync<StagePolicy>(db, ct);
        if (stale == true)
        {
            var before = now.AddDays(-policy.StaleAfterDays);
            query = query.Where(o => o.Stage != StagePolicy.Won && o.Stage != StagePolicy.Lost && o.LastActivityAt < before);
        }

        query = query.Search(list, pattern => o => EF.Functions.ILike(o.Name, pattern) || (o.CustomerName != null && EF.Functions.ILike(o.CustomerName, pattern)));
        return TypedResults.Ok(await query.ToPageAsync(list, o => o.Id, o => OpportunityDto.From(o, now, policy.StaleAfterDays), ct));
    }

    /// <summary>The pipeline by stage in the caller's scope: counts, amounts and weighted amounts converted to the base currency at today's rates.</summary>
    private static async Task<Ok<BoardDto>> Board(Guid? owner, Guid? unit, DataScope scope, OpportunitiesDbContext db, TimeProvider clock,
        ReportingCalendar calendar, TeamDirectory directory, CancellationToken ct)
    {
        var query = await ByUnitAsync(Visible(db, scope), unit, scope, directory, ct);
        if (owner is not null)
        {
            query = query.Where(o => o.OwnerId == owner);
        }

        var rows = await query.GroupBy(o => new { o.Stage, o.Currency })
            .Select(g => new { g.Key.Stage, g.Key.Currency, Count = g.Count(), Amount = g.Sum(o => o.Amount), Weighted = g.Sum(o => o.Amount * o.Probability) })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var policy = await PolicyStore.LoadAsync<StagePolicy>(db, ct);
        var rates = await PolicyStore.LoadAsync<ExchangeRatePolicy>(db, ct);
        var today = calendar.DateOf(now);
        const string currency = "CNY";
        var columns = policy.Stages.Select(s =>
        {
            var of = rows.Where(r => r.Stage == s.Code).ToList();
            var converted = of.Select(r => (r.Count, Amount: rates.ToReporting(r.Amount, r.Currency, currency, today), Weighted: rates.ToReporting(r.Weighted, r.Currency, currency, today))).ToList();
            return new BoardColumn(s.Code, s.Probability, of.Sum(r => r.Count), MoneyMath.Round(converted.Sum(c => c.Amount ?? 0m)),
                MoneyMath.Round(converted.Sum(c => c.Weighted ?? 0m)), converted.Where(c => c.Amount is null).Sum(c => c.Count));
        }).ToList();
        var staleBefore = now.AddDays(-policy.StaleAfterDays);
        var stale = await query.CountAsync(o => o.Stage != StagePolicy.Won && o.Stage != StagePolicy.Lost && o.LastActivityAt < staleBefore, ct);
        return TypedResults.Ok(new BoardDto(currency, columns, stale));
    }

    /// <summary>Deals owned by the people of a unit (and the units under it) the caller may see; 404 for a unit outside the scope.</summary>
    internal static async Task<IQueryable<Opportunity>> ByUnitAsync(IQueryable<Opportunity> query, Guid? unit, DataScope scope, TeamDirectory directory,
        CancellationToken ct)
    {
        if (unit is not { } unitId)
        {
            return query;
        }

        var members = scope.SeesUnit(unitId) ? await directory.UnitMembersAsync(unitId, ct) : null;
        if (members is null)
        {
            throw new NotFoundException("Unit", unitId);
        }

        var people = members.ToArray();
        return query.Where(o => people.Contains(o.OwnerId));
    }

    /// <summary>
    /// Win/loss over the deals closed in a period (Beijing days) in the caller's scope: won and lost counts and amounts, the win rate,
    /// the average days to close, and the losses by reason and by competitor.
    /// </summary>
    private static async Task<Ok<WinLossDto>> WinLoss(string? period, Guid? owner, Guid? unit, DataScope scope, OpportunitiesDbContext db, ReportingCalendar calendar,
        TeamDirectory directory, CancellationToken ct)
    {
        var parsed = Period.Parse(period ?? throw new RequestValidationException("period", "A period such as 2026, 2026-Q4 or 2026-11."));
        var (from, to) = (parsed.Start(calendar).ToUniversalTime(), parsed.End(calendar).ToUniversalTime());
        var query = (await ByUnitAsync(Visible(db, scope), unit, scope, directory, ct))
            .Where(o => (o.Stage == StagePolicy.Won || o.Stage == StagePolicy.Lost) && o.ClosedAt >= from && o.ClosedAt < to);
        if (owner is not null)
        {
            query = query.Where(o => o.OwnerId == owner);
        }

        var closed = await query.Select(o => new { o.Stage, o.Amount, o.Currency, o.LostReason, o.Competitor, o.CreatedAt, o.ClosedAt }).ToListAsync(ct);
        var won = closed.Where(c => c.Stage == StagePolicy.Won).ToList();
        var lost = closed.Where(c => c.Stage == StagePolicy.Lost).ToList();
        return TypedResults.Ok(new WinLossDto(parsed.Key, won.Count, lost.Count, closed.Count == 0 ? null : Math.Round((decimal)won.Count / closed.Count, 4),
            won.GroupBy(w => w.Currency).ToDictionary(g => g.Key, g => g.Sum(w => w.Amount)),
            won.Count == 0 ? null : Math.Round(won.Average(w => (w.ClosedAt!.Value - w.CreatedAt).TotalDays), 1),
            lost.GroupBy(l => l.LostReason ?? "other").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            lost.Where(l => l.Competitor is not null).GroupBy(l => l.Competitor!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count())));
    }

    private static async Task<Ok<OpportunityDto>> Get(Guid id, DataScope scope, OpportunitiesDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(OpportunityDto.From(await FindAsync(db, scope, id, ct, track: false), clock.GetUtcNow(),
            (await PolicyStore.LoadAsync<StagePolicy>(db, ct)).StaleAfterDays));

    private static async Task<Ok<OpportunityDto>> Edit(Guid id, EditOpportunityRequest? body, DataScope scope, OpportunitiesDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (body?.Amount is < 0)
        {
            throw new RequestValidationException("amount", "The expected amount is 0 or more.");
        }

        var opportunity = await FindAsync(db, scope, id, ct);
        if (!opportunity.IsOpen)
        {
            throw new ConflictException("opportunity.closed", $"The opportunity is {opportunity.Stage}; a closed deal is not edited.");
        }

        var now = clock.GetUtcNow();
        var amountBefore = opportunity.Amount;
        opportunity.Edit(Normalizer.Text(body?.Name), body?.Amount, body?.ExpectedCloseDate, body?.Collaborators, Normalizer.Text(body?.FallBack),
            body?.Competitors?.Select(Normalizer.Text).OfType<string>().ToList(), now);
        if (opportunity.Amount != amountBefore || body?.ExpectedCloseDate is not null)
        {
            OpportunityEvents.StageChanged(db, opportunity, clock);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OpportunityDto.From(opportunity, now, (await PolicyStore.LoadAsync<StagePolicy>(db, ct)).StaleAfterDays));
    }

    /// <summary>
    /// Moves the deal: forward one stage when the current stage's criteria are met (to won, also won's: an accepted unexpired quote and the
    /// customer), to lost from any open stage with a reason (and the competitor, if known), back with a reason. 422 lists each missing criterion.
    /// </summary>
    private static async Task<Ok<OpportunityDto>> MoveStage(Guid id, StageRequest? body, Caller caller, DataScope scope, OpportunitiesDbContext db,
        TimeProvider clock, ReportingCalendar calendar, CancellationToken ct)
    {
        var policy = await PolicyStore.LoadAsync<StagePolicy>(db, ct);
        var to = OpportunityVocabularies.Stages.Resolve(body?.Stage)?.Code is { } code ? policy.Find(code)
            : throw new RequestValidationException("stage", "Stage must be one of: " + OpportunityVocabularies.Stages.Describe() + ".");
        var opportunity = await FindAsync(db, scope, id, ct);
        if (!opportunity.IsOpen)
        {
            throw new ConflictException("opportunity.closed", $"The opportunity is {opportunity.Stage} already.");
        }

        if (to!.Code == opportunity.Stage)
        {
            throw new ConflictException("opportunity.same-stage", $"The opportunity is in {to.Code} already.");
        }

        var now = clock.GetUtcNow();
        var reason = Normalizer.Text(body?.Reason);
        var lossReason = to.Code == StagePolicy.Lost ? OpportunityVocabularies.LossReasons.Resolve(reason)?.Code ?? (reason is null ? null : "other") : null;
        var backward = to.Code != StagePolicy.Lost && to.Code != StagePolicy.Won && policy.IndexOf(to.Code) < policy.IndexOf(opportunity.Stage);
        if (backward)
        {
            if (reason is null)
            {
                throw new BusinessRuleException("opportunity.stage-refused", "Moving a deal back needs a reason.")
                {
                    Details = new Dictionary<string, object?> { ["missing"] = new[] { "reason" } },
                };
            }
        }
        else
        {
            var facts = await FactsAsync(db, opportunity, lossReason is not null, now, calendar, ct);
            var missing = policy.Missing(opportunity.Stage, to.Code, facts);
            if (missing.Count > 0)
            {
                throw new BusinessRuleException("opportunity.stage-refused",
                    $"{opportunity.Stage} -> {to.Code} is refused: " + string.Join("; ", missing.Select(m => StagePolicy.CriterionNames.GetValueOrDefault(m, m))))
                {
                    Details = new Dictionary<string, object?>
                    {
                        ["missing"] = missing,
                        ["explained"] = missing.ToDictionary(m => m, m => StagePolicy.CriterionNames.GetValueOrDefault(m)
                            ?? (m.StartsWith("skips:", StringComparison.Ordinal) ? $"跳过阶段 / skips the {m[6..]} stage" : m)),
                    },
                };
            }
        }

        if (to.Code == StagePolicy.Lost)
        {
            opportunity.MarkLost(lossReason!, Normalizer.Text(body?.Competitor));
        }

        db.StageChanges.Add(opportunity.MoveTo(to, By(caller), to.Code == StagePolicy.Lost ? reason : backward ? reason : null, now));
        OpportunityEvents.StageChanged(db, opportunity, clock);
        if (to.Code == StagePolicy.Won)
        {
            await WonAsync(db, opportunity, calendar, clock, ct);
        }
        else if (to.Code == StagePolicy.Lost)
        {
            db.AddEvent(new OpportunityLost(opportunity.Id, opportunity.CustomerId ?? Guid.Empty, opportunity.OwnerId, new Money(opportunity.Amount, opportunity.Currency),
                opportunity.CreatedAt, lossReason!, opportunity.Competitor, opportunity.PartnerId) { OccurredAt = now }, clock);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OpportunityDto.From(opportunity, now, policy.StaleAfterDays));
    }

    /// <summary>Won: the event carries the accepted quote's lines, cost and the amount in the base currency with its rate, so nobody calls back.</summary>
    private static async Task WonAsync(OpportunitiesDbContext db, Opportunity o, ReportingCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var quote = await db.Quotes.AsNoTracking().SingleAsync(q => q.Id == o.AcceptedQuoteId, ct);
        var earlierWins = await db.Opportunities.AnyAsync(x => x.CustomerId == o.CustomerId && x.Id != o.Id && x.Stage == StagePolicy.Won, ct);
        var now = clock.GetUtcNow();
        var today = calendar.DateOf(now);
        var rates = await PolicyStore.LoadAsync<ExchangeRatePolicy>(db, ct);
        var rate = quote.Currency == "CNY" ? 1m : rates.RateOn(quote.Currency, today)?.Rate;
        var rateDate = quote.Currency == "CNY" ? today : rates.RateOn(quote.Currency, today)?.From ?? today;
        db.AddEvent(new OpportunityWon(o.Id, o.CustomerId!.Value, o.OwnerId, new Money(quote.Total, quote.Currency), o.CreatedAt, o.PartnerId, o.LeadId, !earlierWins,
            quote.Id, QuoteEvents.Lines(quote),
            rate is { } r ? new SalesPlatform.Events.Contracts.ConvertedMoney(new Money(MoneyMath.Round(quote.Total * r), "CNY"), r, rateDate) : null,
            new Money(quote.Cost, quote.Currency)) { OccurredAt = now }, clock);
    }

    /// <summary>What the deal has, for the stage criteria.</summary>
    public static async Task<StageFacts> FactsAsync(OpportunitiesDbContext db, Opportunity o, bool lossReason, DateTimeOffset now, ReportingCalendar calendar,
        CancellationToken ct)
    {
        var kinds = await db.Activities.AsNoTracking().Where(a => a.OpportunityId == o.Id).Select(a => a.Kind).Distinct().ToListAsync(ct);
        var quotes = await db.Quotes.AsNoTracking().Where(q => q.OpportunityId == o.Id && (q.Status == QuoteStatus.Issued || q.Status == QuoteStatus.Accepted))
            .ToListAsync(ct);
        return new StageFacts(kinds.Count > 0, o.Needs is { } n && n.Missing().Count == 0, quotes.Count > 0,
            kinds.Any(k => OpportunityActivity.DecisionMakerKinds.Contains(k)),
            quotes.Any(q => q.Status == QuoteStatus.Accepted && q.Id == o.AcceptedQuoteId && calendar.DateOf(q.AcceptedAt ?? now) <= q.ValidUntil),
            o.CustomerId is not null, lossReason);
    }

    private static async Task<Ok<ListPage<StageChangeDto>>> History(Guid id, ListQuery list, DataScope scope, OpportunitiesDbContext db, CancellationToken ct)
    {
        await FindAsync(db, scope, id, ct, track: false);
        return TypedResults.Ok(await db.StageChanges.AsNoTracking().Where(c => c.OpportunityId == id)
            .ToPageAsync(list, c => (int)c.Id, StageChangeDto.Of, ct, ListSort.Oldest));
    }

    private static async Task<Created<ActivityDto>> LogActivity(Guid id, ActivityRequest? body, Caller caller, DataScope scope, OpportunitiesDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = OpportunityVocabularies.ActivityKinds.Resolve(body?.Kind)?.Code;
        if (kind is null)
        {
            errors["kind"] = ["Kind must be one of: " + OpportunityVocabularies.ActivityKinds.Describe() + "."];
        }

        var note = Normalizer.Text(body?.Note);
        if (note is null || note.Length > 2000)
        {
            errors["note"] = ["What happened is required (at most 2000 characters)."];
        }

        var now = clock.GetUtcNow();
        var at = body?.At?.ToUniversalTime() ?? now;
        if (at > now.AddMinutes(5))
        {
            errors["at"] = ["An activity is logged once it happened, not ahead of time."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var opportunity = await FindAsync(db, scope, id, ct);
        var activity = new OpportunityActivity { OpportunityId = id, Kind = kind!, Note = note!, By = By(caller), At = at };
        db.Activities.Add(activity);
        opportunity.Touched(at);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/opportunities/{id}/activities/{activity.Id}", ActivityDto.From(activity));
    }

    private static async Task<Ok<ListPage<ActivityDto>>> Activities(Guid id, ListQuery list, DataScope scope, OpportunitiesDbContext db, CancellationToken ct)
    {
        await FindAsync(db, scope, id, ct, track: false);
        return TypedResults.Ok(await db.Activities.AsNoTracking().Where(a => a.OpportunityId == id).ToPageAsync(list, a => a.Id, ActivityDto.From, ct));
    }

    private static async Task<Ok<OpportunityDto>> SetNeeds(Guid id, NeedsRequest? body, DataScope scope, OpportunitiesDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var needs = new NeedsAnalysis(Normalizer.Text(body?.PainPoints), Normalizer.Text(body?.Budget), Normalizer.Text(body?.DecisionProcess),
            (body?.DecisionMakers ?? []).Select(Normalizer.Text).OfType<string>().ToList());
        var opportunity = await FindAsync(db, scope, id, ct);
        var now = clock.GetUtcNow();
        opportunity.SetNeeds(needs, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OpportunityDto.From(opportunity, now, (await PolicyStore.LoadAsync<StagePolicy>(db, ct)).StaleAfterDays));
    }

    internal static string By(Caller caller) => caller.Name ?? caller.PersonId?.ToString() ?? "unknown";
}
