using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SalesPlatform.Domain;
using SalesPlatform.Leads.Assignment;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.Endpoints;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Leads.Bench;

/// <summary>
/// The lead list at scale: N leads (default 1,000,000; 400 reps, a tenth unowned, Chinese and English
/// companies), then the first page with its total, as <c>GET /api/leads</c> builds it (the shared data
/// scope, <see cref="LeadList"/> filters and search, <c>ToPageAsync</c>), timed for several callers side by
/// side in one run, with the cheapest possible page (50 newest ids, no count) as the yardstick.
/// </summary>
public static class ListBench
{
    private const int Reps = 400;
    private const int ManagerSpan = 40;

    public static async Task RunAsync(string admin, int rows, int iterations, bool keep)
    {
        var database = $"leads_listbench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", connection).ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        var options = new DbContextOptionsBuilder<LeadsDbContext>().UseNpgsql(connectionString).Options;
        try
        {
            var reps = Enumerable.Range(0, Reps).Select(i => new Guid(i + 1, 0, 0, new byte[8])).ToArray();
            var load = Stopwatch.StartNew();
            await using (var db = new LeadsDbContext(options))
            {
                await db.Database.MigrateAsync();
                await GenerateAsync(db, rows, reps);
                await db.Database.ExecuteSqlRawAsync("ANALYZE leads");
            }

            Console.WriteLine($"PostgreSQL database {database}: {rows:N0} leads loaded and analysed in {load.Elapsed.TotalSeconds:F0} s; " +
                $"{Reps} reps, a manager over {ManagerSpan}; {iterations} timed runs per case after 5 warm-up runs");

            var manager = reps[0];
            var everyone = new DataScope(DataReach.All, Guid.NewGuid(), null, [], []);
            var managerScope = new DataScope(DataReach.Subtree, manager, null, reps[..ManagerSpan], []);
            var repScope = new DataScope(DataReach.Own, reps[7], null, [reps[7]], []);
            var cover = new QueueArea("East China", "Jiangsu", null, []);
            var cases = new (string Name, Visibility Visibility, LeadFilters Filters, string? Q)[]
            {
                ("manager: subtree + queue, grade A, q=精密", new Visibility(managerScope, [cover]), Filters("A"), "精密"),
                ("manager: subtree + queue, grade A", new Visibility(managerScope, [cover]), Filters("A"), null),
                ("manager: subtree, q=precision", new Visibility(managerScope, Visibility.NoQueue), Filters(null), "precision"),
                ("rep: own, q=精密", new Visibility(repScope, Visibility.NoQueue), Filters(null), "精密"),
                ("admin: all, grade B, q=精密", new Visibility(everyone, Visibility.WholeQueue), Filters("B"), "精密"),
                ("admin: all, no filter", new Visibility(everyone, Visibility.WholeQueue), Filters(null), null),
            };

            var now = DateTimeOffset.UtcNow;
            var baseline = await TimeAsync(options, iterations, async db =>
                (await db.Leads.AsNoTracking().OrderByDescending(l => l.Id).Select(l => l.Id).Take(50).ToListAsync()).Count);
            Console.WriteLine();
            Console.WriteLine($"{"first page (50) with total",-44}{"p50 ms",9}{"p95 ms",9}{"x base",9}{"total",11}");
            Console.WriteLine($"{"baseline: 50 newest ids, no scope, no count",-44}{baseline.P50,9:F1}{baseline.P95,9:F1}{1,9:F1}{"-",11}");
            foreach (var (name, visibility, filters, q) in cases)
            {
                var list = new ListQuery(50, null, q, null);
                var total = 0L;
                var timing = await TimeAsync(options, iterations, async db =>
                {
                    var page = await LeadList.Filter(visibility.Apply(db.Leads.AsNoTracking()), filters, list, now)
                        .ToPageAsync(list, l => l.Id, l => l.Id, CancellationToken.None);
                    total = page.Total;
                    return page.Items.Count;
                });
                Console.WriteLine($"{name,-44}{timing.P50,9:F1}{timing.P95,9:F1}{timing.P95 / baseline.P95,9:F1}{total,11:N0}");
                if (Environment.GetEnvironmentVariable("LISTBENCH_SQL") == "1")
                {
                    await using var db = new LeadsDbContext(options);
                    Console.WriteLine(LeadList.Filter(visibility.Apply(db.Leads.AsNoTracking()), filters, list, now).ToQueryString());
                }
            }
        }
        finally
        {
            if (!keep)
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
            }
        }
    }

    private static LeadFilters Filters(string? grade) => new(null, grade, null, null, null, null);

    private static async Task<(double P50, double P95)> TimeAsync(DbContextOptions<LeadsDbContext> options, int iterations, Func<LeadsDbContext, Task<int>> run)
    {
        var samples = new List<double>();
        for (var i = 0; i < iterations + 5; i++)
        {
            await using var db = new LeadsDbContext(options);
            var watch = Stopwatch.StartNew();
            await run(db);
            if (i >= 5)
            {
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.95) - 1]);
    }

    // Deterministic: 1 in 25 companies is a precision maker (精密), half the names Chinese; grades A 15%,
    // B 30%, C 35%, D 20%; a tenth unowned (queued), the rest spread over the reps; Jiangsu one in five.
    private static async Task GenerateAsync(LeadsDbContext db, int rows, Guid[] reps)
    {
        var random = new Random(20261201);
        string[] cities = ["苏州", "无锡", "南京", "上海", "杭州", "宁波", "合肥"];
        var start = DateTimeOffset.UtcNow.AddDays(-720);
        const int batch = 20_000;
        for (var done = 0; done < rows; done += batch)
        {
            var leads = new List<Lead>(batch);
            for (var i = done; i < Math.Min(rows, done + batch); i++)
            {
                var chinese = i / 7 % 2 == 0;
                var precision = i % 50 is 0 or 1;
                var company = chinese
                    ? $"{cities[i % cities.Length]}{(precision ? "精密机械" : "宏达贸易")}{i}有限公司"
                    : $"{(precision ? "Precision Machinery" : "Harbour Trading")} {i} Co., Ltd.";
                var jiangsu = i % 5 == 0;
                var at = start.AddSeconds(i * 60.0);
                var details = new LeadDetails("web-form", null, null, company, "manufacturing", "200-999", "East China",
                    jiangsu ? "Jiangsu" : "Zhejiang", jiangsu ? "Suzhou" : "Hangzhou", chinese ? $"王{i % 997}" : $"Person {i}", "采购经理",
                    $"contact{i}@example{i % 1000}.com", null, 500_000, "CNY", false, null, "consent", false);
                var lead = Lead.Capture(details, at);
                var roll = random.Next(100);
                var grade = roll < 15 ? "A" : roll < 45 ? "B" : roll < 80 ? "C" : "D";
                lead.ApplyScore(new ScoreBreakdown(grade switch { "A" => 85, "B" => 65, "C" => 45, _ => 20 }, grade, []), at);
                if (i % 10 != 0)
                {
                    lead.Assign(reps[random.Next(reps.Length)], "bench", at, SlaPolicy.Default);
                }

                leads.Add(lead);
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.CopyAsync(db, leads, CancellationToken.None);
            await transaction.CommitAsync();
        }
    }
}
