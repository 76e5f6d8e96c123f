using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesPlatform.Events.Diagnostics;

namespace SalesPlatform.Messaging.Tests;

/// <summary>A service in miniature: one state table, the outbox and the inbox.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    public DbSet<HandledPing> HandledPings => Set<HandledPing>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>().HasIndex(n => n.Text).IsUnique();
        // No unique index on EventId here on purpose: a double handling must show up as two rows.
        modelBuilder.Entity<HandledPing>().HasKey(h => h.Id);
        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class Note
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Text { get; init; } = "";
}

public sealed class HandledPing
{
    public long Id { get; init; }

    public Guid EventId { get; init; }

    public long Sequence { get; init; }

    public string Source { get; init; } = "";
}

/// <summary>Raw deliveries seen by <see cref="PingReceiptCounter"/>, shared by every host of a test.</summary>
public sealed class ReceiptLog
{
    private readonly ConcurrentDictionary<Guid, int> receipts = new();

    public void Record(Guid eventId) => receipts.AddOrUpdate(eventId, 1, (_, n) => n + 1);

    public int Total => receipts.Values.Sum();

    public int Distinct => receipts.Count;

    public int For(Guid eventId) => receipts.GetValueOrDefault(eventId);

    public IReadOnlyDictionary<Guid, int> Snapshot() => new Dictionary<Guid, int>(receipts);
}

/// <summary>The idempotent consumer under test: writes one row per handled event.</summary>
public sealed class PingRecordedConsumer(TestDbContext db, TimeProvider clock) : InboxConsumer<PingRecorded, TestDbContext>(db, clock)
{
    protected override Task HandleAsync(PingRecorded message, ConsumeContext<PingRecorded> context)
    {
        if (message.Source == "poison")
        {
            throw new InvalidOperationException("This ping always fails.");
        }

        Db.HandledPings.Add(new HandledPing { EventId = message.EventId, Sequence = message.Sequence, Source = message.Source });
        return Task.CompletedTask;
    }
}

/// <summary>Counts every delivery on its own queue, without an inbox, to see what the broker really delivered.</summary>
public sealed class PingReceiptCounter(ReceiptLog log) : IConsumer<PingRecorded>
{
    public Task Consume(ConsumeContext<PingRecorded> context)
    {
        log.Record(context.Message.EventId);
        return Task.CompletedTask;
    }
}

public static class TestMessagingHost
{
    /// <summary>Builds and starts a host with the messaging stack; consumers and relay can be switched off.</summary>
    public static async Task<IHost> StartAsync(string database, string rabbitMq, ReceiptLog log,
        bool relay = true, bool consumers = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = rabbitMq,
            ["Messaging:Outbox:RelayEnabled"] = relay ? "true" : "false",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.050",
            ["Messaging:Outbox:MinBackoff"] = "00:00:00.200",
            ["Messaging:Outbox:MaxBackoff"] = "00:00:01",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:03",
            ["Messaging:RetryLimit"] = "2",
            ["Messaging:EndpointPrefix"] = "messaging",
            ["Messaging:RetryMinInterval"] = "00:00:00.010",
            ["Messaging:RetryMaxInterval"] = "00:00:00.050",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<TestDbContext>(options => options.UseNpgsql(database));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(log);
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(30);
            options.StopTimeout = TimeSpan.FromSeconds(10);
        });
        builder.AddMessaging<HostApplicationBuilder, TestDbContext>(bus =>
        {
            if (consumers)
            {
                bus.AddConsumer<PingRecordedConsumer>();
                bus.AddConsumer<PingReceiptCounter>();
            }
        });

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Creates the test schema in an empty database.</summary>
    public static async Task CreateSchemaAsync(string database)
    {
        await using var db = NewContext(database);
        await db.Database.EnsureCreatedAsync();
    }

    public static TestDbContext NewContext(string database) =>
        new(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(database).Options);

    /// <summary>Writes <paramref name="count"/> pings, each with a note, one SaveChanges per ping.</summary>
    public static async Task<List<Guid>> WritePingsAsync(string database, string source, int count, int startAt = 0)
    {
        var ids = new List<Guid>();
        await using var db = NewContext(database);
        for (var i = startAt; i < startAt + count; i++)
        {
            var ping = new PingRecorded(source, i);
            db.Notes.Add(new Note { Text = $"{source}-{i}" });
            db.AddEvent(ping);
            await db.SaveChangesAsync();
            ids.Add(ping.EventId);
        }

        return ids;
    }
}
