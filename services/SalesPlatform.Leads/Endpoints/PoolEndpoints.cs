using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Events.Leads;
using SalesPlatform.Leads.Assignment;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Leads.Endpoints;

// Several types in one file: the pool endpoints with the ownership-history record they answer.
/// <summary>One change of a lead's owner, as the API shows it.</summary>
public sealed record OwnershipChangeDto(Guid LeadId, Guid? FromOwner, Guid? ToOwner, string Kind, string? Reason, string ChangedBy, DateTimeOffset ChangedAt)
{
    public static OwnershipChangeDto From(LeadOwnershipChange c) => new(c.LeadId, c.FromOwner, c.ToOwner, c.Kind, c.Reason, c.ChangedBy, c.ChangedAt);
}

/// <summary>
/// The lead pool (線索池): <c>GET /api/leads/pool</c> (what the caller may claim), <c>POST .../{id}/claim</c>
/// under the pool policy (daily cap in the reporting day, cool-down for a former owner, territory),
/// <c>POST .../{id}/release</c> (back to the pool) and <c>GET .../{id}/ownership</c> (every owner change).
/// </summary>
public static class PoolEndpoints
{
    public static IEndpointRouteBuilder MapPoolEndpoints(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/api/leads").WithTags("Lead pool").RequireAuthorization(Policies.Staff)
            .Refuses(StatusCodes.Status503ServiceUnavailable);
        leads.MapGet("/pool", ListPool);
        leads.MapPost("/{id:guid}/claim", ClaimLead);
        leads.MapPost("/{id:guid}/release", ReleaseLead).WithRequestExample(LeadExamples.Reason);
        leads.MapGet("/{id:guid}/ownership", ListOwnership);
        return app;
    }

    /// <summary>
    /// The pool as the caller may claim from it: unowned leads in the territories they (and their team)
    /// cover, or every one for admins and executives, or when the policy does not tie claims to territory.
    /// </summary>
    private static async Task<Ok<ListPage<LeadDto>>> ListPool(ListQuery list, string? grade, Caller caller, LeadsDbContext db, DataScopes scopes,
        LeadAssigner teamPerformance, TimeProvider clock, CancellationToken ct)
    {
        var pool = await ClaimableAsync(db, caller, scopes, teamPerformance, ct);
        var now = clock.GetUtcNow();
        var filtered = LeadList.Filter(pool, new LeadFilters(null, grade, null, null, null, null), list, now);
        return TypedResults.Ok(await filtered.ToPageAsync(list, l => l.Id, l => LeadDto.From(l, now), ct));
    }

    private static async Task<Ok<LeadDto>> ClaimLead(Guid id, Caller caller, LeadsDbContext db, DataScopes scopes, LeadAssigner teamPerformance,
        TimeProvider clock, ReportingCalendar calendar, CancellationToken ct)
    {
        var me = caller.RequirePerson();
        var policy = await PolicyStore.LoadAsync<PoolPolicy>(db, ct);
        var claimable = await ClaimableAsync(db, caller, scopes, teamPerformance, ct);
        if (!await claimable.AnyAsync(l => l.Id == id, ct))
        {
            throw new NotFoundException("Lead", id);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One claim per lead at a time, and one claimer's count at a time: a lock on the lead, and on the person.
        var lead = await db.Leads.FromSqlInterpolated($"SELECT * FROM leads WHERE id = {id} FOR UPDATE").SingleAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"lead-claims:" + me}, 0))", ct);
        var now = clock.GetUtcNow();
        var dayStart = calendar.StartOf(calendar.DateOf(now));
        var claimedToday = await db.OwnershipChanges.CountAsync(c => c.ToOwner == me && c.Kind == "claimed" && c.ChangedAt >= dayStart, ct);
        if (claimedToday >= policy.DailyClaimCap)
        {
            throw new BusinessRuleException("lead.claim-cap", $"You have claimed {claimedToday} leads today; the daily cap is {policy.DailyClaimCap}.");
        }

        var cooledFrom = now.AddDays(-policy.ReclaimCooldownDays);
        if (await db.OwnershipChanges.AnyAsync(c => c.LeadId == id && c.FromOwner == me && c.ToOwner != me && c.ChangedAt > cooledFrom, ct))
        {
            throw new BusinessRuleException("lead.claim-cooldown",
                $"You had this lead in the last {policy.ReclaimCooldownDays} days; a former owner waits out the cool-down before claiming it again.");
        }

        lead.Claim(me, caller.Name ?? me.ToString(), now, await PolicyStore.LoadAsync<SlaPolicy>(db, ct));
        db.AddEvent(LeadEvents.Assigned(lead, null, now), clock);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(LeadDto.From(lead, now));
    }

    /// <summary>The owner (or their manager) gives the lead back to the pool, with the reason.</summary>
    private static async Task<Ok<LeadDto>> ReleaseLead(Guid id, ReasonRequest? body, Caller caller, LeadsDbContext db, LeadScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? throw new RequestValidationException("reason", "A reason is required.") : body.Reason.Trim();
        var lead = await LeadsEndpoints.FindVisibleAsync(db, scope, caller, id, ct);
        if (!(caller.IsAdmin || caller.IsManager || lead.OwnerId == caller.PersonId))
        {
            throw new ForbiddenException("Only the lead's owner, their manager or an admin may release it.");
        }

        var now = clock.GetUtcNow();
        var previous = lead.ReturnToPool("released", reason, caller.Name ?? caller.PersonId?.ToString() ?? "unknown", now);
        db.AddEvent(new LeadReturnedToPool(lead.Id, previous, "released", reason, lead.PartnerId) { OccurredAt = now }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LeadDto.From(lead, now));
    }

    private static async Task<Ok<ListPage<OwnershipChangeDto>>> ListOwnership(Guid id, ListQuery list, Caller caller, LeadsDbContext db,
        LeadScope scope, CancellationToken ct)
    {
        await LeadsEndpoints.FindVisibleAsync(db, scope, caller, id, ct, track: false);
        return TypedResults.Ok(await db.OwnershipChanges.AsNoTracking().Where(c => c.LeadId == id)
            .ToPageAsync(list, c => (int)c.Id, OwnershipChangeDto.From, ct, ListSort.Oldest));
    }

    // Unowned open leads the caller may claim: every one for those who see everything or when claims are not
    // tied to territory; otherwise those in the territories the caller and their team cover.
    private static async Task<IQueryable<Lead>> ClaimableAsync(LeadsDbContext db, Caller caller, DataScopes scopes, LeadAssigner teamPerformance,
        CancellationToken ct)
    {
        var me = caller.RequirePerson();
        var pool = db.Leads.AsNoTracking().Where(l => l.Status == LeadStatus.Queued && l.OwnerId == null);
        var policy = await PolicyStore.LoadAsync<PoolPolicy>(db, ct);
        if (!policy.ClaimRequiresTerritory || DataScopeRules.ReachOf(caller) == DataReach.All)
        {
            return pool;
        }

        var areas = await scopes.CachedAsync<List<QueueArea>>($"leads:coverage:{me:N}", async () => [.. await teamPerformance.GetCoverageAsync(me, ct)]);
        return areas.Count == 0 ? pool.Where(_ => false) : pool.Where(areas.Select(a => a.Covers()).Aggregate(Predicates.Or));
    }
}
