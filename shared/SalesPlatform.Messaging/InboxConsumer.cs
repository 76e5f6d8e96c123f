using MassTransit;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Events;

namespace SalesPlatform.Messaging;

/// <summary>
/// Base of every consumer that changes state: records the event id in the inbox and runs
/// <see cref="HandleAsync"/> in one database transaction, so an event delivered twice (broker
/// redelivery, a relay that republished after a crash) changes nothing the second time. Two
/// concurrent deliveries of one event serialize on the inbox row; the loser sees it and skips.
/// Events the handler adds with <c>db.AddEvent</c> commit in the same transaction.
/// </summary>
/// <typeparam name="TEvent">The consumed event.</typeparam>
/// <typeparam name="TDbContext">The consuming service's DbContext (with <c>AddOutboxAndInbox</c> in its model).</typeparam>
public abstract class InboxConsumer<TEvent, TDbContext>(TDbContext db, TimeProvider clock) : IConsumer<TEvent>
    where TEvent : IntegrationEvent
    where TDbContext : DbContext
{
    /// <summary>The consumer's DbContext, in the inbox transaction while <see cref="HandleAsync"/> runs.</summary>
    protected TDbContext Db { get; } = db;

    /// <summary>The clock; use it rather than <see cref="DateTimeOffset.UtcNow"/>.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Name recorded in the inbox; defaults to the class name.</summary>
    protected virtual string ConsumerName => GetType().Name;

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var cancellationToken = context.CancellationToken;
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await Db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO inbox_messages (event_id, consumer, handled_at) VALUES ({context.Message.EventId}, {ConsumerName}, {Clock.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (inserted == 0)
        {
            MessagingMetrics.Duplicates.Add(1, new KeyValuePair<string, object?>("consumer", ConsumerName));
            return;
        }

        await HandleAsync(context.Message, context);
        await Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Applies the event to this service's state; save nothing yourself, the base commits.</summary>
    protected abstract Task HandleAsync(TEvent message, ConsumeContext<TEvent> context);
}
