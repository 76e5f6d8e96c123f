namespace SalesPlatform.Gateway.ApiKeys;

/// <summary>Settings of the <c>ApiKeys</c> configuration section.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";

    /// <summary>Header partners send their key in.</summary>
    public string HeaderName { get; set; } = "X-Api-Key";

    /// <summary>
    /// How long a key's partner token (or a rejection) is cached in Redis: the longest time a revoked
    /// key keeps working, shared by all gateway replicas.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Base address of the identity service (a discovery name).</summary>
    public string IdentityAddress { get; set; } = "http://identity";

    /// <summary>The gateway's confidential client at identity.</summary>
    public string ClientId { get; set; } = "salesplatform-gateway";

    public string? ClientSecret { get; set; }
}
