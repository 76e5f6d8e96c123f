using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Events.Customers;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Jobs;

/// <summary>
/// Scores every owned, not-lost customer's churn risk (<see cref="ChurnPolicy"/>) from its purchases, surveys and complaints; a
/// customer crossing the threshold gets a win-back task, <see cref="ChurnRiskRaised"/> and a notification to its owner, once per
/// crossing, in one transaction. An exclusive job (<c>Jobs:ChurnScan</c>) on the injected clock.
/// </summary>
public sealed class ChurnScan(CustomersDbContext db, TimeProvider clock) : IScheduledJob
{
    public const string Name = "ChurnScan";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var policy = await PolicyStore.LoadAsync<ChurnPolicy>(db, ct);
        var signals = await SignalsAsync(db, policy, now, null, ct);
        var raised = 0;
        var none = new ChurnSignals(0, 0, null, null, 0, 0);
        var scored = await db.Customers.AsNoTracking().Where(c => c.ChurnScore > 0).Select(c => c.Id).ToListAsync(ct);
        foreach (var chunk in signals.Keys.Union(scored).Order().Chunk(500))
        {
            foreach (var customer in await db.Customers.Where(c => chunk.Contains(c.Id) && c.OwnerId != null && c.LostAt == null).ToListAsync(ct))
            {
                var assessment = policy.Assess(signals.GetValueOrDefault(customer.Id, none));
                if (!customer.ScoredChurn(assessment.Score, [.. assessment.Reasons.Select(r => r.Text)], policy.Threshold, now))
                {
                    continue;
                }

                var task = new WinBackTask
                {
                    CustomerId = customer.Id, OwnerId = customer.OwnerId, Offer = assessment.Offer!, Score = assessment.Score,
                    Reasons = [.. customer.ChurnReasons], OpenedAt = now, DueAt = now.AddDays(policy.WinBackDays),
                };
                db.WinBackTasks.Add(task);
                db.AddEvent(new ChurnRiskRaised(customer.Id, customer.OwnerId, assessment.Score, task.Reasons, task.Offer, task.Id) { OccurredAt = now }, clock);
                db.Notify([customer.OwnerId!.Value], "customer.churn-risk", $"customer:{customer.Id}",
                    $"客户“{customer.Name}”流失风险 {assessment.Score} 分，请跟进挽回 / {customer.Name} is at risk of churn ({assessment.Score}): win-back task opened",
                    new { customerId = customer.Id, score = assessment.Score, offer = task.Offer, taskId = task.Id, reasons = task.Reasons }, now);
                db.Timeline.Add(new TimelineEntry
                {
                    Id = Guid.CreateVersion7(now), CustomerId = customer.Id, Kind = "churn.risk-raised", Subject = $"win-back:{task.Id}", OccurredAt = now,
                    Summary = $"流失预警 {assessment.Score} 分：{string.Join("；", task.Reasons)} / Churn risk {assessment.Score}",
                });
                raised++;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return raised;
    }

    /// <summary>The churn signals of every customer with a purchase, survey or complaint in the two windows (or of one customer).</summary>
    public static async Task<Dictionary<Guid, ChurnSignals>> SignalsAsync(CustomersDbContext db, ChurnPolicy policy, DateTimeOffset now, Guid? only,
        CancellationToken ct)
    {
        var recentFrom = now.AddDays(-policy.WindowDays);
        var previousFrom = recentFrom.AddDays(-policy.WindowDays);
        var purchases = await db.Purchases.AsNoTracking().Where(p => p.SignedAt > previousFrom && p.SignedAt <= now && (only == null || p.CustomerId == only))
            .GroupBy(p => p.CustomerId)
            .Select(g => new { g.Key, Recent = g.Count(p => p.SignedAt > recentFrom), Previous = g.Count(p => p.SignedAt <= recentFrom) })
            .ToDictionaryAsync(x => x.Key, ct);
        var surveys = await db.Surveys.AsNoTracking().Where(s => s.AnsweredAt > previousFrom && s.AnsweredAt <= now && (only == null || s.CustomerId == only))
            .GroupBy(s => s.CustomerId)
            .Select(g => new
            {
                g.Key,
                Recent = g.Where(s => s.AnsweredAt > recentFrom).Average(s => (decimal?)s.Score),
                Previous = g.Where(s => s.AnsweredAt <= recentFrom).Average(s => (decimal?)s.Score),
            })
            .ToDictionaryAsync(x => x.Key, ct);
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.OpenedAt > previousFrom && c.OpenedAt <= now && (only == null || c.CustomerId == only))
            .GroupBy(c => c.CustomerId)
            .Select(g => new { g.Key, Recent = g.Count(c => c.OpenedAt > recentFrom), Previous = g.Count(c => c.OpenedAt <= recentFrom) })
            .ToDictionaryAsync(x => x.Key, ct);
        return purchases.Keys.Union(surveys.Keys).Union(complaints.Keys).Distinct().ToDictionary(id => id, id => new ChurnSignals(
            purchases.GetValueOrDefault(id)?.Recent ?? 0, purchases.GetValueOrDefault(id)?.Previous ?? 0,
            surveys.GetValueOrDefault(id)?.Recent is { } r ? Math.Round(r, 2) : null, surveys.GetValueOrDefault(id)?.Previous is { } p ? Math.Round(p, 2) : null,
            complaints.GetValueOrDefault(id)?.Recent ?? 0, complaints.GetValueOrDefault(id)?.Previous ?? 0));
    }
}
