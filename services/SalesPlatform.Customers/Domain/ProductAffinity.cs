using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Domain;

// Several types in one file: what customers hold and the counts cross-sell is computed from, with the rule that reads them.
/// <summary>A product a customer has bought: how much in total and at the last purchase, with the next volume tier the price book named.</summary>
public sealed class ProductHolding
{
    public Guid CustomerId { get; init; }
    public string ProductCode { get; init; } = "";
    public string ProductName { get; set; } = "";
    public decimal TotalQuantity { get; set; }
    public decimal LastQuantity { get; set; }
    public decimal LastUnitPrice { get; set; }
    public string Currency { get; set; } = "CNY";
    public decimal? NextTierMinQuantity { get; set; }
    public decimal? NextTierUnitPrice { get; set; }
    public DateTimeOffset FirstBoughtAt { get; init; }
    public DateTimeOffset LastBoughtAt { get; set; }
}

/// <summary>
/// How many customers of a group (an industry code, or <c>*</c> for every customer) bought a product
/// (<see cref="ProductB"/> empty), or both of two products. Kept up to date as purchases arrive (each
/// customer counts once per product and pair), so rules are read, never recomputed.
/// </summary>
public sealed class AffinityCount
{
    public string Group { get; init; } = "*";
    public string ProductA { get; init; } = "";
    public string ProductB { get; init; } = "";
    public int Customers { get; set; }
}

/// <summary>One association rule "bought A, also B" in a group, with its metrics.</summary>
public sealed record AssociationRule(string Group, string Antecedent, string Consequent, int Both, int WithAntecedent, int WithConsequent, int Baskets)
{
    /// <summary>Share of the group's customers who bought both.</summary>
    public decimal Support => Baskets == 0 ? 0 : Math.Round((decimal)Both / Baskets, 4);

    /// <summary>Share of those who bought A who also bought B.</summary>
    public decimal Confidence => WithAntecedent == 0 ? 0 : Math.Round((decimal)Both / WithAntecedent, 4);

    /// <summary>Confidence against B's share of the group: above 1, buying A makes B likelier.</summary>
    public decimal Lift => WithAntecedent == 0 || WithConsequent == 0 ? 0 : Math.Round((decimal)Both * Baskets / ((decimal)WithAntecedent * WithConsequent), 4);
}

/// <summary>
/// Cross-sell and up-sell as data (<c>cross-sell</c>): a product is suggested when customers of the same industry (or, with
/// fewer than <see cref="MinGroupCustomers"/> of them, all customers) who bought something the customer has also bought it,
/// with at least <see cref="MinSupport"/> support, <see cref="MinConfidence"/> confidence and <see cref="MinLift"/> lift; at most
/// <see cref="MaxSuggestions"/>, best confidence first. Up-sell names the next volume tier of what the customer buys.
/// </summary>
public sealed record CrossSellPolicy(int MinGroupCustomers, decimal MinSupport, decimal MinConfidence, decimal MinLift, int MaxSuggestions)
    : IPolicy<CrossSellPolicy>
{
    public static string Name => "cross-sell";

    public static CrossSellPolicy Default { get; } = new(20, 0.05m, 0.30m, 1.0m, 5);

    /// <summary>The rules worth suggesting, the best (by confidence, then lift) per product the customer does not have.</summary>
    public IReadOnlyList<AssociationRule> Suggest(IEnumerable<AssociationRule> rules, IReadOnlySet<string> held) =>
        [.. rules.Where(r => held.Contains(r.Antecedent) && !held.Contains(r.Consequent) && r.Support >= MinSupport && r.Confidence >= MinConfidence
                && r.Lift >= MinLift)
            .GroupBy(r => r.Consequent)
            .Select(g => g.OrderByDescending(r => r.Confidence).ThenByDescending(r => r.Lift).ThenBy(r => r.Antecedent, StringComparer.Ordinal).First())
            .OrderByDescending(r => r.Confidence).ThenByDescending(r => r.Lift).ThenBy(r => r.Consequent, StringComparer.Ordinal)
            .Take(MaxSuggestions)];

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (MinGroupCustomers is < 1 or > 100_000)
        {
            errors["minGroupCustomers"] = ["1 to 100000 customers."];
        }

        if (MinSupport is < 0 or > 1)
        {
            errors["minSupport"] = ["Between 0 and 1."];
        }

        if (MinConfidence is < 0 or > 1)
        {
            errors["minConfidence"] = ["Between 0 and 1."];
        }

        if (MinLift < 0)
        {
            errors["minLift"] = ["0 or more."];
        }

        if (MaxSuggestions is < 1 or > 50)
        {
            errors["maxSuggestions"] = ["1 to 50."];
        }

        return errors;
    }
}
