using SalesPlatform.Domain;

namespace SalesPlatform.Opportunities.Domain;

// Several types in one file: the quote with its priced lines, the pricing rule and the policy that limits discounts and margins.
/// <summary>A priced quote line: the tier its quantity reached, the unit price after every discount, cost and margin.</summary>
public sealed record PricedLine(string ProductCode, string ProductName, string Kind, decimal Quantity, decimal ListPrice, decimal? TierMinQuantity,
    decimal UnitPrice, decimal Discount, decimal UnitCost, decimal Total, decimal Cost, decimal? Margin, decimal? NextTierMinQuantity, decimal? NextTierUnitPrice,
    IReadOnlyList<BundleComponent> Components);

/// <summary>What one line asks for: a product, how many, and an extra discount on this line.</summary>
public sealed record LineRequest(string ProductCode, decimal Quantity, decimal LineDiscount);

/// <summary>The totals of a quote: list value, price, cost, margin and discount (0..1).</summary>
public sealed record QuoteTotals(decimal ListTotal, decimal Total, decimal Cost, decimal? Margin, decimal Discount);

/// <summary>
/// Quote pricing: each line at its base price (the customer segment's price when lower than list), then the volume tier its quantity reaches
/// (the highest minimum at or below it; 99 stays below a tier at 100), then the line's and the quote's extra discounts, rounded to the fen
/// (四舍五入). A bundle is one line at the bundle's price, costed at its components unless it has a cost of its own. A concession has no
/// price and adds its cost. Money is exact decimal throughout.
/// </summary>
public static class QuotePricing
{
    public static (IReadOnlyList<PricedLine> Lines, QuoteTotals Totals) Price(IReadOnlyList<LineRequest> requests, IReadOnlyDictionary<string, Product> catalog,
        string? segment, decimal extraDiscount)
    {
        var lines = new List<PricedLine>();
        foreach (var request in requests)
        {
            var product = catalog[request.ProductCode];
            var cost = product.Kind == "bundle" && product.UnitCost == 0
                ? product.Components.Sum(c => catalog.TryGetValue(c.ProductCode, out var part) ? part.UnitCost * c.Quantity : 0m)
                : product.UnitCost;
            if (product.Kind == "concession")
            {
                lines.Add(new PricedLine(product.Code, product.Name, product.Kind, request.Quantity, 0m, null, 0m, 0m, cost, 0m,
                    MoneyMath.Round(cost * request.Quantity), null, null, null, []));
                continue;
            }

            var basePrice = product.SegmentPrices.FirstOrDefault(p => p.Segment == segment)?.UnitPrice is { } segmentPrice && segmentPrice < product.ListPrice
                ? segmentPrice : product.ListPrice;
            var tier = product.TierFor(request.Quantity);
            var tiered = tier is null ? basePrice : Math.Min(basePrice, product.PriceOf(tier));
            var unit = MoneyMath.Round(tiered * (1 - request.LineDiscount) * (1 - extraDiscount));
            var total = unit * request.Quantity;
            var lineCost = MoneyMath.Round(cost * request.Quantity);
            var next = product.NextTier(request.Quantity);
            lines.Add(new PricedLine(product.Code, product.Name, product.Kind, request.Quantity, product.ListPrice, tier?.MinQuantity, unit,
                product.ListPrice == 0 ? 0m : Math.Round(1 - unit / product.ListPrice, 6), cost, total, lineCost,
                total == 0 ? null : Math.Round((total - lineCost) / total, 6), next?.MinQuantity, next is null ? null : product.PriceOf(next),
                product.Kind == "bundle" ? product.Components : []));
        }

        var listTotal = lines.Sum(l => l.ListPrice * l.Quantity);
        var sum = lines.Sum(l => l.Total);
        var costs = lines.Sum(l => l.Cost);
        return (lines, new QuoteTotals(listTotal, sum, costs, sum == 0 ? null : Math.Round((sum - costs) / sum, 6),
            listTotal == 0 ? 0m : Math.Round(1 - sum / listTotal, 6)));
    }
}

/// <summary>
/// Quote limits as data (<c>quotes</c>): a quote whose discount from list is above <see cref="DiscountThreshold"/> (15%: 15.00% passes,
/// 15.01% does not) or whose margin is below <see cref="MarginFloor"/> waits for a manager's approval before it is issued; a quote is
/// valid <see cref="DefaultValidityDays"/> days unless it says otherwise.
/// </summary>
public sealed record QuotePolicy(decimal DiscountThreshold, decimal MarginFloor, int DefaultValidityDays) : IPolicy<QuotePolicy>
{
    public static string Name => "quotes";

    public static QuotePolicy Default { get; } = new(0.15m, 0.20m, 30);

    /// <summary>Why a quote needs approval (Chinese / English), empty when it does not.</summary>
    public IReadOnlyList<string> ApprovalReasons(QuoteTotals totals)
    {
        var reasons = new List<string>();
        if (totals.Discount > DiscountThreshold)
        {
            reasons.Add($"折扣 {Percent(totals.Discount)} 超过 {Percent(DiscountThreshold)} / discount {Percent(totals.Discount)} above {Percent(DiscountThreshold)}");
        }

        if (totals.Margin is { } margin && margin < MarginFloor)
        {
            reasons.Add($"毛利率 {Percent(margin)} 低于 {Percent(MarginFloor)} / margin {Percent(margin)} below {Percent(MarginFloor)}");
        }

        return reasons;
    }

    private static string Percent(decimal share) => (share * 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (DiscountThreshold is < 0 or >= 1)
        {
            errors["discountThreshold"] = ["Between 0 and below 1."];
        }

        if (MarginFloor is < -1 or >= 1)
        {
            errors["marginFloor"] = ["Between -1 and below 1."];
        }

        if (DefaultValidityDays is < 1 or > 365)
        {
            errors["defaultValidityDays"] = ["1 to 365 days."];
        }

        return errors;
    }
}

/// <summary>Quote statuses.</summary>
public static class QuoteStatus
{
    public const string PendingApproval = "pending-approval";
    public const string Issued = "issued";
    public const string Rejected = "rejected";
    public const string Accepted = "accepted";
    public const string Withdrawn = "withdrawn";
}

/// <summary>
/// A versioned quote of an opportunity: priced lines, totals, validity, a time-limited offer, price-adjustment and penalty clauses; issued
/// at once within the limits, else after a manager's approval; at most one accepted per opportunity, never after it expired.
/// </summary>
public sealed class Quote
{
    public Guid Id { get; init; }
    public Guid OpportunityId { get; init; }
    public int Version { get; init; }
    public string Status { get; set; } = QuoteStatus.Issued;
    public string Currency { get; init; } = "CNY";
    public List<PricedLine> Lines { get; init; } = [];
    public decimal ExtraDiscount { get; init; }
    public decimal ListTotal { get; init; }
    public decimal Total { get; init; }
    public decimal Cost { get; init; }
    public decimal? Margin { get; init; }
    public decimal Discount { get; init; }
    public DateOnly ValidUntil { get; init; }

    /// <summary>A time-limited offer: the quote cannot be accepted after this moment (before <see cref="ValidUntil"/>).</summary>
    public DateTimeOffset? OfferExpiresAt { get; init; }
    public string? PriceAdjustmentClause { get; init; }
    public string? PenaltyClause { get; init; }
    public List<string> ApprovalReasons { get; init; } = [];
    public string? DecidedBy { get; set; }
    public string? DecisionComment { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>True when it can no longer be accepted at <paramref name="now"/> (Beijing days for the validity date).</summary>
    public bool ExpiredAt(DateTimeOffset now, ReportingCalendar calendar) =>
        calendar.DateOf(now) > ValidUntil || (OfferExpiresAt is { } offer && now > offer);
}
