using MassTransit;
using SalesPlatform.Events;

namespace SalesPlatform.Testing;

// Several types in one file: the delivery log and the consume observer that fills it, used together.
/// <summary>How many times each event id was consumed (completed) by a service under test: tests wait on it instead of sleeping.</summary>
public sealed class DeliveryLog
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> counts = new();

    /// <summary>How many times <paramref name="eventId"/> was consumed.</summary>
    public int Count(Guid eventId) => counts.GetValueOrDefault(eventId);

    /// <summary>Counts one consumption of <paramref name="eventId"/>.</summary>
    public void Add(Guid eventId) => counts.AddOrUpdate(eventId, 1, (_, n) => n + 1);

    /// <summary>Publishes on the real broker (the host's bus) and waits until the service has consumed this delivery (the n-th of this event id).</summary>
    public async Task PublishAndWaitAsync<T>(IBus bus, T message) where T : IntegrationEvent
    {
        var expected = Count(message.EventId) + 1;
        await bus.Publish(message);
        await Eventually.UntilAsync(() => Task.FromResult(Count(message.EventId) >= expected), TimeSpan.FromSeconds(20),
            $"{typeof(T).Name} {message.EventId} consumed {expected} time(s)");
    }
}

/// <summary>Counts every completed consumption of an integration event in a <see cref="DeliveryLog"/>.</summary>
public sealed class DeliveryObserver(DeliveryLog log) : IConsumeObserver
{
    /// <inheritdoc />
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    /// <inheritdoc />
    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is IntegrationEvent e)
        {
            log.Add(e.EventId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
