using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults.Tests;

/// <summary>The one way to run a job: an exclusive job runs on one replica at a time and a busy replica skips.</summary>
public sealed class ScheduledJobTests(InfrastructureFixture infra) : IClassFixture<InfrastructureFixture>
{
    public sealed class CountingJob : IScheduledJob
    {
        public static int Runs;

        public Task<int> RunOnceAsync(CancellationToken cancellationToken) => Task.FromResult(Interlocked.Increment(ref Runs));
    }

    // Another replica's session: unpooled, so closing it really ends the session and its lock.
    private string Unpooled => new NpgsqlConnectionStringBuilder(infra.Database) { Pooling = false }.ConnectionString;

    private ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddDbContext<ProbeDbContext>(o => o.UseNpgsql(infra.Database));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddScheduledJob<HostApplicationBuilder, CountingJob, ProbeDbContext>("Counting", TimeSpan.FromHours(1));
        return builder.Services.BuildServiceProvider();
    }

    private static ScheduledJobHost<CountingJob, ProbeDbContext> Replica(IServiceProvider services, JobMode mode) =>
        new("Counting", TimeSpan.FromHours(1), mode, services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System,
            NullLogger<ScheduledJobHost<CountingJob, ProbeDbContext>>.Instance);

    [Fact]
    public async Task ExclusiveJob_WhileAnotherReplicaHoldsTheLock_SkipsWithoutRunning_ThenRunsOnceReleased()
    {
        await using var services = Services();
        var replica = Replica(services, JobMode.Exclusive);
        var before = CountingJob.Runs;

        await using (var other = new NpgsqlConnection(Unpooled))
        {
            await other.OpenAsync();
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({replica.LockKey})", other);
            await take.ExecuteScalarAsync();

            Assert.False(await replica.RunRoundAsync(CancellationToken.None));
            Assert.Equal(before, CountingJob.Runs);
        }

        Assert.True(await replica.RunRoundAsync(CancellationToken.None));
        Assert.Equal(before + 1, CountingJob.Runs);

        // The round released the lock: another replica can take it at once.
        await using var next = new NpgsqlConnection(Unpooled);
        await next.OpenAsync();
        await using var tryTake = new NpgsqlCommand($"SELECT pg_try_advisory_lock({replica.LockKey})", next);
        Assert.Equal(true, await tryTake.ExecuteScalarAsync());
    }

    [Fact]
    public async Task SharedJob_RunsOnEveryReplicaWithoutALock()
    {
        await using var services = Services();
        var replica = Replica(services, JobMode.Shared);
        var before = CountingJob.Runs;

        await using var other = new NpgsqlConnection(Unpooled);
        await other.OpenAsync();
        await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({replica.LockKey})", other);
        await take.ExecuteScalarAsync();

        Assert.True(await replica.RunRoundAsync(CancellationToken.None));
        Assert.Equal(before + 1, CountingJob.Runs);
    }

    [Theory]
    [InlineData("true", 1)]
    [InlineData("false", 0)]
    public async Task EnabledSwitch_DecidesWhetherTheTimerRuns(string enabled, int hostedServices)
    {
        await using var services = Services(("Jobs:Counting:Enabled", enabled));

        Assert.Equal(hostedServices, services.GetServices<IHostedService>().OfType<ScheduledJobHost<CountingJob, ProbeDbContext>>().Count());
        Assert.NotNull(services.CreateScope().ServiceProvider.GetRequiredService<CountingJob>()); // runnable directly either way
    }

    [Fact]
    public void Interval_NotPositive_Refuses()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Services(("Jobs:Counting:Interval", "00:00:00")));

        Assert.Contains("Jobs:Counting:Interval", error.Message, StringComparison.Ordinal);
    }
}
