namespace SalesPlatform.Gateway.RateLimiting;

/// <summary>One limit: at most <see cref="PermitLimit"/> requests per fixed window of <see cref="Window"/>.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Settings of the <c>RateLimiting</c> section: the limit per signed-in user, per anonymous client
/// address and per partner tier (a partner's key or client-credentials token names its tier).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    public RateLimitRule User { get; set; } = new() { PermitLimit = 600 };

    public RateLimitRule Anonymous { get; set; } = new() { PermitLimit = 60 };

    /// <summary>Limits per partner tier, e.g. <c>standard</c>, <c>premium</c>.</summary>
    public Dictionary<string, RateLimitRule> Tiers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tier used when a partner's tier is unknown to this gateway.</summary>
    public string DefaultTier { get; set; } = "standard";

    public RateLimitRule ForTier(string? tier) =>
        tier is not null && Tiers.TryGetValue(tier, out var rule) ? rule
        : Tiers.TryGetValue(DefaultTier, out var fallback) ? fallback
        : Anonymous;

    /// <summary>Validation messages, empty when the settings are usable.</summary>
    public IEnumerable<string> Validate()
    {
        var rules = Tiers.Select(t => ($"RateLimiting:Tiers:{t.Key}", t.Value))
            .Append(("RateLimiting:User", User)).Append(("RateLimiting:Anonymous", Anonymous));
        foreach (var (name, rule) in rules)
        {
            if (rule.PermitLimit <= 0)
            {
                yield return $"{name}:PermitLimit must be positive.";
            }

            if (rule.Window < TimeSpan.FromSeconds(1) || rule.Window > TimeSpan.FromDays(1))
            {
                yield return $"{name}:Window must be between 1 second and 1 day.";
            }
        }

        if (!Tiers.ContainsKey(DefaultTier))
        {
            yield return $"RateLimiting:DefaultTier '{DefaultTier}' is not one of RateLimiting:Tiers.";
        }
    }
}
