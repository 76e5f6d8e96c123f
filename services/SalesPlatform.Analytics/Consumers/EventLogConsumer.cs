using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Analytics.Data;
using SalesPlatform.Events;

namespace SalesPlatform.Analytics.Consumers;

/// <summary>
/// Appends every integration event to the event log, once per event id (a redelivery changes nothing: the insert skips an id it has), and
/// applies it to the read models in the same transaction. One
/// consumer per event type, all on one queue (<c>analytics-event-log</c>), registered for every event type of <c>SalesPlatform.Events</c>.
/// </summary>
public sealed class EventLogConsumer<TEvent>(AnalyticsDbContext db, TimeProvider clock) : IConsumer<TEvent> where TEvent : IntegrationEvent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        var payload = JsonSerializer.Serialize(message, message.GetType(), Json);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO event_log (event_id, type, occurred_at, received_at, payload) VALUES ({message.EventId}, {typeof(TEvent).FullName}, {message.OccurredAt}, {clock.GetUtcNow()}, {payload}::jsonb) ON CONFLICT (event_id) DO NOTHING",
            ct);
        if (inserted == 1)
        {
            // The read models move with the log, in the same transaction: an event is in both or in neither.
            await SalesPlatform.Analytics.ReadModels.FunnelProjection.ApplyAsync(db, typeof(TEvent).FullName!, payload, ct);
            await SalesPlatform.Analytics.ReadModels.PipelineProjection.ApplyAsync(db, typeof(TEvent).FullName!, payload, ct);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

}

/// <summary>The event log's registration: a consumer for every event type the platform publishes.</summary>
public static class EventLog
{
    /// <summary>Every event type of <c>SalesPlatform.Events</c>.</summary>
    public static IReadOnlyList<Type> EventTypes { get; } = [.. typeof(IntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(IntegrationEvent).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        var register = typeof(EventLog).GetMethod(nameof(Register), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        foreach (var type in EventTypes)
        {
            register.MakeGenericMethod(type).Invoke(null, [bus]);
        }
    }

    private static void Register<TEvent>(IBusRegistrationConfigurator bus) where TEvent : IntegrationEvent =>
        bus.AddConsumer<EventLogConsumer<TEvent>, EventLogConsumerDefinition<TEvent>>();
}

/// <summary>One queue for the log: every <see cref="EventLogConsumer{TEvent}"/> on the endpoint <c>analytics-event-log</c>.</summary>
public sealed class EventLogConsumerDefinition<TEvent> : ConsumerDefinition<EventLogConsumer<TEvent>> where TEvent : IntegrationEvent
{
    public EventLogConsumerDefinition() => EndpointName = "analytics-event-log";
}
