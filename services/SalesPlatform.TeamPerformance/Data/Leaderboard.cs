using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using StackExchange.Redis;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Data;

// Several types in one file: The leaderboard with its entry record.
/// <summary>One row of a leaderboard.</summary>
public sealed record LeaderboardEntry(int Rank, Guid PersonId, string Name, decimal Score);

/// <summary>
/// Leaderboards of the reps under a unit, per metric and period, as Redis sorted sets. Redis is only a cache:
/// a missing key is rebuilt from the facts in PostgreSQL (and kept for the <c>leaderboard.ttl-seconds</c>
/// policy); consumers delete the keys a new fact feeds (before their commit, so a board rebuilt in between is
/// at most one TTL stale); when Redis is unreachable the board is computed from PostgreSQL directly.
/// Order: score descending, equal scores by person id descending (Redis' member order), so a rebuilt board
/// reads in exactly the same order.
/// </summary>
public sealed class Leaderboard(TeamPerformanceDbContext db, IConnectionMultiplexer redis, IOptions<TeamPerformanceOptions> options,
    ILogger<Leaderboard> logger)
{
    public static readonly IReadOnlyList<string> Metrics = ["revenue", "collections", "new-customers", "activities", "attainment"];

    public static string Key(string metric, Guid unitId, string period) => $"teamperformance:leaderboard:{metric}:{unitId:N}:{period}";

    public async Task<IReadOnlyList<LeaderboardEntry>> ReadAsync(string metric, OrgUnit unit, Period period, int top, CancellationToken ct)
    {
        List<(Guid Id, decimal Score)> ranked;
        try
        {
            var redisDb = redis.GetDatabase();
            var key = Key(metric, unit.Id, period.Key);
            if (!await redisDb.KeyExistsAsync(key))
            {
                await StoreAsync(redisDb, key, await ComputeAsync(metric, unit, period, ct), ct);
            }

            var entries = await redisDb.SortedSetRangeByRankWithScoresAsync(key, 0, top - 1, Order.Descending);
            ranked = [.. entries.Select(e => (Guid.Parse(e.Element.ToString()), (decimal)e.Score))];
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Redis unavailable; leaderboard computed from PostgreSQL");
            ranked = [.. (await ComputeAsync(metric, unit, period, ct))
                .OrderByDescending(s => s.Score).ThenByDescending(s => s.Id.ToString(), StringComparer.Ordinal).Take(top)];
        }

        var ids = ranked.Select(r => r.Id).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. ranked.Select((r, i) => new LeaderboardEntry(i + 1, r.Id, names.GetValueOrDefault(r.Id, ""), r.Score))];
    }

    /// <summary>The metric of every rep under the unit, from PostgreSQL.</summary>
    private async Task<List<(Guid Id, decimal Score)>> ComputeAsync(string metric, OrgUnit unit, Period period, CancellationToken ct)
    {
        var memberIds = OrgSubtree.UnitMemberIds(db, unit.Path);
        var people = await db.People.AsNoTracking().Where(p => memberIds.Contains(p.Id) && p.Role == Roles.Rep)
            .Select(p => p.Id).ToListAsync(ct);
        var facts = await db.Facts.AsNoTracking()
            .Where(f => people.Contains(f.PersonId) && f.Month >= period.From && f.Month <= period.To).ToListAsync(ct);
        var targets = metric == "attainment"
            ? await db.Targets.AsNoTracking().Where(t => t.Year == period.Year && t.PersonId != null && people.Contains(t.PersonId.Value)).ToListAsync(ct)
            : [];
        var currency = options.Value.Currency;
        var byPerson = facts.ToLookup(f => f.PersonId);
        return [.. people.Select(id =>
        {
            var report = KpiCalculator.Compute(period, currency, [.. byPerson[id]],
                new PeriodTargets(TargetLookup.For(targets, TargetMetrics.Revenue, TargetOwner.Person(id), period), null, null), 0, 0);
            var score = metric switch
            {
                "revenue" => report.Revenue,
                "collections" => report.Collections,
                "new-customers" => report.NewCustomers,
                "activities" => report.ActivityCount,
                _ => report.Attainment ?? 0,
            };
            return (id, score);
        })];
    }

    private async Task StoreAsync(IDatabase redisDb, string key, List<(Guid Id, decimal Score)> scores, CancellationToken ct)
    {
        var ttl = TimeSpan.FromSeconds((await PolicyStore.LoadAsync<LeaderboardPolicy>(db, ct)).CacheSeconds);
        var transaction = redisDb.CreateTransaction();
        _ = transaction.KeyDeleteAsync(key);
        if (scores.Count > 0)
        {
            _ = transaction.SortedSetAddAsync(key, [.. scores.Select(s => new SortedSetEntry(s.Id.ToString(), (double)s.Score))]);
            _ = transaction.KeyExpireAsync(key, ttl);
        }

        await transaction.ExecuteAsync();
    }

    /// <summary>
    /// Deletes every board a fact of this person in this month feeds (their units up to the company; month, quarter,
    /// year). Best effort: with Redis down the boards simply expire by their TTL.
    /// </summary>
    public static async Task InvalidateAsync(TeamPerformanceDbContext db, IConnectionMultiplexer redis, Guid personId, int month, CancellationToken ct)
    {
        var unitPath = await db.People.Where(p => p.Id == personId)
            .Join(db.Units, p => p.UnitId, u => u.Id, (_, u) => u.Path).FirstOrDefaultAsync(ct);
        if (unitPath is null)
        {
            return;
        }

        var year = month / 100;
        var monthOfYear = month % 100;
        string[] periods = [$"{year:D4}-{monthOfYear:D2}", $"{year:D4}-Q{(monthOfYear + 2) / 3}", $"{year:D4}"];
        var unitIds = unitPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse);
        var keys = (from unitId in unitIds from metric in Metrics from period in periods select (RedisKey)Key(metric, unitId, period)).ToArray();
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(keys);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis is a cache; the boards expire by their TTL.
        }
    }
}
