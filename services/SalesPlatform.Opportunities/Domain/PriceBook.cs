using SalesPlatform.Domain;

namespace SalesPlatform.Opportunities.Domain;

// Several types in one file: a product of the price book with the tiers, segment prices and components it is made of.
/// <summary>A volume tier: from <see cref="MinQuantity"/> on, this unit price, or this discount off the list price.</summary>
public sealed record PriceTier(decimal MinQuantity, decimal? UnitPrice, decimal? Discount);

/// <summary>The unit price for customers of one segment (value tier or RFM segment code).</summary>
public sealed record SegmentPrice(string Segment, decimal UnitPrice);

/// <summary>A component of a bundle: a product and how many of it one bundle holds.</summary>
public sealed record BundleComponent(string ProductCode, decimal Quantity);

/// <summary>
/// A product of the price book (<c>/api/opportunities/products</c>): a product, a bundle (components at one bundle price), a value-added
/// service pack, or a non-price concession (free training, priority support: no price, a cost). List price and unit cost in one
/// currency, so every quote line knows its margin.
/// </summary>
public sealed class Product
{
    public static readonly string[] Kinds = ["product", "bundle", "service-pack", "concession"];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Code { get; init; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "product";
    public string Currency { get; set; } = "CNY";
    public decimal ListPrice { get; set; }

    /// <summary>The unit cost; for a bundle, the sum of its components' costs when not given.</summary>
    public decimal UnitCost { get; set; }
    public string? Unit { get; set; }
    public List<PriceTier> Tiers { get; set; } = [];
    public List<SegmentPrice> SegmentPrices { get; set; } = [];
    public List<BundleComponent> Components { get; set; } = [];
    public bool Active { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The tier a quantity reaches (the highest minimum at or below it), or null.</summary>
    public PriceTier? TierFor(decimal quantity) => Tiers.Where(t => t.MinQuantity <= quantity).MaxBy(t => t.MinQuantity);

    /// <summary>The next tier above a quantity, or null.</summary>
    public PriceTier? NextTier(decimal quantity) => Tiers.Where(t => t.MinQuantity > quantity).MinBy(t => t.MinQuantity);

    /// <summary>The unit price of a tier.</summary>
    public decimal PriceOf(PriceTier tier) => tier.UnitPrice ?? MoneyMath.Round(ListPrice * (1 - (tier.Discount ?? 0m)));

    /// <summary>Problems of a product definition, by field.</summary>
    public static Dictionary<string, string[]> Problems(string? code, string? name, string? kind, string? currency, decimal? listPrice, decimal? unitCost,
        IReadOnlyList<PriceTier>? tiers, IReadOnlyList<SegmentPrice>? segments, IReadOnlyList<BundleComponent>? components)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(code) || code.Length > 60 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors["code"] = ["A code of at most 60 letters, digits, '-' or '_'."];
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            errors["name"] = ["A name is required (at most 200 characters)."];
        }

        if (!Kinds.Contains(kind ?? "product"))
        {
            errors["kind"] = ["Kind is one of: " + string.Join(", ", Kinds) + "."];
        }

        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            errors["currency"] = ["An ISO 4217 code in capitals, such as CNY."];
        }

        if (listPrice is null || listPrice < 0 || (kind == "concession" && listPrice != 0))
        {
            errors["listPrice"] = [kind == "concession" ? "A concession has no price (0); its cost is what it gives away." : "A list price of 0 or more is required."];
        }

        if (unitCost is < 0)
        {
            errors["unitCost"] = ["A cost is 0 or more."];
        }

        for (var i = 0; i < (tiers?.Count ?? 0); i++)
        {
            var t = tiers![i];
            if (t.MinQuantity <= 1 || (t.UnitPrice is null) == (t.Discount is null) || t.UnitPrice < 0 || t.Discount is < 0 or >= 1)
            {
                errors[$"tiers[{i}]"] = ["A tier starts above 1 and gives either a unit price (0 or more) or a discount (0 to below 1)."];
            }
        }

        if (tiers is not null && tiers.Select(t => t.MinQuantity).Distinct().Count() != tiers.Count)
        {
            errors["tiers"] = ["One tier per minimum quantity."];
        }

        for (var i = 0; i < (segments?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(segments![i].Segment) || segments[i].UnitPrice < 0)
            {
                errors[$"segmentPrices[{i}]"] = ["A segment code and a unit price of 0 or more."];
            }
        }

        if (kind == "bundle" && (components is null || components.Count == 0))
        {
            errors["components"] = ["A bundle lists its components."];
        }

        for (var i = 0; i < (components?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(components![i].ProductCode) || components[i].Quantity <= 0)
            {
                errors[$"components[{i}]"] = ["A component names a product and a quantity above 0."];
            }
        }

        return errors;
    }
}

/// <summary>Money rounding: to the fen (0.01), half away from zero (四舍五入).</summary>
public static class MoneyMath
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
