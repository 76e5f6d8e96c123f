namespace SalesPlatform.Identity;

/// <summary>Settings of the <c>Identity</c> configuration section.</summary>
public sealed class IdentityServiceOptions
{
    public const string Section = "Identity";

    /// <summary>Fixed issuer URL of tokens; when empty the issuer is the address the request came to.</summary>
    public string? Issuer { get; set; }

    /// <summary>False lets OpenIddict answer over plain http (loopback development, TLS ended in front of it).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>PFX file with the token signing certificate; required outside development; in development keys live in <see cref="DevelopmentKeysDirectory"/>.</summary>
    public string? SigningCertificatePath { get; set; }

    public string? SigningCertificatePassword { get; set; }

    /// <summary>Development only: folder of the persistent development keys (default under the user's local data folder).</summary>
    public string? DevelopmentKeysDirectory { get; set; }

    /// <summary>Redirect URIs of the web console (authorization code + PKCE).</summary>
    public List<string> WebRedirectUris { get; set; } = [];

    public List<string> WebPostLogoutRedirectUris { get; set; } = [];

    /// <summary>Secret of the gateway's confidential client, which exchanges partner API keys for tokens; no client when empty.</summary>
    public string? GatewayClientSecret { get; set; }

    /// <summary>Lifetime of the tokens the gateway gets for API keys (the gateway caches them for a few seconds only).</summary>
    public TimeSpan ApiKeyTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rate-limit tiers a partner may be given (the gateway holds the numbers).</summary>
    public List<string> PartnerTiers { get; set; } = ["standard", "premium"];
}

/// <summary>Settings of the <c>Seed</c> configuration section.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Seeds the demo organisation outside development too.</summary>
    public bool DemoData { get; set; }

    /// <summary>Plain text of the demo partner's API key (printed at start; development only).</summary>
    public string? DemoPartnerApiKey { get; set; }

    /// <summary>Client secret of the demo partner's client-credentials client.</summary>
    public string? DemoPartnerClientSecret { get; set; }
}

/// <summary>Client ids and the custom grant type this server knows.</summary>
public static class IdentityClients
{
    /// <summary>Web console: authorization code + PKCE, refresh tokens.</summary>
    public const string Web = "salesplatform-web";

    /// <summary>Scripts and tests: password grant (development only), refresh tokens.</summary>
    public const string Cli = "salesplatform-cli";

    /// <summary>The gateway: exchanges partner API keys for short-lived partner tokens.</summary>
    public const string Gateway = "salesplatform-gateway";

    /// <summary>Client id of the demo partner's client-credentials client.</summary>
    public const string DemoPartner = "partner-demo";

    /// <summary>Grant type with which the gateway trades an API key (parameter <c>api_key</c>) for a partner token.</summary>
    public const string ApiKeyGrantType = "urn:salesplatform:params:oauth:grant-type:api-key";

    /// <summary>Claim with the partner's rate-limit tier.</summary>
    public const string PartnerTierClaim = "partner_tier";

    /// <summary>Claim with the id of the API key a token was issued for.</summary>
    public const string ApiKeyIdClaim = "api_key_id";
}
