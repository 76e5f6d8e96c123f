using SalesPlatform.Domain;
namespace SalesPlatform.TeamPerformance.Domain;

/// <summary>Who a target belongs to.</summary>
public readonly record struct TargetOwner(Guid? UnitId, Guid? PersonId, Guid? PartnerId)
{
    public static TargetOwner Unit(Guid id) => new(id, null, null);
    public static TargetOwner Person(Guid id) => new(null, id, null);
    public static TargetOwner Partner(Guid id) => new(null, null, id);
}

/// <summary>
/// The target of an owner for a period, from the stored target rows of one metric and year:
/// product-level rows are a breakdown and are not added in; when the owner has monthly rows, the target is
/// the sum of the months in the period; else, with quarterly rows, the quarters in the period (a month takes
/// a third of its quarter, to the cent); otherwise its annual rows, pro rata (months ÷ 12, to the cent)
/// for a month or quarter. Null when the owner has no target.
/// </summary>
public static class TargetLookup
{
    public static decimal? For(IEnumerable<Target> rows, string metric, TargetOwner owner, Period period)
    {
        var own = rows.Where(t => t.Metric == metric && t.Year == period.Year && t.Product is null
            && t.UnitId == owner.UnitId && t.PersonId == owner.PersonId && t.PartnerId == owner.PartnerId).ToList();
        var monthly = own.Where(t => t.Month is not null).ToList();
        if (monthly.Count > 0)
        {
            return monthly.Where(t => t.Month >= period.FirstMonth && t.Month <= period.LastMonth).Sum(t => t.Amount);
        }

        var quarterly = own.Where(t => t.Quarter is not null).ToList();
        if (quarterly.Count > 0)
        {
            var firstQuarter = (period.FirstMonth - 1) / 3 + 1;
            var lastQuarter = (period.LastMonth - 1) / 3 + 1;
            var inPeriod = quarterly.Where(t => t.Quarter >= firstQuarter && t.Quarter <= lastQuarter).Sum(t => t.Amount);
            return period.MonthCount == 1 ? Math.Round(inPeriod / 3m, 2, MidpointRounding.AwayFromZero) : inPeriod;
        }

        var annual = own.Where(t => t.Month is null && t.Quarter is null).ToList();
        if (annual.Count == 0)
        {
            return null;
        }

        var total = annual.Sum(t => t.Amount);
        return period.MonthCount == 12 ? total : Math.Round(total * period.MonthCount / 12m, 2, MidpointRounding.AwayFromZero);
    }
}
