using Microsoft.EntityFrameworkCore;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Data;

/// <summary>Loads the facts, targets, pipeline and overdue snapshots behind a KPI report and hands them to <see cref="KpiCalculator"/>.</summary>
public static class KpiQueries
{
    public static async Task<KpiReport> ComputeAsync(TeamPerformanceDbContext db, IQueryable<Guid> personIds, TargetOwner owner,
        Period period, string currency, CancellationToken ct)
    {
        var facts = await db.Facts.AsNoTracking()
            .Where(f => personIds.Contains(f.PersonId) && f.Month >= period.From && f.Month <= period.To).ToListAsync(ct);
        var targetRows = await TargetRowsAsync(db, owner, period.Year, ct);
        var targets = new PeriodTargets(
            TargetLookup.For(targetRows, TargetMetrics.Revenue, owner, period),
            TargetLookup.For(targetRows, TargetMetrics.Collections, owner, period),
            TargetLookup.For(targetRows, TargetMetrics.NewCustomers, owner, period));
        var pipeline = await db.Pipeline.Where(p => personIds.Contains(p.OwnerId) && p.Currency == currency).SumAsync(p => p.Amount, ct);
        var overdue = await OverdueAsync(db, personIds, period, currency, ct);
        return KpiCalculator.Compute(period, currency, facts, targets, pipeline, overdue);
    }

    public static Task<List<Target>> TargetRowsAsync(TeamPerformanceDbContext db, TargetOwner owner, int year, CancellationToken ct) =>
        db.Targets.AsNoTracking()
            .Where(t => t.Year == year && t.UnitId == owner.UnitId && t.PersonId == owner.PersonId && t.PartnerId == owner.PartnerId)
            .ToListAsync(ct);

    /// <summary>Σ over people of each one's latest overdue snapshot taken no later than the period's last month.</summary>
    private static async Task<decimal> OverdueAsync(TeamPerformanceDbContext db, IQueryable<Guid> personIds, Period period, string currency,
        CancellationToken ct)
    {
        var snapshots = await db.OverdueSnapshots.AsNoTracking()
            .Where(o => personIds.Contains(o.OwnerId) && o.Month <= period.To).ToListAsync(ct);
        return snapshots.GroupBy(o => o.OwnerId)
            .Select(g => g.OrderByDescending(o => o.AsOf).First())
            .Where(o => o.Currency == currency)
            .Sum(o => o.Amount);
    }
}
