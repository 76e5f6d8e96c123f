namespace SalesPlatform.Customers.Domain;

// Several types in one file: the purchase with the lines it is made of.
/// <summary>One line of a purchase: a product and how much, with the next volume tier the price book named (up-sell).</summary>
public sealed record PurchaseLine(string ProductCode, string ProductName, decimal Quantity, decimal UnitPrice, string Currency,
    decimal? NextTierMinQuantity, decimal? NextTierUnitPrice);

/// <summary>
/// A purchase: a signed contract of the customer (<c>ContractSigned</c>), once per contract. RFM, value tiers,
/// lifetime value, churn and cross-sell are computed from these.
/// </summary>
public sealed class Purchase
{
    public Guid ContractId { get; init; }
    public Guid CustomerId { get; init; }
    public DateTimeOffset SignedAt { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "CNY";

    /// <summary>The amount in the base currency (null: a foreign-currency contract that came without a conversion).</summary>
    public decimal? BaseAmount { get; init; }

    /// <summary>The cost in the base currency, when the price book knew it.</summary>
    public decimal? Cost { get; init; }

    public List<PurchaseLine> Lines { get; init; } = [];

    /// <summary>What the purchase contributes: its profit when the cost is known, its revenue otherwise (null: not converted).</summary>
    public decimal? Contribution => BaseAmount is { } amount ? amount - (Cost ?? 0m) : null;
}
