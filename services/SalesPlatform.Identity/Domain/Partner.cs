namespace SalesPlatform.Identity.Domain;

/// <summary>
/// An external channel partner or distributor. Its id is the <c>partner_id</c> claim services scope
/// data by; its tier selects the gateway's rate limit.
/// </summary>
public sealed class Partner
{
    private Partner()
    {
    }

    public Partner(Guid id, string name, string tier, DateTimeOffset now)
    {
        Id = id;
        Name = name;
        Tier = tier;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Rate-limit tier name (the gateway's <c>RateLimiting:Tiers</c> keys, e.g. standard, premium).</summary>
    public string Tier { get; private set; } = "";

    /// <summary>OAuth client id of the partner's client-credentials client, when it has one.</summary>
    public string? ClientId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void AttachClient(string clientId) => ClientId = clientId;

    public void ChangeTier(string tier) => Tier = tier;
}
