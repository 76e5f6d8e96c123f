using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Analytics.Data;
using SalesPlatform.Analytics.ReadModels;
using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Analytics.Endpoints;

// Several types in one file: the funnel and rebuild endpoints with their response records.
/// <summary>One step of the funnel: how many entered it in the period, how many went on to a later stage, conversion, leakage, median days in it.</summary>
public sealed record FunnelStep(string Step, int Entered, int Advanced, decimal? Conversion, decimal? Leakage, double? MedianDays);

/// <summary>The funnel of one group (a rep, a source, a partner, a campaign; <c>all</c>), with its bottleneck and why.</summary>
public sealed record FunnelGroup(string Group, IReadOnlyList<FunnelStep> Steps, string? Bottleneck, string? Why);

public sealed record FunnelDto(DateOnly From, DateOnly To, string By, string Business, IReadOnlyList<FunnelGroup> Groups);

/// <summary>One close month of the pipeline: the amount and the weighted amount (amount × probability) per forecast category.</summary>
public sealed record PipelineMonth(string Month, IReadOnlyDictionary<string, decimal> Amount, IReadOnlyDictionary<string, decimal> Weighted, int Deals);

/// <summary>The pipeline forecast by close month in CNY, for the owners the caller sees (or one), deals in other currencies counted apart.</summary>
public sealed record PipelineDto(string From, string To, string Currency, IReadOnlyList<PipelineMonth> Months, IReadOnlyDictionary<string, decimal> Totals,
    int OtherCurrencies);

public sealed record RebuildDto(int Events, int Stays, int Deals, int Leads, double Seconds);

/// <summary>
/// <c>GET /api/analytics/funnel?from&amp;to&amp;by=rep|source|partner|campaign&amp;business=all|new|repeat</c>: lead to opportunity stages to won, from the
/// read models, in the caller's data scope; <c>POST /api/analytics/rebuild</c> (admin) rebuilds every read model from the event log.
/// </summary>
public static class FunnelEndpoints
{
    private static readonly string[] Stages = ["prospect-identification", "needs-confirmation", "solution-matching", "decision-follow-up", "won"];

    public static IEndpointRouteBuilder MapFunnelEndpoints(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/analytics").WithTags("Funnel").RequireAuthorization(Policies.Staff).Refuses(StatusCodes.Status503ServiceUnavailable);
        analytics.MapGet("/funnel", Funnel);
        analytics.MapPost("/rebuild", Rebuild).RequireAuthorization(Roles.Admin);
        analytics.MapGet("/pipeline", Pipeline);
        return app;
    }

    private static async Task<Ok<FunnelDto>> Funnel(DateOnly? from, DateOnly? to, string? by, string? business, DataScope scope, AnalyticsDbContext db,
        ReportingCalendar calendar, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is null || to is null || to < from)
        {
            errors["from"] = ["from and to (yyyy-MM-dd, Beijing days, to inclusive), from not after to."];
        }

        var grouping = by ?? "all";
        if (grouping is not ("all" or "rep" or "source" or "partner" or "campaign"))
        {
            errors["by"] = ["all, rep, source, partner or campaign."];
        }

        var kind = business ?? "all";
        if (kind is not ("all" or "new" or "repeat"))
        {
            errors["business"] = ["all, new (first deal of a customer) or repeat."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var (start, end) = (calendar.StartOf(from!.Value).ToUniversalTime(), calendar.StartOf(to!.Value.AddDays(1)).ToUniversalTime());
        var stays = scope.Apply(db.StageStays.AsNoTracking(), s => (Guid?)s.OwnerId, s => s.PartnerId).Where(s => s.EnteredAt >= start && s.EnteredAt < end);
        if (kind != "all")
        {
            var wanted = kind == "new";
            var deals = db.FunnelDeals.Where(d => d.NewCustomer == wanted).Select(d => d.OpportunityId);
            stays = stays.Where(s => deals.Contains(s.OpportunityId));
        }

        var rows = await stays.Select(s => new { s.OpportunityId, s.Stage, s.EnteredAt, s.LeftAt, s.NextStage, s.OwnerId, s.PartnerId, s.Source, s.Campaign }).ToListAsync(ct);
        var leads = await scope.Apply(db.FunnelLeads.AsNoTracking(), l => l.OwnerId, l => l.PartnerId).Where(l => l.CapturedAt >= start && l.CapturedAt < end)
            .Select(l => new { l.OwnerId, l.PartnerId, l.Source, l.Campaign, Converted = l.ConvertedAt != null }).ToListAsync(ct);
        string Key(Guid? owner, Guid? partner, string? source, string? campaign) => grouping switch
        {
            "rep" => owner?.ToString() ?? "unassigned",
            "source" => source ?? "unknown",
            "partner" => partner?.ToString() ?? "direct",
            "campaign" => campaign ?? "none",
            _ => "all",
        };

        var groups = rows.Select(r => Key(r.OwnerId, r.PartnerId, r.Source, r.Campaign)).Concat(leads.Select(l => Key(l.OwnerId, l.PartnerId, l.Source, l.Campaign)))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var result = new List<FunnelGroup>();
        foreach (var group in groups)
        {
            var mine = rows.Where(r => Key(r.OwnerId, r.PartnerId, r.Source, r.Campaign) == group).ToList();
            var myLeads = leads.Where(l => Key(l.OwnerId, l.PartnerId, l.Source, l.Campaign) == group).ToList();
            var steps = new List<FunnelStep>
            {
                Step("lead", myLeads.Count, myLeads.Count(l => l.Converted), null),
            };
            foreach (var stage in Stages)
            {
                var entered = mine.Where(r => r.Stage == stage).ToList();
                var advanced = stage == "won" ? entered.Count
                    : entered.Count(r => r.NextStage is { } next && next != "lost" && Array.IndexOf(Stages, next) > Array.IndexOf(Stages, stage));
                var durations = entered.Where(r => r.LeftAt is not null).Select(r => (r.LeftAt!.Value - r.EnteredAt).TotalDays).Order().ToList();
                steps.Add(Step(stage, entered.Count, advanced, durations.Count == 0 ? null : Median(durations)));
            }

            var open = steps.Where(s => s.Step is not ("won") && s.Entered > 0 && s.Conversion is not null).ToList();
            var bottleneck = open.OrderBy(s => s.Conversion).ThenByDescending(s => s.MedianDays ?? 0).FirstOrDefault();
            var next = open.Where(s => s != bottleneck).OrderBy(s => s.Conversion).FirstOrDefault();
            result.Add(new FunnelGroup(group, steps, bottleneck?.Step, bottleneck is null ? null
                : $"{bottleneck.Step} 转化率最低 {Pct(bottleneck.Conversion!.Value)}（次低 {(next is null ? "—" : Pct(next.Conversion!.Value))}），"
                  + $"停留中位数 {bottleneck.MedianDays?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "—"} 天 / "
                  + $"lowest conversion at {bottleneck.Step}: {Pct(bottleneck.Conversion!.Value)} (next lowest {(next is null ? "none" : Pct(next.Conversion!.Value))}), "
                  + $"median {bottleneck.MedianDays?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} days in it"));
        }

        return TypedResults.Ok(new FunnelDto(from.Value, to.Value, grouping, kind, result));
    }

    private static FunnelStep Step(string step, int entered, int advanced, double? median) => new(step, entered, advanced,
        entered == 0 ? null : Math.Round((decimal)advanced / entered, 4), entered == 0 ? null : Math.Round(1 - (decimal)advanced / entered, 4), median);

    private static double Median(List<double> sorted) => Math.Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 2);

    private static string Pct(decimal share) => Math.Round(share * 100, 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>Empties every read model and replays the event log in order (occurred, then event id), in one transaction.</summary>
    private static async Task<Ok<RebuildDto>> Rebuild(AnalyticsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("TRUNCATE stage_stays, funnel_deals, funnel_leads, pipeline_deals RESTART IDENTITY", ct);
        var count = 0;
        Guid? after = null;
        DateTimeOffset? afterAt = null;
        while (true)
        {
            var query = db.EventLog.AsNoTracking();
            if (afterAt is { } at)
            {
                var id = after!.Value;
                query = query.Where(e => e.OccurredAt > at || (e.OccurredAt == at && e.EventId.CompareTo(id) > 0));
            }

            var batch = await query.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId).Take(1000).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var e in batch)
            {
                await FunnelProjection.ApplyAsync(db, e.Type, e.Payload, ct);
                await PipelineProjection.ApplyAsync(db, e.Type, e.Payload, ct);
                await db.SaveChangesAsync(ct);
            }

            db.ChangeTracker.Clear();
            count += batch.Count;
            (after, afterAt) = (batch[^1].EventId, batch[^1].OccurredAt);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new RebuildDto(count, await db.StageStays.CountAsync(ct), await db.FunnelDeals.CountAsync(ct), await db.FunnelLeads.CountAsync(ct),
            Math.Round(clock.GetElapsedTime(started).TotalSeconds, 3)));
    }

    private static readonly string[] Categories = ["pipeline", "best-case", "commit", "closed"];

    /// <summary>
    /// The weighted pipeline by expected close month (<c>from</c> and <c>to</c> as <c>yyyy-MM</c>), per forecast category (pipeline, best case,
    /// commit, closed), from the read model, in the caller's data scope (a manager's is their subtree rolled up). Deals not in CNY are counted in
    /// <c>otherCurrencies</c>: analytics converts nothing it was not told the rate of.
    /// </summary>
    private static async Task<Ok<PipelineDto>> Pipeline(string? from, string? to, Guid? owner, DataScope scope, AnalyticsDbContext db, CancellationToken ct)
    {
        static DateOnly? Month(string? value) => DateOnly.TryParseExact((value ?? "") + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var d) ? d : null;
        var (start, end) = (Month(from), Month(to));
        if (start is null || end is null || end < start)
        {
            throw new RequestValidationException("from", "from and to as yyyy-MM, from not after to.");
        }

        var last = end.Value.AddMonths(1);
        var deals = scope.Apply(db.PipelineDeals.AsNoTracking(), d => (Guid?)d.OwnerId).Where(d => d.ExpectedCloseDate >= start && d.ExpectedCloseDate < last && d.Stage != "lost");
        if (owner is not null)
        {
            deals = deals.Where(d => d.OwnerId == owner);
        }

        var rows = await deals.Select(d => new { d.ExpectedCloseDate, d.Stage, d.Amount, d.Currency, d.Probability }).ToListAsync(ct);
        var cny = rows.Where(r => r.Currency == "CNY").ToList();
        var months = new List<PipelineMonth>();
        for (var m = start.Value; m < last; m = m.AddMonths(1))
        {
            var inMonth = cny.Where(r => r.ExpectedCloseDate!.Value.Year == m.Year && r.ExpectedCloseDate.Value.Month == m.Month).ToList();
            months.Add(new PipelineMonth(m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                Categories.ToDictionary(c => c, c => inMonth.Where(r => PipelineDeal.CategoryOf(r.Stage, r.Probability) == c).Sum(r => r.Amount)),
                Categories.ToDictionary(c => c, c => Math.Round(inMonth.Where(r => PipelineDeal.CategoryOf(r.Stage, r.Probability) == c).Sum(r => r.Amount * r.Probability), 2)),
                inMonth.Count));
        }

        var totals = Categories.ToDictionary(c => c, c => months.Sum(m => m.Weighted[c]));
        return TypedResults.Ok(new PipelineDto(from!, to!, "CNY", months, totals, rows.Count - cny.Count));
    }
}
