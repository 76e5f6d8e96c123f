namespace SalesPlatform.Customers.Domain;

/// <summary>
/// One thing that happened to a customer (created, converted from a lead, a deal, a contract, a payment, a
/// survey, a complaint, an owner change), written once per event (<see cref="EventId"/> is unique) so a
/// redelivered event adds nothing; the id is a version-7 id of when it happened, so the timeline in id order
/// is in time order whatever order the events arrived in.
/// </summary>
public sealed class TimelineEntry
{
    public Guid Id { get; init; }

    /// <summary>The integration event it came from, if any.</summary>
    public Guid? EventId { get; init; }
    public Guid CustomerId { get; init; }

    /// <summary>What happened, as a stable code (<c>customer.created</c>, <c>lead.converted</c>).</summary>
    public string Kind { get; init; } = "";

    /// <summary>A line people read, in Chinese and English.</summary>
    public string Summary { get; init; } = "";

    /// <summary>The record it is about (<c>lead:{id}</c>).</summary>
    public string? Subject { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}
