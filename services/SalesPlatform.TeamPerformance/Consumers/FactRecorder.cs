using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using StackExchange.Redis;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Adds a KPI fact in the consumer's transaction and drops the cached leaderboards it feeds (rebuilt from PostgreSQL on the next read).</summary>
public static class FactRecorder
{
    public static async Task RecordAsync(TeamPerformanceDbContext db, IConnectionMultiplexer redis, KpiFact fact, CancellationToken ct)
    {
        db.Facts.Add(fact);
        await Leaderboard.InvalidateAsync(db, redis, fact.PersonId, fact.Month, ct);
    }
}
