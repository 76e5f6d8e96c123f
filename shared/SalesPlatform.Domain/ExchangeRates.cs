namespace SalesPlatform.Domain;

// Several types in one file: the exchange-rate policy with the dated rate it is made of.
/// <summary>A dated rate: from <see cref="From"/> (inclusive) one unit of <see cref="Currency"/> is <see cref="Rate"/> of the reporting currency.</summary>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="From">The first day the rate applies.</param>
/// <param name="Rate">Reporting (base) currency units per unit of <paramref name="Currency"/>.</param>
public sealed record ExchangeRate(string Currency, DateOnly From, decimal Rate);

/// <summary>
/// The rates money in other currencies is converted at (<c>exchange-rates</c>), each from a date: an amount
/// counts at the rate in force on the reporting-calendar day it happened; an amount without a rate that day
/// is left out (and the report says how many were). Each service keeps its copy in its own policy store; the defaults are
/// placeholders finance replaces.
/// </summary>
/// <param name="Rates">The dated rates.</param>
public sealed record ExchangeRatePolicy(IReadOnlyList<ExchangeRate> Rates) : IPolicy<ExchangeRatePolicy>
{
    /// <summary>The policy's name in every service's policy store.</summary>
    public static string Name => "exchange-rates";

    /// <summary>Placeholder rates finance replaces.</summary>
    public static ExchangeRatePolicy Default { get; } = new([
        new("USD", new DateOnly(2026, 1, 1), 7.10m),
        new("EUR", new DateOnly(2026, 1, 1), 7.70m),
        new("HKD", new DateOnly(2026, 1, 1), 0.91m),
    ]);

    /// <summary>The rate in force for <paramref name="currency"/> on <paramref name="on"/>, or null when there is none.</summary>
    public ExchangeRate? RateOn(string? currency, DateOnly on) =>
        Rates.Where(r => string.Equals(r.Currency, currency, StringComparison.OrdinalIgnoreCase) && r.From <= on)
            .OrderByDescending(r => r.From).FirstOrDefault();

    /// <summary><paramref name="amount"/> in the reporting currency, or null without a rate on <paramref name="on"/>.</summary>
    public decimal? ToReporting(decimal amount, string? currency, string reporting, DateOnly on) =>
        string.Equals(currency, reporting, StringComparison.OrdinalIgnoreCase) ? amount
            : RateOn(currency, on) is { } rate ? amount * rate.Rate : null;

    /// <inheritdoc />
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var rates = Rates ?? [];
        for (var i = 0; i < rates.Count; i++)
        {
            if (rates[i].Currency is not { Length: 3 } code || !code.All(char.IsAsciiLetterUpper))
            {
                errors[$"rates[{i}].currency"] = ["An ISO 4217 code in capitals, such as USD."];
            }

            if (rates[i].Rate <= 0)
            {
                errors[$"rates[{i}].rate"] = ["A rate is positive."];
            }
        }

        if (rates.GroupBy(r => (r.Currency, r.From)).Any(g => g.Count() > 1))
        {
            errors["rates"] = ["One rate per currency and date."];
        }

        return errors;
    }
}
