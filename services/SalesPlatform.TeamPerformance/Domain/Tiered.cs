namespace SalesPlatform.TeamPerformance.Domain;

// Several types in one file: Marginal tiered amounts (commissions, rebates) with the bracket and statement-line records they use.
/// <summary>A bracket of a marginal tiered rate: amounts from <see cref="From"/> up to <see cref="To"/> (open when null) earn <see cref="Rate"/>.</summary>
public sealed record Bracket(decimal From, decimal? To, decimal Rate, string Label);

/// <summary>One explained line of a statement.</summary>
public sealed record StatementLine(string Label, decimal Base, decimal Rate, decimal Amount, string Explanation);

/// <summary>
/// Marginal tiered rates (like tax brackets): each bracket's rate applies only to the part of the amount
/// inside it, so crossing a threshold never makes the total jump. Each line is rounded to the cent (half away
/// from zero) and the total is the sum of the rounded lines, so the statement adds up as printed.
/// </summary>
public static class Tiered
{
    public static IReadOnlyList<StatementLine> Apply(decimal amount, IEnumerable<Bracket> brackets, string currency)
    {
        var lines = new List<StatementLine>();
        foreach (var bracket in brackets)
        {
            var upper = bracket.To is null ? amount : Math.Min(amount, bracket.To.Value);
            var inside = Math.Max(0, upper - bracket.From);
            var value = Math.Round(inside * bracket.Rate, 2, MidpointRounding.AwayFromZero);
            var range = bracket.To is null ? $"above {bracket.From:N2}" : $"from {bracket.From:N2} to {bracket.To.Value:N2}";
            lines.Add(new StatementLine(bracket.Label, inside, bracket.Rate, value,
                $"{inside:N2} {currency} {range} ({bracket.Label}) at {bracket.Rate:P2} = {value:N2} {currency}"));
        }

        return lines;
    }

    /// <summary>
    /// The part of the tiered amount earned between running totals <paramref name="from"/> and
    /// <paramref name="to"/>: per bracket, what the running total up to <paramref name="to"/> earns minus what the
    /// running total up to <paramref name="from"/> earned, each rounded as <see cref="Apply"/> rounds. So the
    /// periods of a year add up to the year to the cent, however they are cut.
    /// </summary>
    public static IReadOnlyList<StatementLine> ApplyBetween(decimal from, decimal to, IEnumerable<Bracket> brackets, string currency)
    {
        var lines = new List<StatementLine>();
        foreach (var bracket in brackets)
        {
            decimal Inside(decimal total) => Math.Max(0, (bracket.To is null ? total : Math.Min(total, bracket.To.Value)) - bracket.From);
            decimal Earned(decimal total) => Math.Round(Inside(total) * bracket.Rate, 2, MidpointRounding.AwayFromZero);
            var inside = Inside(to) - Inside(from);
            var value = Earned(to) - Earned(from);
            var range = bracket.To is null ? $"above {bracket.From:N2}" : $"from {bracket.From:N2} to {bracket.To.Value:N2}";
            lines.Add(new StatementLine(bracket.Label, inside, bracket.Rate, value,
                $"{inside:N2} {currency} of the year's running total {range} ({bracket.Label}) at {bracket.Rate:P2} = {value:N2} {currency}"));
        }

        return lines;
    }
}
