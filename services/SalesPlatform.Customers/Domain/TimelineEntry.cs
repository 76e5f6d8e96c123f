namespace SalesPlatform.Customers.Domain;

/// <summary>
/// One thing that happened to a customer (created, converted from a lead, a deal, a contract, a payment, a
/// survey, a complaint, an owner change), written once per event (its id is the key) so a redelivered event
/// adds nothing; the timeline lists them in time order.
/// </summary>
public sealed class TimelineEntry
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; init; }

    /// <summary>What happened, as a stable code (<c>customer.created</c>, <c>lead.converted</c>).</summary>
    public string Kind { get; init; } = "";

    /// <summary>A line people read, in Chinese and English.</summary>
    public string Summary { get; init; } = "";

    /// <summary>The record it is about (<c>lead:{id}</c>).</summary>
    public string? Subject { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}
