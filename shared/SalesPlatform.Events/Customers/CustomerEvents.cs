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
