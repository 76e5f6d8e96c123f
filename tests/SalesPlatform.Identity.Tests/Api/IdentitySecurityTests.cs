using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using SalesPlatform.Identity.Endpoints;
using SalesPlatform.Identity.Tests.Hosting;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Tests.Api;

/// <summary>Holes found from outside (issue 9): text input, API-key scopes, development keys across restarts.</summary>
public class IdentitySecurityTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private async Task<HttpClient> AdminAsync(Uri address, HttpClient tokenClient)
    {
        var token = await IdentityFactory.PasswordGrantAsync(tokenClient, DemoOrganization.Admin.Email);
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    [Fact]
    public async Task CreatePartner_WithNulInName_Returns400NamingName()
    {
        using var admin = await AdminAsync(fixture.Identity.Address, fixture.Client);

        using var response = await admin.PostAsJsonAsync("/api/identity/partners", new PartnerEndpoints.CreatePartnerRequest("Bad\0 Co", "standard"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), problem.ToString());
    }

    [Fact]
    public async Task PasswordGrant_WithNulInUsername_Returns400()
    {
        using var response = await fixture.Client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "salesplatform-cli",
            ["username"] = "admin\0@demo",
            ["password"] = DemoOrganization.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("username", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("performance")]
    [InlineData("leads:read")]
    [InlineData("customers:write")]
    public async Task CreateApiKey_WithKnownScope_Returns201(string scope)
    {
        using var admin = await AdminAsync(fixture.Identity.Address, fixture.Client);
        using var partner = await admin.PostAsJsonAsync("/api/identity/partners", new PartnerEndpoints.CreatePartnerRequest($"P {Guid.NewGuid():N}", "standard"));
        var id = (await partner.Content.ReadFromJsonAsync<PartnerEndpoints.PartnerDto>())!.Id;

        using var created = await admin.PostAsJsonAsync($"/api/identity/partners/{id}/api-keys",
            new PartnerEndpoints.CreateApiKeyRequest("portal", [scope], null));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task CreateApiKey_WithUnknownScope_Returns400NamingScopes()
    {
        using var admin = await AdminAsync(fixture.Identity.Address, fixture.Client);
        using var partner = await admin.PostAsJsonAsync("/api/identity/partners", new PartnerEndpoints.CreatePartnerRequest($"P {Guid.NewGuid():N}", "standard"));
        var id = (await partner.Content.ReadFromJsonAsync<PartnerEndpoints.PartnerDto>())!.Id;

        using var created = await admin.PostAsJsonAsync($"/api/identity/partners/{id}/api-keys",
            new PartnerEndpoints.CreateApiKeyRequest("portal", ["everything"], null));
        var problem = await created.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("leads:read", problem.GetProperty("errors").GetProperty("scopes")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_IssuedBeforeARestart_IsStillValidAfterIt()
    {
        string accessToken;
        var keys = Directory.CreateTempSubdirectory("identity-keys").FullName;
        await using (var first = new IdentityFactory(fixture.Database, keys))
        {
            using var client = first.Start();
            accessToken = (await IdentityFactory.PasswordGrantAsync(client, DemoOrganization.Admin.Email)).AccessToken;
        }

        await using var second = new IdentityFactory(fixture.Database, keys);
        using var restarted = second.Start();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/partners");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await restarted.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(keys, "signing.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "signing.pem")));
        }
    }
}
