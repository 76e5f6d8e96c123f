using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>One round of a background job (an SLA scan, a pass over a queue, a monthly evaluation).</summary>
public interface IScheduledJob
{
    /// <summary>Runs one round; returns how many items it handled (logged and counted).</summary>
    Task<int> RunOnceAsync(CancellationToken cancellationToken);
}

/// <summary>Settings of one job, section <c>Jobs:&lt;Name&gt;</c>.</summary>
public sealed class JobSettings
{
    /// <summary>Configuration section of every job.</summary>
    public const string Section = "Jobs";

    /// <summary>False turns the timer off (the job can still be run directly, as tests do).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between rounds (the job's default when not set).</summary>
    public TimeSpan? Interval { get; set; }
}

/// <summary>How a job shares the work between replicas.</summary>
public enum JobMode
{
    /// <summary>One replica at a time, under a PostgreSQL advisory lock; a replica that cannot take it skips the round.</summary>
    Exclusive,

    /// <summary>Every replica runs it; the job claims its own rows (<c>FOR UPDATE SKIP LOCKED</c>).</summary>
    Shared,
}

/// <summary>The one way to run background work in a service (ADR 15).</summary>
public static class ScheduledJobExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TJob"/> (scoped) and runs it every <c>Jobs:&lt;name&gt;:Interval</c>
    /// (default <paramref name="defaultInterval"/>) unless <c>Jobs:&lt;name&gt;:Enabled</c> is false. An
    /// <see cref="JobMode.Exclusive"/> job holds a PostgreSQL session advisory lock on
    /// <typeparamref name="TDbContext"/>'s database for the round (released even if the process dies);
    /// a replica that cannot take it skips instead of waiting. Metrics (meter <c>SalesPlatform.Jobs</c>):
    /// <c>salesplatform.jobs.runs</c> by outcome, <c>salesplatform.jobs.duration</c>, <c>salesplatform.jobs.last_success</c>.
    /// </summary>
    public static TBuilder AddScheduledJob<TBuilder, TJob, TDbContext>(this TBuilder builder, string name, TimeSpan defaultInterval,
        JobMode mode = JobMode.Exclusive)
        where TBuilder : IHostApplicationBuilder
        where TJob : class, IScheduledJob
        where TDbContext : DbContext
    {
        var settings = builder.Configuration.GetSection($"{JobSettings.Section}:{name}").Get<JobSettings>() ?? new JobSettings();
        var interval = settings.Interval ?? defaultInterval;
        if (interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{JobSettings.Section}:{name}:Interval must be positive (got {interval}).");
        }

        builder.Services.AddScoped<TJob>();
        if (settings.Enabled)
        {
            builder.Services.AddSingleton<IHostedService>(services => new ScheduledJobHost<TJob, TDbContext>(name, interval, mode,
                services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<ScheduledJobHost<TJob, TDbContext>>>()));
        }

        return builder;
    }
}

/// <summary>Runs one job on its interval (see <see cref="ScheduledJobExtensions.AddScheduledJob{TBuilder, TJob, TDbContext}"/>).</summary>
public sealed partial class ScheduledJobHost<TJob, TDbContext>(string name, TimeSpan interval, JobMode mode, IServiceScopeFactory scopes,
    TimeProvider clock, ILogger<ScheduledJobHost<TJob, TDbContext>> logger) : BackgroundService
    where TJob : class, IScheduledJob
    where TDbContext : DbContext
{
    /// <summary>The advisory lock key of this job: a stable hash of the database context and the job name.</summary>
    public long LockKey { get; } = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{typeof(TDbContext).Name}/{name}")), 0);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                JobMetrics.Runs.Add(1, new("job", name), new("outcome", "failed"));
                LogFailed(logger, e, name, interval);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: takes the lock (exclusive jobs), runs the job, records the outcome. False when skipped.</summary>
    public async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        NpgsqlConnection? lockConnection = null;
        try
        {
            if (mode == JobMode.Exclusive)
            {
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                // A connection of its own, outside the pool: a pooled session would keep the lock after Dispose.
                lockConnection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }
                    .ConnectionString);
                await lockConnection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", lockConnection);
                command.Parameters.AddWithValue("key", LockKey);
                if (await command.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    JobMetrics.Runs.Add(1, new("job", name), new("outcome", "skipped"));
                    return false;
                }
            }

            var started = Stopwatch.GetTimestamp();
            var handled = await scope.ServiceProvider.GetRequiredService<TJob>().RunOnceAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            JobMetrics.Runs.Add(1, new("job", name), new("outcome", "succeeded"));
            JobMetrics.Duration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("job", name));
            JobMetrics.LastSuccess[name] = clock.GetUtcNow().ToUnixTimeSeconds();
            if (handled > 0)
            {
                LogRound(logger, name, handled, elapsed.TotalMilliseconds);
            }

            return true;
        }
        finally
        {
            if (lockConnection is not null)
            {
                await lockConnection.DisposeAsync(); // ends the session, which releases its advisory lock
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} handled {Count} item(s) in {Milliseconds:F0} ms")]
    private static partial void LogRound(ILogger logger, string job, int count, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed; it runs again after {Interval}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job, TimeSpan interval);
}

/// <summary>The jobs' instruments (meter <c>SalesPlatform.Jobs</c>).</summary>
internal static class JobMetrics
{
    private static readonly Meter Meter = new("SalesPlatform.Jobs");

    internal static readonly ConcurrentDictionary<string, long> LastSuccess = new();

    internal static readonly Counter<long> Runs = Meter.CreateCounter<long>("salesplatform.jobs.runs", description: "Job rounds by outcome (succeeded, skipped, failed).");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("salesplatform.jobs.duration", "ms", "Duration of a successful round.");

    static JobMetrics() => Meter.CreateObservableGauge("salesplatform.jobs.last_success",
        () => LastSuccess.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("job", p.Key))),
        "s", "Unix time of each job's last successful round.");
}
