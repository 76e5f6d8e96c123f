using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Customers;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Jobs;

/// <summary>
/// Segments the customers (<see cref="SegmentationPolicy"/>): RFM, value tier, lifecycle stage and lifetime value from their
/// purchases, publishing <see cref="CustomerSegmentChanged"/> for each customer whose segment, tier or stage changed, in the
/// same transaction. Recency moves with time, so an exclusive job runs it for the whole book (<c>Jobs:SegmentationRun</c>);
/// a purchase re-segments its customer at once. Value tiers rank the whole book, so both read every customer's totals
/// (one grouped query).
/// </summary>
public sealed class SegmentationRun(CustomersDbContext db, TimeProvider clock) : IScheduledJob
{
    public const string Name = "SegmentationRun";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await SegmentAsync(null, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return changed;
    }

    /// <summary>Re-segments one customer (or all when null) in the caller's unit of work; returns how many changed segment.</summary>
    public async Task<int> SegmentAsync(Guid? only, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var policy = await PolicyStore.LoadAsync<SegmentationPolicy>(db, ct);
        var book = await FactsAsync(db, policy, now, ct);
        var segments = policy.Segment(book, now);
        var changed = 0;
        var targets = only is { } id ? db.Customers.Where(c => c.Id == id) : db.Customers;
        foreach (var chunk in (await targets.Select(c => c.Id).OrderBy(c => c).ToListAsync(ct)).Chunk(500))
        {
            foreach (var customer in await db.Customers.Where(c => chunk.Contains(c.Id)).ToListAsync(ct))
            {
                var before = customer.Segment;
                var segment = segments[customer.Id];
                if (customer.Segmented(segment))
                {
                    db.AddEvent(new CustomerSegmentChanged(customer.Id, customer.OwnerId, segment.RfmSegment, before?.RfmSegment, segment.ValueTier,
                        before?.ValueTier, segment.Lifecycle, before?.Lifecycle, new Money(segment.LifetimeValue, policy.BaseCurrency)) { OccurredAt = now }, clock);
                    changed++;
                }
            }
        }

        return changed;
    }

    /// <summary>Every customer's purchase totals at <paramref name="now"/>: in the window, in the window before, all time.</summary>
    public static async Task<List<CustomerFacts>> FactsAsync(CustomersDbContext db, SegmentationPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var windowStart = now.AddMonths(-policy.WindowMonths);
        var previousStart = windowStart.AddMonths(-policy.WindowMonths);
        var totals = await db.Purchases.AsNoTracking().Where(p => p.SignedAt <= now).GroupBy(p => p.CustomerId).Select(g => new
        {
            CustomerId = g.Key,
            InWindow = g.Count(p => p.SignedAt > windowStart),
            InPrevious = g.Count(p => p.SignedAt > previousStart && p.SignedAt <= windowStart),
            Total = g.Count(),
            Revenue = g.Where(p => p.SignedAt > windowStart).Sum(p => p.BaseAmount ?? 0m),
            Cost = g.Where(p => p.SignedAt > windowStart && p.BaseAmount != null).Sum(p => p.Cost ?? 0m),
            Converted = g.Count(p => p.SignedAt > windowStart && p.BaseAmount != null),
            Costed = g.Count(p => p.SignedAt > windowStart && p.BaseAmount != null && p.Cost != null),
            First = g.Min(p => p.SignedAt),
            Last = g.Max(p => p.SignedAt),
        }).ToDictionaryAsync(t => t.CustomerId, ct);
        var customers = await db.Customers.AsNoTracking().Select(c => new { c.Id, c.LostAt, c.LostReason }).ToListAsync(ct);
        return [.. customers.Select(c => totals.TryGetValue(c.Id, out var t)
            ? new CustomerFacts(c.Id, t.InWindow, t.InPrevious, t.Total, t.Revenue - t.Cost, t.Revenue,
                t.Costed == 0 ? "revenue" : t.Costed == t.Converted ? "profit" : "mixed", t.First, t.Last, c.LostAt, c.LostReason)
            : new CustomerFacts(c.Id, 0, 0, 0, 0m, 0m, "revenue", null, null, c.LostAt, c.LostReason))];
    }
}
