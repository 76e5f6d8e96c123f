using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesPlatform.Events;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Messaging;

/// <summary>Settings of the outbox relay (<c>Messaging:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Messaging:Outbox";

    /// <summary>Whether this process runs a relay (every replica may; they share work safely).</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>Rows claimed per transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long an idle relay waits before looking again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one publish may wait for the broker's confirmation.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First back-off after a failure; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest back-off while the broker stays down.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long sent outbox rows are kept (audit, replay) before the relay deletes them.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long inbox rows are kept. Longer than any redelivery can take (broker redelivery, an
    /// operator replaying the error queue), since an expired row lets a late duplicate through.
    /// </summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the relay deletes expired rows.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Publishes the outbox of <typeparamref name="TDbContext"/> to RabbitMQ. Each round claims the
/// oldest pending rows with <c>FOR UPDATE SKIP LOCKED</c> (so several replicas never claim the
/// same row), publishes them in sequence order with broker confirmation, marks them sent and
/// commits. While the broker is down it backs off exponentially and loses nothing: unsent rows
/// simply stay pending. Delivery is at-least-once; consumers dedupe through the inbox.
/// </summary>
public sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService where TDbContext : DbContext
{
    private static readonly string ClaimSql =
        $"SELECT * FROM {OutboxModelExtensions.OutboxTable} WHERE sent_at IS NULL AND dead_lettered_at IS NULL " +
        "ORDER BY sequence LIMIT {0} FOR UPDATE SKIP LOCKED";

    private readonly OutboxOptions settings = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = settings.MinBackoff;
        var nextCleanup = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= nextCleanup)
                {
                    nextCleanup = clock.GetUtcNow() + settings.CleanupInterval;
                    await using var scope = scopes.CreateAsyncScope();
                    var now = clock.GetUtcNow();
                    await OutboxMaintenance.DeleteExpiredAsync(scope.ServiceProvider.GetRequiredService<TDbContext>(),
                        now - settings.SentRetention, now - settings.InboxRetention, stoppingToken);
                }

                var (published, failed) = await RelayBatchAsync(stoppingToken);
                if (failed)
                {
                    await Task.Delay(backoff, clock, stoppingToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.MaxBackoff.Ticks));
                    continue;
                }

                backoff = settings.MinBackoff;
                if (published < settings.BatchSize)
                {
                    await Task.Delay(settings.PollInterval, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database itself is unreachable: nothing was claimed, try again later.
                logger.LogWarning(e, "Outbox relay for {Context} failed; retrying in {Backoff}", typeof(TDbContext).Name, backoff);
                await Task.Delay(backoff, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Claims, publishes and marks one batch. Returns how many were published and whether a publish failed.</summary>
    internal async Task<(int Published, bool Failed)> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.Set<OutboxMessage>().FromSqlRaw(ClaimSql, settings.BatchSize).ToListAsync(cancellationToken);

        var published = 0;
        var failed = false;
        foreach (var message in batch)
        {
            var eventType = EventTypes.Resolve(message.Type);
            if (eventType is null)
            {
                message.DeadLetteredAt = clock.GetUtcNow();
                message.LastError = $"'{message.Type}' is not an event type of SalesPlatform.Events.";
                logger.LogError("Outbox row {Sequence} dead-lettered: {Error}", message.Sequence, message.LastError);
                continue;
            }

            try
            {
                var body = JsonSerializer.Deserialize(message.Payload, eventType, OutboxMessage.SerializerOptions)!;
                // The publication continues the trace of the request that wrote the row (MassTransit's send
                // span becomes its child, the consumers' spans follow), instead of starting a new one.
                using var publishing = ActivityContext.TryParse(message.TraceParent, null, out var parent)
                    ? RelayActivities.Source.StartActivity($"outbox publish {eventType.Name}", ActivityKind.Producer, parent)
                    : null;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(settings.PublishTimeout);
                await bus.Publish(body, eventType, Pipe.Execute<PublishContext>(context =>
                {
                    context.MessageId = message.EventId;
                    if (message.CorrelationId is not null)
                    {
                        context.Headers.Set(CorrelationContext.HeaderName, message.CorrelationId);
                    }
                }), timeout.Token);

                var now = clock.GetUtcNow();
                message.SentAt = now;
                published++;
                MessagingMetrics.Published.Add(1, new KeyValuePair<string, object?>("event", eventType.Name));
                MessagingMetrics.RelayLag.Record((now - message.CreatedAt).TotalMilliseconds,
                    new KeyValuePair<string, object?>("event", eventType.Name));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Keep order: stop at the first failure, save what was sent, retry the rest after a back-off.
                message.Attempts++;
                message.LastError = Truncate(e.Message, 2000);
                failed = true;
                MessagingMetrics.PublishFailures.Add(1);
                logger.LogWarning("Publishing outbox row {Sequence} ({Type}) failed, attempt {Attempt}: {Error}",
                    message.Sequence, message.Type, message.Attempts, e.Message);
                break;
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);

        var pending = await db.Set<OutboxMessage>()
            .CountAsync(m => m.SentAt == null && m.DeadLetteredAt == null, cancellationToken);
        MessagingMetrics.ReportDepth(typeof(TDbContext).Name, pending);
        return (published, failed);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>Keeps the outbox and inbox tables from growing without bound.</summary>
public static class OutboxMaintenance
{
    private const int BatchSize = 10_000;

    /// <summary>
    /// Deletes outbox rows sent before <paramref name="sentBefore"/> and inbox rows handled before
    /// <paramref name="handledBefore"/>, in batches so no transaction holds many locks; pending and
    /// dead-lettered outbox rows are never deleted. Returns how many rows went.
    /// </summary>
    public static async Task<int> DeleteExpiredAsync(DbContext db, DateTimeOffset sentBefore, DateTimeOffset handledBefore,
        CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await db.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM outbox_messages WHERE sequence IN (SELECT sequence FROM outbox_messages WHERE sent_at < {sentBefore} LIMIT {BatchSize})",
                cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);

        do
        {
            deleted = await db.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM inbox_messages WHERE ctid IN (SELECT ctid FROM inbox_messages WHERE handled_at < {handledBefore} LIMIT {BatchSize})",
                cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);

        return total;
    }
}

/// <summary>Resolves outbox type names, only ever to integration events of SalesPlatform.Events.</summary>
public static class EventTypes
{
    /// <summary>The event type named <paramref name="fullName"/>, or null when it is not an event of SalesPlatform.Events.</summary>
    public static Type? Resolve(string fullName)
    {
        if (string.IsNullOrWhiteSpace(fullName))
        {
            return null;
        }

        var type = typeof(IntegrationEvent).Assembly.GetType(fullName, throwOnError: false);
        return type is { IsAbstract: false } && typeof(IntegrationEvent).IsAssignableFrom(type) ? type : null;
    }
}

/// <summary>Messaging metrics (meter <c>SalesPlatform.Messaging</c>): relay lag, outbox depth, publishes.</summary>
public static class MessagingMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "SalesPlatform.Messaging";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Dictionary<string, long> Depths = [];
    private static readonly Lock DepthsLock = new();

    internal static readonly Counter<long> Published =
        Meter.CreateCounter<long>("salesplatform.outbox.published", "{event}", "Events published from the outbox.");

    internal static readonly Counter<long> PublishFailures =
        Meter.CreateCounter<long>("salesplatform.outbox.publish_failures", "{attempt}", "Failed publish attempts.");

    internal static readonly Counter<long> Duplicates =
        Meter.CreateCounter<long>("salesplatform.inbox.duplicates", "{event}", "Redelivered events skipped by the inbox.");

    internal static readonly Histogram<double> RelayLag =
        Meter.CreateHistogram<double>("salesplatform.outbox.relay_lag", "ms", "Time from outbox write to broker confirmation.");

    static MessagingMetrics()
    {
        Meter.CreateObservableGauge("salesplatform.outbox.depth", ObserveDepths, "{event}", "Outbox rows waiting to be published.");
    }

    /// <summary>Last observed number of pending outbox rows per DbContext.</summary>
    public static long Depth(string context)
    {
        lock (DepthsLock)
        {
            return Depths.GetValueOrDefault(context);
        }
    }

    internal static void ReportDepth(string context, long depth)
    {
        lock (DepthsLock)
        {
            Depths[context] = depth;
        }
    }

    private static IEnumerable<Measurement<long>> ObserveDepths()
    {
        lock (DepthsLock)
        {
            return Depths.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("context", d.Key))).ToList();
        }
    }
}

/// <summary>The relay's activity source (exported with the other <c>SalesPlatform.*</c> sources).</summary>
internal static class RelayActivities
{
    internal static readonly ActivitySource Source = new("SalesPlatform.Messaging");
}
