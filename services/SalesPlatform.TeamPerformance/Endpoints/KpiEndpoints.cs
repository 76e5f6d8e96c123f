using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Endpoints;

// Several types in one file: The KPI and leaderboard endpoints with their response records.
public sealed record KpiResponse(Guid? PersonId, Guid? UnitId, KpiReport Kpis);

public sealed record LeaderboardResponse(Guid UnitId, string Period, string Metric, IReadOnlyList<LeaderboardEntry> Entries);

/// <summary>KPIs per person or unit and period, and leaderboards.</summary>
public static class KpiEndpoints
{
    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/performance").WithTags("KPIs").RequireAuthorization(Policies.Staff);
        group.MapGet("/kpis", GetKpis);
        group.MapGet("/leaderboards", GetLeaderboard);
        return app;
    }

    /// <summary>KPIs of one person (default: the caller) or one unit (rolled up over its subtree) for a month, quarter or year.</summary>
    private static async Task<Ok<KpiResponse>> GetKpis(Guid? personId, Guid? unitId, string? period, Caller caller, DataScope scope,
        TeamPerformanceDbContext db, IOptions<TeamPerformanceOptions> options, ReportingCalendar calendar, CancellationToken ct)
    {
        var parsed = Period.Parse(period);
        if (personId is not null && unitId is not null)
        {
            throw new RequestValidationException("unitId", "Ask for a person or a unit, not both.");
        }

        if (unitId is { } uid)
        {
            var unit = await Readable.UnitAsync(db, scope, uid, ct);
            var report = await KpiQueries.ComputeAsync(db, OrgSubtree.UnitMemberIds(db, unit.Path), TargetOwner.Unit(uid), parsed,
                options.Value.Currency, ct, calendar);
            return TypedResults.Ok(new KpiResponse(null, uid, report));
        }

        var pid = personId ?? caller.RequirePerson();
        var person = await Readable.PersonAsync(db, scope, pid, ct);
        var ids = db.People.Where(p => p.Id == person.Id).Select(p => p.Id);
        var personReport = await KpiQueries.ComputeAsync(db, ids, TargetOwner.Person(pid), parsed, options.Value.Currency, ct, calendar);
        return TypedResults.Ok(new KpiResponse(pid, null, personReport));
    }

    /// <summary>Reps of a unit ranked by a metric (revenue, collections, new-customers, activities, attainment).</summary>
    private static async Task<Ok<LeaderboardResponse>> GetLeaderboard(Guid unitId, string? period, string? metric, int? top, Caller caller, DataScope scope,
        TeamPerformanceDbContext db, Leaderboard leaderboard, CancellationToken ct)
    {
        var parsed = Period.Parse(period);
        var name = metric ?? "revenue";
        if (!Leaderboard.Metrics.Contains(name))
        {
            throw new RequestValidationException("metric", $"Metric must be one of {string.Join(", ", Leaderboard.Metrics)}.");
        }

        var count = top ?? 20;
        if (count is < 1 or > 500)
        {
            throw new RequestValidationException("top", "top must be between 1 and 500.");
        }

        var unit = await Readable.UnitAsync(db, scope, unitId, ct);
        var entries = await leaderboard.ReadAsync(name, unit, parsed, count, ct);
        return TypedResults.Ok(new LeaderboardResponse(unitId, parsed.Key, name, entries));
    }
}
