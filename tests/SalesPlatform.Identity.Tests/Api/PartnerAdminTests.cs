using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

using SalesPlatform.Identity.Endpoints;
using SalesPlatform.Identity.Tests.Hosting;
using SalesPlatform.ServiceDefaults;

using static SalesPlatform.Identity.Tests.Api.TokenEndpointTests;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Tests.Api;

public class PartnerAdminTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private async Task<HttpClient> SignedInAsync(string email)
    {
        var token = await IdentityFactory.PasswordGrantAsync(fixture.Client, email);
        var client = new HttpClient { BaseAddress = fixture.Identity.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    private async Task<PartnerEndpoints.PartnerDto> CreatePartnerAsync(HttpClient admin, string tier = "standard")
    {
        using var response = await admin.PostAsJsonAsync("/api/identity/partners",
            new PartnerEndpoints.CreatePartnerRequest($"Partner {Guid.NewGuid():N}", tier));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PartnerEndpoints.PartnerDto>())!;
    }

    private async Task<HttpResponseMessage> ExchangeAsync(string apiKey) =>
        await fixture.Client.PostAsync("/connect/token", Form(
            ("grant_type", "urn:salesplatform:params:oauth:grant-type:api-key"), ("client_id", "salesplatform-gateway"),
            ("client_secret", IdentityFactory.GatewaySecret), ("api_key", apiKey)));

    [Fact]
    public async Task CreateApiKey_AsAdmin_ShowsKeyOnceAndListsItWithoutSecret()
    {
        using var admin = await SignedInAsync(DemoOrganization.Admin.Email);
        var partner = await CreatePartnerAsync(admin);

        using var created = await admin.PostAsJsonAsync($"/api/identity/partners/{partner.Id}/api-keys",
            new PartnerEndpoints.CreateApiKeyRequest("portal", ["leads:read"], DateTimeOffset.UtcNow.AddDays(30)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<PartnerEndpoints.CreatedApiKey>())!;
        var listed = await admin.GetStringAsync($"/api/identity/partners/{partner.Id}/api-keys");

        Assert.StartsWith($"spk_{key.ApiKey.Prefix}_", key.Key, StringComparison.Ordinal);
        Assert.Contains(key.ApiKey.Prefix, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Key.Split('_', 3)[2], listed, StringComparison.Ordinal);
        using var exchange = await ExchangeAsync(key.Key);
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
    }

    [Fact]
    public async Task RevokeApiKey_AsAdmin_KeyIsNoLongerExchanged()
    {
        using var admin = await SignedInAsync(DemoOrganization.Admin.Email);
        var partner = await CreatePartnerAsync(admin);
        using var created = await admin.PostAsJsonAsync($"/api/identity/partners/{partner.Id}/api-keys",
            new PartnerEndpoints.CreateApiKeyRequest("portal", [], null));
        var key = (await created.Content.ReadFromJsonAsync<PartnerEndpoints.CreatedApiKey>())!;

        using var revoked = await admin.DeleteAsync($"/api/identity/partners/{partner.Id}/api-keys/{key.ApiKey.Id}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var exchange = await ExchangeAsync(key.Key);
        Assert.Equal(HttpStatusCode.BadRequest, exchange.StatusCode);
    }

    [Fact]
    public async Task CreatePartner_AsRep_Returns403()
    {
        using var rep = await SignedInAsync(DemoOrganization.Rep.Email);

        using var response = await rep.PostAsJsonAsync("/api/identity/partners", new PartnerEndpoints.CreatePartnerRequest("X", "standard"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ListPartners_WithoutToken_Returns401()
    {
        using var response = await fixture.Client.GetAsync("/api/identity/partners");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CreatePartner_UnknownTier_Returns400NamingTier()
    {
        using var admin = await SignedInAsync(DemoOrganization.Admin.Email);

        using var response = await admin.PostAsJsonAsync("/api/identity/partners", new PartnerEndpoints.CreatePartnerRequest("X", "gold"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tier", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateApiKey_UnknownPartner_Returns404()
    {
        using var admin = await SignedInAsync(DemoOrganization.Admin.Email);

        using var response = await admin.PostAsJsonAsync($"/api/identity/partners/{Guid.CreateVersion7()}/api-keys",
            new PartnerEndpoints.CreateApiKeyRequest("k", [], null));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CreateClient_AsAdmin_ClientCredentialsTokenNamesThePartner()
    {
        using var admin = await SignedInAsync(DemoOrganization.Admin.Email);
        var partner = await CreatePartnerAsync(admin, "premium");

        using var created = await admin.PostAsync($"/api/identity/partners/{partner.Id}/client", null);
        var client = (await created.Content.ReadFromJsonAsync<PartnerEndpoints.CreatedClient>())!;
        using var token = await fixture.Client.PostAsync("/connect/token", Form(
            ("grant_type", "client_credentials"), ("client_id", client.ClientId), ("client_secret", client.ClientSecret)));

        token.EnsureSuccessStatusCode();
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(
            (await token.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        Assert.Equal(partner.Id.ToString(), jwt.GetClaim("partner_id").Value);
        Assert.Equal("premium", jwt.GetClaim("partner_tier").Value);
    }
}
