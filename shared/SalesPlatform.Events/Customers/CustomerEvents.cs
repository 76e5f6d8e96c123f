namespace SalesPlatform.Events.Customers;

/// <summary>
/// Published by the customers service when a customer answers an NPS survey (score 0-10).
/// Team performance computes the NPS of each rep's own customers from it.
/// </summary>
/// <param name="SurveyResponseId">The response.</param>
/// <param name="CustomerId">The customer who answered.</param>
/// <param name="OwnerId">The sales rep who owns the customer.</param>
/// <param name="Score">0..10: promoters 9-10, passives 7-8, detractors 0-6.</param>
/// <param name="Touchpoint">presales, contract-signing, delivery-acceptance, after-sales or general.</param>
public sealed record CustomerNpsRecorded(
    Guid SurveyResponseId,
    Guid CustomerId,
    Guid OwnerId,
    int Score,
    string Touchpoint) : IntegrationEvent;

/// <summary>
/// Published by the customers service when a complaint got no response within its severity's time (48 hours
/// for a normal one by default): escalated to the owner's manager. Analytics counts it as a risk indicator.
/// </summary>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="CustomerId">The customer who complained.</param>
/// <param name="OwnerId">The customer's owner, if any.</param>
/// <param name="Category">product, service or process.</param>
/// <param name="Severity">normal, urgent or major.</param>
/// <param name="ResponseDueAt">When a response was due.</param>
public sealed record ComplaintSlaBreached(
    Guid ComplaintId,
    Guid CustomerId,
    Guid? OwnerId,
    string Category,
    string Severity,
    DateTimeOffset ResponseDueAt) : IntegrationEvent;

/// <summary>
/// Published by the customers service when a customer's segment changes: its RFM segment, value tier or lifecycle
/// stage (each with the previous value). Analytics and team performance may segment by it.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="OwnerId">Its owner, if any.</param>
/// <param name="RfmSegment">high-value, potential, general or lost; null before a first purchase.</param>
/// <param name="PreviousRfmSegment">The segment before.</param>
/// <param name="ValueTier">high-value, important, general or low-value.</param>
/// <param name="PreviousValueTier">The tier before.</param>
/// <param name="Lifecycle">awareness, development, mature, decline or lost.</param>
/// <param name="PreviousLifecycle">The stage before.</param>
/// <param name="LifetimeValue">The customer lifetime value in the base currency.</param>
public sealed record CustomerSegmentChanged(
    Guid CustomerId,
    Guid? OwnerId,
    string? RfmSegment,
    string? PreviousRfmSegment,
    string ValueTier,
    string? PreviousValueTier,
    string Lifecycle,
    string? PreviousLifecycle,
    Money LifetimeValue) : IntegrationEvent;

/// <summary>
/// Published by the customers service when a customer's churn risk score crosses the threshold (once per
/// crossing): a win-back task with an offer type is opened for the owner.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="OwnerId">Its owner, if any.</param>
/// <param name="Score">The risk score, 0 to 100.</param>
/// <param name="Reasons">Why, each with its numbers (falling purchase frequency, falling satisfaction, rising complaints).</param>
/// <param name="Offer">The win-back offer: exclusive-discount, extended-service-term or value-added-service.</param>
/// <param name="WinBackTaskId">The win-back task opened.</param>
public sealed record ChurnRiskRaised(
    Guid CustomerId,
    Guid? OwnerId,
    int Score,
    IReadOnlyList<string> Reasons,
    string Offer,
    Guid WinBackTaskId) : IntegrationEvent;

/// <summary>
/// Published by the customers service whenever a customer's owner changes: claimed from or returned to the
/// customer pool, reclaimed for want of follow-up or a deal, or reassigned by a manager.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="FromOwner">The owner before (null: it was in the pool).</param>
/// <param name="ToOwner">The owner after (null: it is in the pool).</param>
/// <param name="Kind">claimed, released, reclaimed or reassigned.</param>
/// <param name="Reason">Why, when one was given.</param>
public sealed record CustomerOwnerChanged(
    Guid CustomerId,
    Guid? FromOwner,
    Guid? ToOwner,
    string Kind,
    string? Reason) : IntegrationEvent;

/// <summary>
/// Published by the customers service when a customer is created (by hand or from a converted lead): leads keeps the
/// names and credit codes it has seen, so capture and import flag leads of companies that are customers already.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">The company name as entered.</param>
/// <param name="CreditCode">The unified social credit code, if known.</param>
/// <param name="OwnerId">Its owner, if any (none while in the pool).</param>
public sealed record CustomerRegistered(
    Guid CustomerId,
    string Name,
    string? CreditCode,
    Guid? OwnerId) : IntegrationEvent;

/// <summary>
/// Published by the customers service when a converted lead's customer is settled (created for it, or an existing one linked):
/// opportunities sets the customer of the lead's opportunity from it, whichever of the two arrives first.
/// </summary>
/// <param name="LeadId">The converted lead.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="Created">True when the customer was created for this lead.</param>
public sealed record CustomerLinkedToLead(
    Guid LeadId,
    Guid CustomerId,
    bool Created) : IntegrationEvent;
