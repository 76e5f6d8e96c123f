namespace SalesPlatform.Events;

/// <summary>
/// Base of every integration event: a fact that happened in one service, published through that
/// service's transactional outbox and handled idempotently (by <see cref="EventId"/>) by consumers.
/// </summary>
/// <remarks>
/// The contract rule: events are routed by their full type name, so a published event type is never
/// renamed or moved to another namespace, and a field never changes its meaning. Add fields (with a
/// sensible default for old messages); a breaking change is a new type. Events carry everything a
/// consumer needs so that it never has to call the publisher back.
/// </remarks>
public abstract record IntegrationEvent
{
    /// <summary>Unique id of this fact; consumers record it in their inbox to ignore redeliveries.</summary>
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <summary>When the fact happened (UTC), taken from the publisher's clock.</summary>
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>An amount of money in an ISO 4217 currency; never a float.</summary>
/// <param name="Amount">Exact decimal amount.</param>
/// <param name="Currency">ISO 4217 code, upper case (CNY, USD, EUR).</param>
public sealed record Money(decimal Amount, string Currency);
