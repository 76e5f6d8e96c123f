using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Jobs;

/// <summary>
/// Reclaims customers to the pool (<see cref="CustomerPoolPolicy"/>) whose owners neither followed them up nor closed a deal in their
/// value tier's days, warning the owner <c>warnDaysBefore</c> days ahead, once per due time; never a locked customer. Each reclaim,
/// its ownership-history row, timeline entry, <c>CustomerOwnerChanged</c> and notification are one transaction. An exclusive job
/// (<c>Jobs:CustomerPoolReclaim</c>) on the injected clock.
/// </summary>
public sealed class CustomerPoolReclaim(CustomersDbContext db, TimeProvider clock, ReportingCalendar calendar) : IScheduledJob
{
    public const string Name = "CustomerPoolReclaim";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var policy = await PolicyStore.LoadAsync<CustomerPoolPolicy>(db, ct);
        // Nobody can be due sooner than the shortest period after getting or touching the customer: read only those.
        var shortest = policy.Reclaim.SelectMany(r => new[] { r.DaysWithoutFollowUp, r.DaysWithoutDeal }).OfType<int>().DefaultIfEmpty(0).Min();
        if (shortest == 0)
        {
            return 0;
        }

        var touchedBefore = now.AddDays(policy.WarnDaysBefore - shortest);
        var candidates = await db.Customers
            .Where(c => c.OwnerId != null && !c.Locked && c.OwnerSince <= touchedBefore
                && ((c.LastFollowUpAt ?? c.OwnerSince) <= touchedBefore || (c.LastDealAt ?? c.OwnerSince) <= touchedBefore))
            .OrderBy(c => c.OwnerSince).Take(1000).ToListAsync(ct);
        var reclaimed = 0;
        foreach (var customer in candidates)
        {
            if (policy.ReclaimDue(customer) is not var (due, reason))
            {
                continue;
            }

            var owner = customer.OwnerId!.Value;
            if (due <= now)
            {
                customer.ChangeOwner(null, "reclaimed", reason, "system", now);
                db.Notify([owner], "customer.reclaimed", $"customer:{customer.Id}",
                    $"客户“{customer.Name}”{reason.Split(" / ")[0]}，已收回公海 / {customer.Name} went back to the customer pool: {reason.Split(" / ")[^1]}",
                    new { customerId = customer.Id, reason }, now);
                reclaimed++;
            }
            else if (due - now <= TimeSpan.FromDays(policy.WarnDaysBefore) && customer.MarkPoolWarning(due))
            {
                var local = calendar.ToLocal(due).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                db.Notify([owner], "customer.reclaim-soon", $"customer:{customer.Id}",
                    $"客户“{customer.Name}”如不跟进或成交，将于 {local} 收回公海 / {customer.Name} goes back to the pool at {local} (Beijing time) unless followed up",
                    new { customerId = customer.Id, reclaimAt = due, reason }, now);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return reclaimed;
    }
}
