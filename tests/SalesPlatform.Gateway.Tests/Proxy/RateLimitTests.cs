using System.Net;
using System.Net.Http.Headers;

using SalesPlatform.Gateway.Tests.Hosting;
using SalesPlatform.Testing;

namespace SalesPlatform.Gateway.Tests.Proxy;

public class RateLimitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string? token = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/leads/me");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    [Fact]
    public async Task Get_UserOverLimitAcrossTwoReplicas_Returns429WithRetryAfter()
    {
        var token = await fixture.StaffTokenAsync("rep");
        using var gatewayA = fixture.GatewayA.CreateClient();
        using var gatewayB = fixture.GatewayB.CreateClient();

        for (var i = 1; i <= GatewayFixture.UserLimit; i++)
        {
            using var allowed = await GetAsync(i % 2 == 0 ? gatewayB : gatewayA, token);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal(GatewayFixture.UserLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(allowed, "RateLimit-Limit"));
            Assert.Equal((GatewayFixture.UserLimit - i).ToString(System.Globalization.CultureInfo.InvariantCulture), Header(allowed, "RateLimit-Remaining"));
        }

        using var refused = await GetAsync(gatewayB, token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("0", Header(refused, "RateLimit-Remaining"));
        var retryAfter = int.Parse(Header(refused, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(Header(refused, "RateLimit-Reset"), Header(refused, "Retry-After"));
    }

    [Fact]
    public async Task Get_OtherUser_HasOwnAllowance()
    {
        var busy = await fixture.StaffTokenAsync("rep");
        using var client = fixture.GatewayA.CreateClient();
        for (var i = 0; i <= GatewayFixture.UserLimit; i++)
        {
            using var _ = await GetAsync(client, busy);
        }

        using var other = await GetAsync(client, await fixture.StaffTokenAsync("rep"));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Get_PremiumTierKey_IsLimitedByItsTierSetting()
    {
        var (_, key) = await fixture.CreatePartnerKeyAsync("premium");
        using var gatewayA = fixture.GatewayA.CreateClient();
        using var gatewayB = fixture.GatewayB.CreateClient();

        for (var i = 1; i <= GatewayFixture.PremiumLimit; i++)
        {
            using var allowed = await GetAsync(i % 2 == 0 ? gatewayB : gatewayA, apiKey: key.Key);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await GetAsync(gatewayA, apiKey: key.Key);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }
}
