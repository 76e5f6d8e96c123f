using System.Security.Cryptography;
using System.Text;
using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Domain;

// Several types in one file: the service-quality spot check policy with the pick it records.
/// <summary>A customer picked for the service-quality spot check of a quarter (<c>2026-Q3</c>).</summary>
public sealed class SpotCheck
{
    public string Quarter { get; init; } = "";
    public Guid CustomerId { get; init; }
    public Guid? OwnerId { get; init; }
    public string Touchpoint { get; init; } = "after-sales";
    public DateTimeOffset PickedAt { get; init; }
}

/// <summary>
/// The quarterly service-quality spot check as data (<c>spot-check</c>, seed 003): after a quarter ends (Beijing time), <see cref="Share"/>
/// (20%) of the customers won in it (their first signed contract, rounded up) are picked for a survey at <see cref="Touchpoint"/>, in an
/// order fixed by the quarter and the customer (reproducible, not chosen by anyone), and their owners are asked to run it.
/// </summary>
public sealed record SpotCheckPolicy(decimal Share, string Touchpoint) : IPolicy<SpotCheckPolicy>
{
    public static string Name => "spot-check";

    public static SpotCheckPolicy Default { get; } = new(0.20m, "after-sales");

    /// <summary>How many of <paramref name="won"/> customers are picked.</summary>
    public int PickCount(int won) => (int)Math.Ceiling(won * Share);

    /// <summary>The customers picked from those won in <paramref name="quarter"/>.</summary>
    public IReadOnlyList<Guid> Pick(string quarter, IEnumerable<Guid> won)
    {
        var all = won.Distinct().ToList();
        return [.. all.OrderBy(id => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{quarter}:{id:N}"))), StringComparer.Ordinal)
            .Take(PickCount(all.Count))];
    }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Share is <= 0 or > 1)
        {
            errors["share"] = ["More than 0 and at most 1."];
        }

        if (CustomerVocabularies.Touchpoints.Resolve(Touchpoint) is null)
        {
            errors["touchpoint"] = ["One of: " + CustomerVocabularies.Touchpoints.Describe() + "."];
        }

        return errors;
    }
}
