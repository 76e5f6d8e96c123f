using Microsoft.EntityFrameworkCore;
using SalesPlatform.TeamPerformance.Domain;
using StackExchange.Redis;

namespace SalesPlatform.TeamPerformance.Data;

/// <summary>One row of a leaderboard.</summary>
public sealed record LeaderboardEntry(int Rank, Guid PersonId, string Name, decimal Score);

/// <summary>
/// Leaderboards per metric, unit and period as Redis sorted sets. Redis is only a cache: a missing key is
/// rebuilt from the facts in PostgreSQL (and kept for the leaderboard TTL policy), and consumers delete the
/// keys a new fact touches. Ties are ordered by person id so a rebuilt board reads in the same order.
/// </summary>
public sealed class Leaderboard(TeamPerformanceDbContext db, IConnectionMultiplexer redis, Microsoft.Extensions.Options.IOptions<TeamPerformanceOptions> options)
{
    public static readonly IReadOnlyList<string> Metrics = ["revenue", "collections", "new-customers", "activities", "attainment"];

    public static string Key(string metric, Guid unitId, string period) => $"teamperformance:leaderboard:{metric}:{unitId:N}:{period}";

    public async Task<IReadOnlyList<LeaderboardEntry>> ReadAsync(string metric, OrgUnit unit, Period period, int top, CancellationToken ct)
    {
        var redisDb = redis.GetDatabase();
        var key = Key(metric, unit.Id, period.Key);
        if (!await redisDb.KeyExistsAsync(key))
        {
            await RebuildAsync(redisDb, key, metric, unit, period, ct);
        }

        // Scores tie-broken by member (person id) descending within equal scores; documented as deterministic.
        var entries = await redisDb.SortedSetRangeByRankWithScoresAsync(key, 0, top - 1, Order.Descending);
        var ids = entries.Select(e => Guid.Parse(e.Element.ToString())).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. entries.Select((e, i) => new LeaderboardEntry(i + 1, ids[i], names.GetValueOrDefault(ids[i], ""), (decimal)e.Score))];
    }

    private async Task RebuildAsync(IDatabase redisDb, string key, string metric, OrgUnit unit, Period period, CancellationToken ct)
    {
        var memberIds = Scope.UnitMemberIds(db, unit.Path);
        var people = await db.People.AsNoTracking().Where(p => memberIds.Contains(p.Id) && p.Role == ServiceDefaults.Roles.Rep)
            .Select(p => p.Id).ToListAsync(ct);
        var facts = await db.Facts.AsNoTracking()
            .Where(f => people.Contains(f.PersonId) && f.Month >= period.From && f.Month <= period.To).ToListAsync(ct);
        var targets = metric == "attainment"
            ? await db.Targets.AsNoTracking().Where(t => t.Year == period.Year && t.PersonId != null && people.Contains(t.PersonId.Value)).ToListAsync(ct)
            : [];
        var currency = options.Value.Currency;
        var byPerson = facts.ToLookup(f => f.PersonId);
        var scores = people.Select(id =>
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
            return new SortedSetEntry(id.ToString(), (double)score);
        }).ToArray();

        var ttl = TimeSpan.FromSeconds((double)await PolicyValues.GetAsync(db, PolicyDefinition.LeaderboardTtlSeconds, ct));
        var transaction = redisDb.CreateTransaction();
        _ = transaction.KeyDeleteAsync(key);
        if (scores.Length > 0)
        {
            _ = transaction.SortedSetAddAsync(key, scores);
            _ = transaction.KeyExpireAsync(key, ttl);
        }

        await transaction.ExecuteAsync();
    }

    /// <summary>Deletes every board a fact of this person in this month feeds (their units up to the company; month, quarter, year).</summary>
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
        await redis.GetDatabase().KeyDeleteAsync(keys);
    }
}
