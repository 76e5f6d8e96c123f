using System.Net.Http.Headers;
using System.Net.Http.Json;

using SalesPlatform.Identity.Endpoints;
using SalesPlatform.Identity.Tests.Hosting;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.Gateway.Tests.Hosting;

/// <summary>
/// The platform's edge for one test class: identity (real Kestrel, own database), two replicas of a
/// leads stand-in, and two gateway replicas sharing one Redis database.
/// </summary>
public class GatewayFixture : InfrastructureFixture
{
    /// <summary>Per-user limit in these tests (small, so exceeding it is cheap).</summary>
    public const int UserLimit = 5;

    /// <summary>Limit of the "premium" tier in these tests (deliberately below "standard").</summary>
    public const int PremiumLimit = 3;

    /// <summary>Cache time of an API key's partner token: the bound on revocation delay.</summary>
    public static readonly TimeSpan KeyCache = TimeSpan.FromSeconds(2);

    public const string PortalOrigin = "https://portal.example";

    public IdentityFactory Identity { get; private set; } = null!;

    public HttpClient IdentityClient { get; private set; } = null!;

    public BackendApp LeadsA { get; private set; } = null!;

    public BackendApp LeadsB { get; private set; } = null!;

    public GatewayFactory GatewayA { get; private set; } = null!;

    public GatewayFactory GatewayB { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Identity = new IdentityFactory(Database);
        IdentityClient = Identity.Start();

        var backend = new Dictionary<string, string?>
        {
            ["Auth:Authority"] = Identity.Address.ToString(),
            ["Auth:RequireHttpsMetadata"] = "false",
        };
        LeadsA = await BackendApp.StartAsync("leads-a", backend);
        LeadsB = await BackendApp.StartAsync("leads-b", backend);

        GatewayA = new GatewayFactory(GatewaySettings());
        GatewayB = new GatewayFactory(GatewaySettings());
    }

    public IDictionary<string, string?> GatewaySettings() => new Dictionary<string, string?>
    {
        ["Auth:Authority"] = Identity.Address.ToString(),
        ["Auth:RequireHttpsMetadata"] = "false",
        ["ConnectionStrings:redis"] = Redis,
        ["services:identity:http:0"] = Identity.Address.ToString(),
        ["services:leads:http:0"] = LeadsA.Address.ToString(),
        ["services:leads:http:1"] = LeadsB.Address.ToString(),
        ["ApiKeys:ClientSecret"] = IdentityFactory.GatewaySecret,
        ["ApiKeys:CacheDuration"] = KeyCache.ToString(),
        ["RateLimiting:User:PermitLimit"] = UserLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:Anonymous:PermitLimit"] = "100000",
        ["RateLimiting:Tiers:standard:PermitLimit"] = "100000",
        ["RateLimiting:Tiers:premium:PermitLimit"] = PremiumLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:CorsOrigins:0"] = PortalOrigin,
        ["Gateway:ApiReferenceServices:0"] = "leads",
    };

    /// <summary>An admin's client on identity (partners and keys are managed there).</summary>
    public async Task<HttpClient> IdentityAdminAsync()
    {
        var token = await IdentityFactory.PasswordGrantAsync(IdentityClient, DemoOrganization.Admin.Email);
        var client = new HttpClient { BaseAddress = Identity.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    /// <summary>
    /// A staff token from identity (the one authority the gateway and services trust) for a new user
    /// with <paramref name="role"/>, so each call is a different person, as with a fresh test token.
    /// </summary>
    public async Task<string> StaffTokenAsync(string role)
    {
        using var admin = await IdentityAdminAsync();
        var email = $"{role}.{Guid.NewGuid():N}@test";
        const string password = "Test-password-1";
        using var created = await admin.PostAsJsonAsync("/api/identity/users",
            new UserEndpoints.CreateUserRequest(Guid.CreateVersion7(), email, $"Test {role}", [role], password));
        created.EnsureSuccessStatusCode();
        return (await IdentityFactory.PasswordGrantAsync(IdentityClient, email, password)).AccessToken;
    }

    /// <summary>Creates a partner of <paramref name="tier"/> and an API key for it.</summary>
    public async Task<(Guid PartnerId, PartnerEndpoints.CreatedApiKey Key)> CreatePartnerKeyAsync(string tier = "standard",
        IReadOnlyList<string>? scopes = null)
    {
        using var admin = await IdentityAdminAsync();
        using var partnerResponse = await admin.PostAsJsonAsync("/api/identity/partners",
            new PartnerEndpoints.CreatePartnerRequest($"Partner {Guid.NewGuid():N}", tier));
        partnerResponse.EnsureSuccessStatusCode();
        var partner = (await partnerResponse.Content.ReadFromJsonAsync<PartnerEndpoints.PartnerDto>())!;
        using var keyResponse = await admin.PostAsJsonAsync($"/api/identity/partners/{partner.Id}/api-keys",
            new PartnerEndpoints.CreateApiKeyRequest("portal", scopes ?? ["leads:read"], null));
        keyResponse.EnsureSuccessStatusCode();
        return (partner.Id, (await keyResponse.Content.ReadFromJsonAsync<PartnerEndpoints.CreatedApiKey>())!);
    }

    public override async Task DisposeAsync()
    {
        await GatewayA.DisposeAsync();
        await GatewayB.DisposeAsync();
        await LeadsA.DisposeAsync();
        await LeadsB.DisposeAsync();
        IdentityClient.Dispose();
        await Identity.DisposeAsync();
        await base.DisposeAsync();
    }
}
