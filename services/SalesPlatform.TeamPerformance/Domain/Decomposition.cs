using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Domain;

/// <summary>
/// Splits an amount over weights so that the parts add up EXACTLY to the whole, to the cent.
/// Rule (largest remainder on the cent): each part first gets its exact share (amount × weight ÷ Σweights)
/// truncated towards zero to whole cents; the cents still missing are then handed out one each to the parts
/// with the largest truncated-away remainder; equal remainders go to the earlier part in the given order.
/// Weights are non-negative and at least one is positive; a zero weight gets nothing.
/// </summary>
public static class Decomposition
{
    public static IReadOnlyList<decimal> Split(decimal amount, IReadOnlyList<decimal> weights)
    {
        if (weights.Count == 0)
        {
            throw new RequestValidationException("children", "Give at least one child to decompose into.");
        }

        if (weights.Any(w => w < 0))
        {
            throw new RequestValidationException("weight", "Weights cannot be negative.");
        }

        var total = weights.Sum();
        if (total <= 0)
        {
            throw new RequestValidationException("weight", "At least one weight must be positive.");
        }

        if (decimal.Round(amount, 2) != amount)
        {
            throw new RequestValidationException("amount", "Amounts are in whole cents.");
        }

        var cents = amount * 100m;
        var sign = Math.Sign(cents);
        var absolute = Math.Abs(cents);
        var floors = new decimal[weights.Count];
        var remainders = new decimal[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = absolute * weights[i] / total;
            floors[i] = decimal.Truncate(exact);
            remainders[i] = exact - floors[i];
        }

        var missing = (int)(absolute - floors.Sum());
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(missing);
        foreach (var i in order)
        {
            floors[i] += 1;
        }

        return [.. floors.Select(f => sign * f / 100m)];
    }
}
