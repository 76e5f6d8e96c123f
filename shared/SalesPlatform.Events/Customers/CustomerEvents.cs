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
