using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Data;

/// <summary>Loads the facts, targets, pipeline and overdue snapshots behind a KPI report and hands them to <see cref="KpiCalculator"/>.</summary>
public static class KpiQueries
{
    public static async Task<KpiReport> ComputeAsync(TeamPerformanceDbContext db, IQueryable<Guid> personIds, TargetOwner owner,
        Period period, string currency, CancellationToken ct, ReportingCalendar? calendar = null)
    {
        var rates = await PolicyStore.LoadAsync<ExchangeRatePolicy>(db, ct);
        var zone = calendar ?? ReportingCalendar.China;
        var facts = await db.Facts.AsNoTracking()
            .Where(f => personIds.Contains(f.PersonId) && f.Month >= period.From && f.Month <= period.To).ToListAsync(ct);
        var targetRows = await TargetRowsAsync(db, owner, period.Year, ct);
        var targets = new PeriodTargets(
            TargetLookup.For(targetRows, TargetMetrics.Revenue, owner, period),
            TargetLookup.For(targetRows, TargetMetrics.Collections, owner, period),
            TargetLookup.For(targetRows, TargetMetrics.NewCustomers, owner, period));
        var pipeline = await db.Pipeline.Where(p => personIds.Contains(p.OwnerId) && p.Currency == currency).SumAsync(p => p.Amount, ct);
        // Coverage of the period asked: the open deals expected to close in it, against its target.
        var first = new DateOnly(period.Year, period.FirstMonth, 1);
        var last = new DateOnly(period.Year, period.LastMonth, 1).AddMonths(1).AddDays(-1);
        var closingInPeriod = await db.Pipeline.Where(p => personIds.Contains(p.OwnerId) && p.Currency == currency
            && p.ExpectedCloseDate >= first && p.ExpectedCloseDate <= last).SumAsync(p => p.Amount, ct);
        var overdue = await OverdueAsync(db, personIds, period, currency, ct);
        // The cohort's conversions, whenever they happened (a lead assigned in March and converted in May is March's).
        var cohort = facts.Where(f => f.Kind == FactKinds.LeadAssigned && f.SubjectId != null).Select(f => f.SubjectId!.Value).Distinct().ToList();
        var converted = (await db.Facts.AsNoTracking()
                .Where(f => f.Kind == FactKinds.LeadConverted && f.SubjectId != null && cohort.Contains(f.SubjectId.Value))
                .Select(f => f.SubjectId!.Value).ToListAsync(ct))
            .Concat(facts.Where(f => f.Kind == FactKinds.LeadConverted).Select(f => f.SubjectId ?? f.EventId)).ToHashSet();
        // Receivables at the period's end: everything signed minus everything collected up to then.
        var signedToDate = await db.Facts.Where(f => personIds.Contains(f.PersonId) && f.Kind == FactKinds.ContractSigned && f.Currency == currency
            && f.Month <= period.To).SumAsync(f => f.Amount, ct);
        var paidToDate = await db.Facts.Where(f => personIds.Contains(f.PersonId) && f.Kind == FactKinds.Payment && f.Currency == currency
            && f.Month <= period.To).SumAsync(f => f.Amount, ct);
        var days = new DateOnly(period.Year, period.LastMonth, 1).AddMonths(1).DayNumber - new DateOnly(period.Year, period.FirstMonth, 1).DayNumber;
        var hasDates = await db.Pipeline.AnyAsync(p => personIds.Contains(p.OwnerId) && p.ExpectedCloseDate != null, ct);
        return KpiCalculator.Compute(period, currency, facts, targets, pipeline, overdue, converted, Math.Max(0, signedToDate - paidToDate), days,
            hasDates ? closingInPeriod : null,
            f => rates.ToReporting(f.Amount, f.Currency, currency, zone.DateOf(f.OccurredAt)));
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
