using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Jobs;

/// <summary>
/// Draws the service-quality spot check of the last completed quarter (<see cref="SpotCheckPolicy"/>) once: the picks and a notification
/// to each owner, in one transaction. An exclusive job (<c>Jobs:SpotCheckDraw</c>) on the injected clock.
/// </summary>
public sealed class SpotCheckDraw(CustomersDbContext db, TimeProvider clock, ReportingCalendar calendar) : IScheduledJob
{
    public const string Name = "SpotCheckDraw";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        var (year, quarter) = calendar.LastCompletedQuarter(now);
        var key = $"{year:D4}-Q{quarter}";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"spot-check:" + key}, 0))", ct);
        if (await db.SpotChecks.AnyAsync(s => s.Quarter == key, ct))
        {
            return 0;
        }

        var (start, end) = calendar.Quarter(year, quarter);
        var won = await db.Purchases.AsNoTracking().GroupBy(p => p.CustomerId).Select(g => new { g.Key, First = g.Min(p => p.SignedAt) })
            .Where(x => x.First >= start && x.First < end).Select(x => x.Key).ToListAsync(ct);
        var policy = await PolicyStore.LoadAsync<SpotCheckPolicy>(db, ct);
        var picked = policy.Pick(key, won);
        var customers = await db.Customers.AsNoTracking().Where(c => picked.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var id in picked)
        {
            var owner = customers.GetValueOrDefault(id)?.OwnerId;
            db.SpotChecks.Add(new SpotCheck { Quarter = key, CustomerId = id, OwnerId = owner, Touchpoint = policy.Touchpoint, PickedAt = now });
            if (owner is { } o)
            {
                db.Notify([o], "customer.spot-check", $"customer:{id}",
                    $"客户“{customers[id].Name}”被抽中 {key} 服务质量回访，请安排满意度调查 / {customers[id].Name} was picked for the {key} service-quality spot check: please run the survey",
                    new { customerId = id, quarter = key, touchpoint = policy.Touchpoint }, now);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return picked.Count;
    }
}
