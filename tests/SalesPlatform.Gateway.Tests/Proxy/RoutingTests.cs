using System.Net;
using System.Net.Http.Json;

using SalesPlatform.Gateway.Tests.Hosting;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Gateway.Tests.Proxy;

public class RoutingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Get_LeadsWithTwoReplicas_AlternatesBetweenThem()
    {
        using var client = fixture.GatewayA.CreateClient();

        var backends = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            backends.Add((await client.GetFromJsonAsync<Echo>("/api/leads/echo"))!.Backend);
        }

        Assert.Equal(["leads-a", "leads-b"], backends.Distinct().Order());
        Assert.All(backends.Zip(backends.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task Get_UnroutedApiPath_Returns404AtGateway()
    {
        using var client = fixture.GatewayA.CreateClient();

        using var response = await client.GetAsync("/api/unknown/things");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_ProxiedRequest_CarriesGatewayCorrelationIdAndSecurityHeaders()
    {
        using var client = fixture.GatewayA.CreateClient();

        using var response = await client.GetAsync("/api/leads/echo");
        var echo = (await response.Content.ReadFromJsonAsync<Echo>())!;

        Assert.Equal(response.Headers.GetValues(CorrelationContext.HeaderName).Single(), echo.CorrelationId);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Get_WithForgedIdentityHeaders_BackendNeverSeesThem()
    {
        using var client = fixture.GatewayA.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/leads/echo");
        request.Headers.Add("X-Partner-Id", Guid.CreateVersion7().ToString());

        using var response = await client.SendAsync(request);
        var echo = (await response.Content.ReadFromJsonAsync<Echo>())!;

        Assert.False(echo.SawForgedIdentityHeader);
        Assert.False(echo.SawApiKeyHeader);
    }

    [Fact]
    public async Task Health_RedisReachable_Returns200WithRedisCheck()
    {
        using var client = fixture.GatewayA.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"redis\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_PreflightFromPortalOrigin_IsAllowed()
    {
        using var client = fixture.GatewayA.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/leads/echo");
        request.Headers.Add("Origin", GatewayFixture.PortalOrigin);
        request.Headers.Add("Access-Control-Request-Method", "GET");

        using var response = await client.SendAsync(request);

        Assert.Equal(GatewayFixture.PortalOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Get_FromUnknownOrigin_GetsNoCorsAllowance()
    {
        using var client = fixture.GatewayA.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/leads/echo");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Docs_ServiceDocument_IsFetchedThroughDiscoveryAndPointsAtGateway()
    {
        using var client = fixture.GatewayA.CreateClient();

        using var page = await client.GetAsync("/docs");
        using var document = await client.GetAsync("/docs/openapi/leads.json");
        using var unknown = await client.GetAsync("/docs/openapi/payroll.json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var json = System.Text.Json.Nodes.JsonNode.Parse(await document.Content.ReadAsStringAsync())!;
        Assert.Equal("/", json["servers"]![0]!["url"]!.GetValue<string>());
        Assert.NotNull(json["paths"]!["/api/leads/echo"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
