using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads;
using SalesPlatform.Leads.Jobs;
using SalesPlatform.Domain;

// Imports N generated rows through the leads import pipeline (staging COPY + chunked processing with
// de-dup, consent checks, scoring, outbox) and then COPYs the same file raw into a plain table, on
// the same PostgreSQL, and prints both rates. Loopback only; bounded by --rows.
var options = Args.Parse(args);
var admin = options.Postgres ?? Environment.GetEnvironmentVariable("SALESPLATFORM_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("Give --postgres \"Host=127.0.0.1;Port=...;Username=...;Password=...;Database=postgres\" or SALESPLATFORM_BENCH_POSTGRES.");
if (args.FirstOrDefault() == "list")
{
    // The lead list at scale (ListBench.cs): --rows leads (default 1,000,000), --iterations timed runs per case.
    var leads = int.Parse(args.SkipWhile(a => a != "--rows").Skip(1).FirstOrDefault() ?? "1000000", CultureInfo.InvariantCulture);
    var iterations = int.Parse(args.SkipWhile(a => a != "--iterations").Skip(1).FirstOrDefault() ?? "40", CultureInfo.InvariantCulture);
    if (leads is < 1 or > 2_000_000 || iterations is < 5 or > 1000)
    {
        throw new InvalidOperationException("list: --rows 1 to 2,000,000, --iterations 5 to 1,000.");
    }

    await SalesPlatform.Leads.Bench.ListBench.RunAsync(admin, leads, iterations, options.Keep);
    return;
}

if (options.Rows is < 1 or > 1_000_000)
{
    throw new InvalidOperationException("--rows must be between 1 and 1,000,000.");
}

var database = $"leads_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
await using (var connection = new NpgsqlConnection(admin))
{
    await connection.OpenAsync();
    await new NpgsqlCommand($"CREATE DATABASE {database}", connection).ExecuteNonQueryAsync();
}

var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
var file = Path.Combine(Path.GetTempPath(), $"{database}.csv");
try
{
    var duplicates = Generate(file, options.Rows);
    Console.WriteLine($"PostgreSQL database {database}; {options.Rows:N0} rows ({new FileInfo(file).Length / 1024.0 / 1024.0:F1} MiB CSV, {duplicates:N0} duplicates, every 50th row without a lawful basis); chunk {options.Chunk}");

    var services = new ServiceCollection()
        .AddDbContext<LeadsDbContext>(o => o.UseNpgsql(connectionString))
        .AddSingleton(TimeProvider.System)
        .AddSingleton(Options.Create(new ImportOptions { ChunkSize = options.Chunk }))
        .AddSingleton(Options.Create(new LeadsOptions()))
        .AddSingleton(SalesPlatform.Domain.ReportingCalendar.China)
        .AddScoped<ImportProcessor>()
        .BuildServiceProvider();
    await using (var scope = services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<LeadsDbContext>().Database.MigrateAsync();
    }

    // 1. The leads import: stage (binary COPY of raw rows) then process chunk by chunk.
    var job = new ImportJob { Id = Guid.CreateVersion7(), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = Guid.CreateVersion7(), Status = ImportStatus.Staged, FileName = file };
    var total = Stopwatch.StartNew();
    await using (var scope = services.CreateAsyncScope())
    await using (var stream = File.OpenRead(file))
    {
        await ImportStaging.StageAsync(scope.ServiceProvider.GetRequiredService<LeadsDbContext>(), job, stream, CancellationToken.None);
    }

    var staged = total.Elapsed;
    await using (var scope = services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<ImportProcessor>().RunAsync(job.Id, CancellationToken.None);
    }

    total.Stop();
    ImportJob result;
    await using (var scope = services.CreateAsyncScope())
    {
        result = await scope.ServiceProvider.GetRequiredService<LeadsDbContext>().ImportJobs.AsNoTracking().SingleAsync(j => j.Id == job.Id);
    }

    // 2. Raw COPY of the same file into a plain table: the floor no import can beat.
    var raw = Stopwatch.StartNew();
    await using (var connection = new NpgsqlConnection(connectionString))
    {
        await connection.OpenAsync();
        var header = File.ReadLines(file).First();
        var columns = string.Join(", ", header.Split(',').Select(c => c + " text"));
        await new NpgsqlCommand($"CREATE TABLE raw_copy ({columns})", connection).ExecuteNonQueryAsync();
        await using var writer = await connection.BeginTextImportAsync($"COPY raw_copy ({header}) FROM STDIN (FORMAT csv, HEADER true)");
        using var reader = new StreamReader(file, Encoding.UTF8);
        var buffer = new char[64 * 1024];
        int read;
        while ((read = await reader.ReadBlockAsync(buffer)) > 0)
        {
            await writer.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    raw.Stop();
    var rows = options.Rows;
    Console.WriteLine();
    Console.WriteLine($"{"",-34}{"seconds",10}{"rows/s",12}");
    Console.WriteLine($"{"leads import: staging (COPY)",-34}{staged.TotalSeconds,10:F2}{rows / staged.TotalSeconds,12:N0}");
    Console.WriteLine($"{"leads import: processing",-34}{(total.Elapsed - staged).TotalSeconds,10:F2}{rows / (total.Elapsed - staged).TotalSeconds,12:N0}");
    Console.WriteLine($"{"leads import: total",-34}{total.Elapsed.TotalSeconds,10:F2}{rows / total.Elapsed.TotalSeconds,12:N0}");
    Console.WriteLine($"{"raw PostgreSQL COPY (csv -> table)",-34}{raw.Elapsed.TotalSeconds,10:F2}{rows / raw.Elapsed.TotalSeconds,12:N0}");
    Console.WriteLine();
    Console.WriteLine($"import is {total.Elapsed / raw.Elapsed:F1}x the raw COPY time; imported {result.Imported:N0}, merged {result.Merged:N0}, rejected {result.Rejected:N0}");
    Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
}
finally
{
    File.Delete(file);
    if (!options.Keep)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
    }
}

// Purchased-list rows: every 10th row repeats an earlier contact's e-mail (a duplicate to merge),
// every 50th has no lawful basis (rejected).
static int Generate(string path, int rows)
{
    string[] industries = ["manufacturing", "energy", "retail", "automotive", "logistics"];
    string[] titles = ["CFO", "procurement manager", "engineer", "technical director", "buyer"];
    var random = new Random(42);
    var duplicates = 0;
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
    writer.WriteLine("company,contact_name,title,email,phone,industry,company_size,region,budget_amount,budget_currency,lawful_basis,opt_out");
    for (var i = 1; i <= rows; i++)
    {
        var n = i;
        if (i % 10 == 0 && i > 10)
        {
            n = random.Next(1, i - 1);
            duplicates++;
        }

        var basis = i % 50 == 0 ? "" : "consent";
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Company {n} Ltd,Person {n},{titles[n % titles.Length]},person{n}@company{n}.example.com,,{industries[n % industries.Length]},200-999,East China,{n % 1000 * 1000},CNY,{basis},false"));
    }

    return duplicates;
}

internal sealed record Args(string? Postgres, int Rows, int Chunk, bool Keep)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Args(Value("--postgres"), int.Parse(Value("--rows") ?? "100000", CultureInfo.InvariantCulture),
            int.Parse(Value("--chunk") ?? "1000", CultureInfo.InvariantCulture), args.Contains("--keep"));
    }
}
