using System.Net;
using System.Net.Http.Json;

using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using SalesPlatform.Gateway.Tests.Hosting;
using SalesPlatform.Testing;

namespace SalesPlatform.Gateway.Tests.Proxy;

/// <summary>Two leads replicas, one of which goes away; no identity needed (test tokens only).</summary>
public sealed class FailoverFixture : IAsyncLifetime
{
    public BackendApp LeadsA { get; private set; } = null!;

    public BackendApp LeadsB { get; private set; } = null!;

    public GatewayFactory Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        LeadsA = await BackendApp.StartAsync("leads-a", TestTokens.AuthSettings());
        LeadsB = await BackendApp.StartAsync("leads-b", TestTokens.AuthSettings());
        Gateway = new GatewayFactory(new Dictionary<string, string?>(TestTokens.AuthSettings())
        {
            ["ConnectionStrings:redis"] = infrastructure.NextRedisDatabase(),
            ["services:leads:http:0"] = LeadsA.Address.ToString(),
            ["services:leads:http:1"] = LeadsB.Address.ToString(),
            ["RateLimiting:Anonymous:PermitLimit"] = "100000",
            ["ReverseProxy:Clusters:leads:HealthCheck:Active:Interval"] = "00:00:01",
            ["ReverseProxy:Clusters:leads:HealthCheck:Active:Timeout"] = "00:00:01",
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await LeadsA.DisposeAsync();
        await LeadsB.DisposeAsync();
    }
}

public class FailoverTests(FailoverFixture fixture) : IClassFixture<FailoverFixture>
{
    [Fact]
    public async Task Get_AfterOneReplicaStops_AllTrafficGoesToTheOther()
    {
        using var client = fixture.Gateway.CreateClient();
        using var warm = await client.GetAsync("/api/leads/echo");
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        await fixture.LeadsB.DisposeAsync();

        await Eventually.UntilAsync(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                using var response = await client.GetAsync("/api/leads/echo");
                if (response.StatusCode != HttpStatusCode.OK
                    || (await response.Content.ReadFromJsonAsync<Echo>())!.Backend != "leads-a")
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(15), "health checks take the stopped replica out of rotation");
    }

    [Fact]
    public void Kestrel_Always_LimitsRequestBodiesToConfiguredSize()
    {
        var kestrel = fixture.Gateway.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(10 * 1024 * 1024, kestrel.Limits.MaxRequestBodySize);
        Assert.False(kestrel.AddServerHeader);
    }
}
