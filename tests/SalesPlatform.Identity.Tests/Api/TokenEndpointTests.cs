using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

using Microsoft.IdentityModel.JsonWebTokens;

using SalesPlatform.Identity.Tests.Hosting;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Tests.Api;

public class TokenEndpointTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private sealed record CallerView(Guid? PersonId, string[] Roles, Guid? PartnerId, string? Name);

    [Fact]
    public async Task PasswordGrant_DemoRep_TokenAcceptedByAServiceDirectly()
    {
        var token = await IdentityFactory.PasswordGrantAsync(fixture.Client, DemoOrganization.Rep.Email);
        await using var service = await ProbeService.StartAsync(fixture.Identity.Address);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        using var response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = await response.Content.ReadFromJsonAsync<CallerView>();
        Assert.Equal(DemoOrganization.Rep.Id, caller!.PersonId);
        Assert.Equal([Roles.Rep], caller.Roles);
        Assert.Null(caller.PartnerId);
        Assert.Equal(DemoOrganization.Rep.Name, caller.Name);
    }

    [Fact]
    public async Task PasswordGrant_Always_IssuesPlainJwtForTheSalesPlatformAudience()
    {
        var token = await IdentityFactory.PasswordGrantAsync(fixture.Client, DemoOrganization.ProvinceManager.Email);

        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal("salesplatform", Assert.Single(jwt.Audiences));
        Assert.Equal(DemoOrganization.ProvinceManager.Id.ToString(), jwt.Subject);
        Assert.Equal(Roles.ProvinceManager, jwt.GetClaim("role").Value);
        Assert.Equal(DemoOrganization.ProvinceManager.Email, jwt.GetClaim("email").Value);
    }

    [Fact]
    public async Task ServiceWithAuthority_WithoutToken_Returns401()
    {
        await using var service = await ProbeService.StartAsync(fixture.Identity.Address);

        using var response = await service.Client.GetAsync("/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PasswordGrant_WrongPassword_Returns400InvalidGrant()
    {
        using var response = await fixture.Client.PostAsync("/connect/token", Form(
            ("grant_type", "password"), ("client_id", "salesplatform-cli"),
            ("username", DemoOrganization.Rep.Email), ("password", "wrong")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await response.Content.ReadFromJsonAsync<TokenResponse>())!.Error);
    }

    [Fact]
    public async Task RefreshTokenGrant_AfterOfflineAccessSignIn_IssuesNewAccessToken()
    {
        var first = await IdentityFactory.PasswordGrantAsync(fixture.Client, DemoOrganization.Analyst.Email,
            scope: "openid offline_access");
        Assert.NotNull(first.RefreshToken);

        using var response = await fixture.Client.PostAsync("/connect/token", Form(
            ("grant_type", "refresh_token"), ("client_id", "salesplatform-cli"), ("refresh_token", first.RefreshToken!)));

        response.EnsureSuccessStatusCode();
        var refreshed = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        Assert.Equal(DemoOrganization.Analyst.Id.ToString(), new JsonWebToken(refreshed.AccessToken).Subject);
    }

    [Fact]
    public async Task ClientCredentialsGrant_DemoPartnerClient_TokenCarriesPartnerIdAndRole()
    {
        using var response = await fixture.Client.PostAsync("/connect/token", Form(
            ("grant_type", "client_credentials"), ("client_id", "partner-demo"),
            ("client_secret", IdentityFactory.DemoPartnerSecret)));

        response.EnsureSuccessStatusCode();
        var jwt = new JsonWebToken((await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        Assert.Equal(DemoOrganization.PartnerId.ToString(), jwt.GetClaim("partner_id").Value);
        Assert.Equal(Roles.Partner, jwt.GetClaim("role").Value);
    }

    [Fact]
    public async Task ApiKeyGrant_DemoKeyFromGatewayClient_IssuesShortLivedPartnerToken()
    {
        using var response = await fixture.Client.PostAsync("/connect/token", Form(
            ("grant_type", "urn:salesplatform:params:oauth:grant-type:api-key"), ("client_id", "salesplatform-gateway"),
            ("client_secret", IdentityFactory.GatewaySecret), ("api_key", IdentityFactory.DemoApiKey)));

        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        Assert.InRange(token.ExpiresIn, 1, 300);
        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal(DemoOrganization.PartnerId.ToString(), jwt.GetClaim("partner_id").Value);
        Assert.Equal("standard", jwt.GetClaim("partner_tier").Value);
    }

    [Fact]
    public async Task ApiKeyGrant_WrongGatewaySecret_IsRejected()
    {
        using var response = await fixture.Client.PostAsync("/connect/token", Form(
            ("grant_type", "urn:salesplatform:params:oauth:grant-type:api-key"), ("client_id", "salesplatform-gateway"),
            ("client_secret", "not-the-secret"), ("api_key", IdentityFactory.DemoApiKey)));

        Assert.False(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task AuthorizationCodeWithPkce_SignedInRep_IssuesTokenForTheRep()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var browser = new HttpClient(handler) { BaseAddress = fixture.Identity.Address };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = "/connect/authorize?client_id=salesplatform-web&response_type=code&scope=openid%20profile"
            + "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&state=s1&code_challenge_method=S256&code_challenge=" + challenge;

        using var toLogin = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var returnUrl = System.Web.HttpUtility.ParseQueryString(toLogin.Headers.Location!.Query)["ReturnUrl"]!;
        using var login = await browser.PostAsync("/account/login", Form(
            ("email", DemoOrganization.Rep.Email), ("password", DemoOrganization.Password), ("returnUrl", returnUrl)));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var toClient = await browser.GetAsync(login.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, toClient.StatusCode);
        var callback = toClient.Headers.Location!;
        Assert.StartsWith("http://127.0.0.1/callback", callback.ToString(), StringComparison.Ordinal);
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;

        using var exchange = await browser.PostAsync("/connect/token", Form(
            ("grant_type", "authorization_code"), ("client_id", "salesplatform-web"), ("code", code),
            ("redirect_uri", "http://127.0.0.1/callback"), ("code_verifier", verifier)));

        exchange.EnsureSuccessStatusCode();
        var token = (await exchange.Content.ReadFromJsonAsync<TokenResponse>())!;
        Assert.Equal(DemoOrganization.Rep.Id.ToString(), new JsonWebToken(token.AccessToken).Subject);
    }

    [Fact]
    public async Task Authorize_WithoutPkce_IsRejected()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = fixture.Identity.Address };

        using var response = await browser.GetAsync("/connect/authorize?client_id=salesplatform-web&response_type=code"
            + "&scope=openid&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&state=s1");

        // OpenIddict answers with an error to the client's redirect URI (or 400), never with a login page.
        var location = response.Headers.Location?.ToString() ?? "";
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || location.Contains("error=invalid_request", StringComparison.Ordinal),
            $"status {(int)response.StatusCode}, location '{location}'");
    }

    internal static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
