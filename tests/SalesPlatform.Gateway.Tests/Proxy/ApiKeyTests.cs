using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

using SalesPlatform.Gateway.Tests.Hosting;
using SalesPlatform.Testing;

namespace SalesPlatform.Gateway.Tests.Proxy;

public class ApiKeyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static HttpRequestMessage WithKey(string path, string key, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    [Fact]
    public async Task Get_WithValidKey_BackendSeesPartnerIdentityButNotTheKey()
    {
        var (partnerId, key) = await fixture.CreatePartnerKeyAsync();
        using var client = fixture.GatewayA.CreateClient();

        using var response = await client.SendAsync(WithKey("/api/leads/me", key.Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = (await response.Content.ReadFromJsonAsync<Echo>())!;
        Assert.Equal(partnerId, echo.PartnerId);
        Assert.Null(echo.PersonId);
        Assert.Equal(["partner"], echo.Roles);
        Assert.False(echo.SawApiKeyHeader);
    }

    [Fact]
    public async Task Get_AfterRevocation_KeyIsRejectedOnEveryReplicaWithinSeconds()
    {
        var (partnerId, key) = await fixture.CreatePartnerKeyAsync();
        using var gatewayA = fixture.GatewayA.CreateClient();
        using var gatewayB = fixture.GatewayB.CreateClient();
        using var warmA = await gatewayA.SendAsync(WithKey("/api/leads/me", key.Key));
        using var warmB = await gatewayB.SendAsync(WithKey("/api/leads/me", key.Key));
        Assert.Equal(HttpStatusCode.OK, warmA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, warmB.StatusCode);

        using var admin = await fixture.IdentityAdminAsync();
        using var revoke = await admin.DeleteAsync($"/api/identity/partners/{partnerId}/api-keys/{key.ApiKey.Id}");
        revoke.EnsureSuccessStatusCode();
        var revokedAt = Stopwatch.StartNew();

        foreach (var gateway in new[] { gatewayA, gatewayB })
        {
            await Eventually.UntilAsync(async () =>
            {
                using var response = await gateway.SendAsync(WithKey("/api/leads/me", key.Key));
                return response.StatusCode == HttpStatusCode.Unauthorized;
            }, GatewayFixture.KeyCache + TimeSpan.FromSeconds(10), "a revoked key is refused once its cache entry expires");
        }

        Assert.True(revokedAt.Elapsed < GatewayFixture.KeyCache + TimeSpan.FromSeconds(10), $"took {revokedAt.Elapsed}");
    }

    [Fact]
    public async Task Request_OutsideTheKeysScopes_Returns403NamingTheMissingScope()
    {
        var (_, performanceOnly) = await fixture.CreatePartnerKeyAsync(scopes: ["performance"]);
        var (_, readOnly) = await fixture.CreatePartnerKeyAsync(scopes: ["leads:read"]);
        var (_, unscoped) = await fixture.CreatePartnerKeyAsync(scopes: []);
        using var client = fixture.GatewayA.CreateClient();

        using var getLeads = await client.SendAsync(WithKey("/api/leads/me", performanceOnly.Key));
        using var postLeads = await client.SendAsync(WithKey("/api/leads/echo", performanceOnly.Key, HttpMethod.Post));
        using var readAllowed = await client.SendAsync(WithKey("/api/leads/me", readOnly.Key));
        using var writeRefused = await client.SendAsync(WithKey("/api/leads/echo", readOnly.Key, HttpMethod.Post));
        using var defaults = await client.SendAsync(WithKey("/api/leads/me", unscoped.Key));

        Assert.Equal(HttpStatusCode.Forbidden, getLeads.StatusCode);
        Assert.Contains("leads:read", await getLeads.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, postLeads.StatusCode);
        Assert.Contains("leads:write", await postLeads.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, readAllowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writeRefused.StatusCode);
        Assert.Contains("leads:write", await writeRefused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, defaults.StatusCode);
    }

    [Fact]
    public async Task AccessLog_AfterKeyAndTokenRequests_ContainsNeitherSecret()
    {
        var (_, key) = await fixture.CreatePartnerKeyAsync();
        var token = await fixture.StaffTokenAsync("rep");
        using var client = fixture.GatewayA.CreateClient();
        using var keyed = await client.SendAsync(WithKey("/api/leads/me", key.Key));
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/leads/me");
        bearer.Headers.Authorization = new("Bearer", token);
        using var signedIn = await client.SendAsync(bearer);

        var logs = fixture.GatewayA.Logs.ToArray();

        Assert.Contains(logs, line => line.Contains("GET /api/leads/me -> 200", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(key.Key, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("eyJ", StringComparison.Ordinal));
    }
}
