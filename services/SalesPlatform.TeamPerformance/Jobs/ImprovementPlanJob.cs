using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesPlatform.Events.TeamPerformance;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Jobs;

/// <summary>
/// Evaluates the last completed month for every active rep and opens improvement plans (with
/// <see cref="ImprovementPlanOpened"/> through the outbox) where <see cref="ImprovementTrigger"/> says so.
/// Safe on several replicas and when rerun: a rep never gets two plans for the same trigger month nor a
/// second open plan, and the check and insert share one serializable transaction. An exclusive job.
/// </summary>
public sealed class ImprovementPlanJob(TeamPerformanceDbContext db, TimeProvider clock, ReportingCalendar calendar,
    IOptions<TeamPerformanceOptions> options, ILogger<ImprovementPlanJob> logger) : IScheduledJob
{
    /// <summary>Job name: settings <c>Jobs:ImprovementPlans:Enabled</c> and <c>Jobs:ImprovementPlans:Interval</c>.</summary>
    public const string Name = "ImprovementPlans";

    /// <inheritdoc />
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var lastMonth = Period.LastCompletedMonth(clock.GetUtcNow(), calendar);
        var opened = await EvaluateAsync(db, lastMonth, options.Value.Currency, clock, cancellationToken);
        if (opened.Count > 0)
        {
            logger.LogInformation("Opened {Count} improvement plans for {Period}", opened.Count, lastMonth.Key);
        }

        return opened.Count;
    }

    /// <summary>Opens the plans due for the run of months ending with <paramref name="month"/>; returns them.</summary>
    public static async Task<IReadOnlyList<ImprovementPlan>> EvaluateAsync(TeamPerformanceDbContext db, Period month, string currency,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!month.IsMonth)
        {
            throw new RequestValidationException("period", "Improvement plans are evaluated per month (e.g. 2026-11).");
        }

        var policy = await PolicyStore.LoadAsync<ImprovementPlanPolicy>(db, ct);
        var periods = policy.ConsecutivePeriods;
        var threshold = policy.AttainmentThreshold;
        var months = new List<Period> { month };
        while (months.Count < periods)
        {
            months.Insert(0, months[0].PreviousMonth());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var reps = await db.People.AsNoTracking().Where(p => p.Active && p.Role == Roles.Rep).ToListAsync(ct);
        var repIds = reps.Select(r => r.Id).ToList();
        var from = months[0].From;
        var revenue = await db.Facts.AsNoTracking()
            .Where(f => f.Kind == FactKinds.ContractSigned && f.Currency == currency && repIds.Contains(f.PersonId) && f.Month >= from && f.Month <= month.To)
            .GroupBy(f => new { f.PersonId, f.Month }).Select(g => new { g.Key.PersonId, g.Key.Month, Amount = g.Sum(f => f.Amount) })
            .ToListAsync(ct);
        var years = months.Select(m => m.Year).Distinct().ToList();
        var targets = await db.Targets.AsNoTracking()
            .Where(t => t.Metric == TargetMetrics.Revenue && years.Contains(t.Year) && t.PersonId != null && repIds.Contains(t.PersonId.Value))
            .ToListAsync(ct);
        // Effort and skill over the same months, against each rep's team (same manager): the quadrant.
        var activity = await db.Facts.AsNoTracking()
            .Where(f => (f.Kind == FactKinds.Activity || f.Kind == FactKinds.LeadAssigned || f.Kind == FactKinds.LeadConverted)
                && repIds.Contains(f.PersonId) && f.Month >= from && f.Month <= month.To)
            .GroupBy(f => new { f.PersonId, f.Kind }).Select(g => new { g.Key.PersonId, g.Key.Kind, Count = g.Count() })
            .ToListAsync(ct);
        decimal Count(Guid person, string kind) => activity.Where(a => a.PersonId == person && a.Kind == kind).Sum(a => a.Count);
        decimal Conversion(Guid person) => Count(person, FactKinds.LeadAssigned) is var assigned and > 0
            ? Math.Min(1, Count(person, FactKinds.LeadConverted) / assigned) : 0;
        var blocked = (await db.ImprovementPlans.AsNoTracking()
            .Where(p => p.Status == "open" || p.TriggerPeriod == month.Key).Select(p => p.PersonId).ToListAsync(ct)).ToHashSet();

        var opened = new List<ImprovementPlan>();
        foreach (var rep in reps.Where(r => !blocked.Contains(r.Id)))
        {
            var attainments = months.Select(m =>
            {
                var target = TargetLookup.For(targets, TargetMetrics.Revenue, TargetOwner.Person(rep.Id), m);
                var actual = revenue.Where(r => r.PersonId == rep.Id && r.Month == m.From).Sum(r => r.Amount);
                return target is null or 0 ? (decimal?)null : actual / target.Value;
            }).ToList();
            if (!ImprovementTrigger.ShouldOpen(attainments, periods, threshold))
            {
                continue;
            }

            var rounded = attainments.Select(a => Math.Round(a!.Value, 4, MidpointRounding.AwayFromZero)).ToList();
            var team = reps.Where(r => r.ManagerId == rep.ManagerId).Select(r => r.Id).ToList();
            var quadrant = ImprovementQuadrant.Classify(Count(rep.Id, FactKinds.Activity), Conversion(rep.Id),
                ImprovementQuadrant.Median([.. team.Select(t => Count(t, FactKinds.Activity))]), ImprovementQuadrant.Median([.. team.Select(Conversion)]));
            var plan = ImprovementPlan.Open(rep.Id, rep.ManagerId, month.Key,
                $"Attainment below {threshold:P0} for {periods} consecutive months ({string.Join(", ", months.Zip(rounded, (m, a) => $"{m.Key}: {a:P2}"))}).",
                now, quadrant, now.AddDays(policy.ReviewAfterDays));
            db.ImprovementPlans.Add(plan);
            db.AddEvent(new ImprovementPlanOpened(plan.Id, rep.Id, rep.ManagerId, month.Key, periods, threshold, rounded)
            {
                OccurredAt = now,
            }, clock);
            opened.Add(plan);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return opened;
    }
}
