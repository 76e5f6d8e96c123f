using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

using SalesPlatform.Gateway.Tests.Hosting;
using SalesPlatform.Identity.Tests.Hosting;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.Gateway.Tests.Proxy;

/// <summary>
/// 401/403/404 through the gateway: the gateway passes staff requests through and the service
/// decides; an invalid API key is refused at the gateway.
/// </summary>
public class AuthMatrixTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string> StaffRoles => [.. Roles.All.Where(r => r != Roles.Partner)];

    private static HttpRequestMessage Get(string path, string? token = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return request;
    }

    [Fact]
    public async Task Get_WithoutToken_Returns401FromTheService()
    {
        using var client = fixture.GatewayA.CreateClient();

        using var response = await client.SendAsync(Get("/api/leads/me"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithGarbageToken_Returns401()
    {
        using var client = fixture.GatewayA.CreateClient();

        using var response = await client.SendAsync(Get("/api/leads/me", token: "not-a-jwt"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("development-only-signing-key-change-me-0123456789")] // once committed in leads' appsettings.Development.json
    [InlineData("salesplatform-test-signing-key-not-for-production-0123456789")] // once committed in team performance's
    public async Task Get_WithSelfSignedAdminToken_Returns401AtTheGatewayAndIsNeverForwarded(string key)
    {
        using var client = fixture.GatewayA.CreateClient();

        using var response = await client.SendAsync(Get("/api/leads/echo", token: TestTokens.Forge(key)));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Invalid token", body, StringComparison.Ordinal); // the gateway's answer, not the backend's echo
        Assert.DoesNotContain("leads-", body, StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [MemberData(nameof(StaffRoles))]
    public async Task Get_AdminOnlyEndpoint_ForEachStaffRole_Returns200OnlyForAdmin(string role)
    {
        using var client = fixture.GatewayA.CreateClient();
        var token = await fixture.StaffTokenAsync(role);

        using var me = await client.SendAsync(Get("/api/leads/me", token));
        using var admin = await client.SendAsync(Get("/api/leads/admin-only", token));
        using var missing = await client.SendAsync(Get($"/api/leads/{Guid.CreateVersion7()}", token));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal([role], (await me.Content.ReadFromJsonAsync<Echo>())!.Roles);
        Assert.Equal(role == Roles.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Get_IdentityIssuedStaffToken_ThroughGateway_IsAcceptedByTheService()
    {
        using var client = fixture.GatewayA.CreateClient();
        using var tokenResponse = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "salesplatform-cli",
            ["username"] = DemoOrganization.Director.Email,
            ["password"] = DemoOrganization.Password,
        }));
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;

        using var me = await client.SendAsync(Get("/api/leads/me", token));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(DemoOrganization.Director.Id, (await me.Content.ReadFromJsonAsync<Echo>())!.PersonId);
    }

    [Fact]
    public async Task Get_WithPartnerApiKey_Returns200ForOwnEndpointsAnd403ForAdmin()
    {
        var (partnerId, key) = await fixture.CreatePartnerKeyAsync();
        using var client = fixture.GatewayA.CreateClient();

        using var me = await client.SendAsync(Get("/api/leads/me", apiKey: key.Key));
        using var admin = await client.SendAsync(Get("/api/leads/admin-only", apiKey: key.Key));
        using var missing = await client.SendAsync(Get($"/api/leads/{Guid.CreateVersion7()}", apiKey: key.Key));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(partnerId, (await me.Content.ReadFromJsonAsync<Echo>())!.PartnerId);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Get_WithForgedApiKey_Returns401AtTheGateway()
    {
        using var client = fixture.GatewayA.CreateClient();

        using var forged = await client.SendAsync(Get("/api/leads/echo", apiKey: "spk_abcdefgh_ForgedKeyThatWasNeverIssued000000"));
        using var garbage = await client.SendAsync(Get("/api/leads/echo", apiKey: "hello"));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Contains("Invalid API key", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("ApiKey", forged.Headers.WwwAuthenticate.Single().Scheme);
    }
}
