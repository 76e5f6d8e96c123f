namespace SalesPlatform.Customers.Domain;

/// <summary>
/// A customer's answer to a satisfaction survey: 0-10 at a touchpoint (presales, contract signing, delivery
/// acceptance, after-sales), counted for the customer's owner at the time (so NPS follows who served them).
/// </summary>
public sealed class SurveyResponse
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; init; }
    public Guid? OwnerId { get; init; }
    public int Score { get; init; }
    public string Touchpoint { get; init; } = "";
    public string? Comment { get; init; }
    public DateTimeOffset AnsweredAt { get; init; }
}
