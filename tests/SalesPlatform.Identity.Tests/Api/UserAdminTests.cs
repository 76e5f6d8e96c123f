using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

using SalesPlatform.Identity.Data;

using SalesPlatform.Identity.Endpoints;
using SalesPlatform.Identity.Tests.Hosting;
using SalesPlatform.ServiceDefaults;

using static SalesPlatform.Identity.Tests.Api.TokenEndpointTests;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Tests.Api;

public class UserAdminTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private async Task<HttpClient> AdminAsync()
    {
        var token = await IdentityFactory.PasswordGrantAsync(fixture.Client, DemoOrganization.Admin.Email);
        var client = new HttpClient { BaseAddress = fixture.Identity.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    private static UserEndpoints.CreateUserRequest NewUser(params string[] roles)
    {
        var id = Guid.CreateVersion7();
        return new UserEndpoints.CreateUserRequest(id, $"user.{id:N}@demo", "New User", roles, "Secret123!");
    }

    [Fact]
    public async Task CreateUser_AsAdmin_UserSignsInWithPersonIdAndRoles()
    {
        using var admin = await AdminAsync();
        var request = NewUser(Roles.Rep, Roles.ServiceAgent);

        using var created = await admin.PostAsJsonAsync("/api/identity/users", request);
        var token = await IdentityFactory.PasswordGrantAsync(fixture.Client, request.Email!, request.Password!);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal(request.PersonId.ToString(), jwt.Subject);
        Assert.Equal([Roles.Rep, Roles.ServiceAgent], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).Order());
    }

    [Fact]
    public async Task CreateUser_ExistingEmail_Returns409()
    {
        using var admin = await AdminAsync();
        var request = NewUser(Roles.Rep) with { Email = DemoOrganization.Rep.Email };

        using var response = await admin.PostAsJsonAsync("/api/identity/users", request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("partner")]
    [InlineData("wizard")]
    public async Task CreateUser_InvalidRole_Returns400NamingRoles(string role)
    {
        using var admin = await AdminAsync();

        using var response = await admin.PostAsJsonAsync("/api/identity/users", NewUser(role));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"roles\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_SevenCharacterPassword_Returns400NamingPassword()
    {
        using var admin = await AdminAsync();

        using var response = await admin.PostAsJsonAsync("/api/identity/users", NewUser(Roles.Rep) with { Password = "1234567" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"password\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeactivateUser_AsAdmin_BlocksSignInAndRefresh()
    {
        using var admin = await AdminAsync();
        var request = NewUser(Roles.Analyst);
        using var created = await admin.PostAsJsonAsync("/api/identity/users", request);
        var signedIn = await IdentityFactory.PasswordGrantAsync(fixture.Client, request.Email!, request.Password!,
            scope: "openid offline_access");

        using var deactivated = await admin.PostAsync($"/api/identity/users/{request.PersonId}/deactivate", null);

        Assert.Equal(HttpStatusCode.NoContent, deactivated.StatusCode);
        using var password = await fixture.Client.PostAsync("/connect/token", Form(
            ("grant_type", "password"), ("client_id", "salesplatform-cli"), ("username", request.Email!), ("password", request.Password!)));
        using var refresh = await fixture.Client.PostAsync("/connect/token", Form(
            ("grant_type", "refresh_token"), ("client_id", "salesplatform-cli"), ("refresh_token", signedIn.RefreshToken!)));
        Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
    }

    [Fact]
    public async Task ChangeRoles_AsAdmin_NextRefreshCarriesNewRoles()
    {
        using var admin = await AdminAsync();
        var request = NewUser(Roles.Rep);
        using var created = await admin.PostAsJsonAsync("/api/identity/users", request);
        var signedIn = await IdentityFactory.PasswordGrantAsync(fixture.Client, request.Email!, request.Password!,
            scope: "openid offline_access");

        using var changed = await admin.PutAsJsonAsync($"/api/identity/users/{request.PersonId}/roles",
            new UserEndpoints.ChangeRolesRequest([Roles.CitySupervisor]));
        using var refresh = await fixture.Client.PostAsync("/connect/token", Form(
            ("grant_type", "refresh_token"), ("client_id", "salesplatform-cli"), ("refresh_token", signedIn.RefreshToken!)));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        refresh.EnsureSuccessStatusCode();
        var jwt = new JsonWebToken((await refresh.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        Assert.Equal(Roles.CitySupervisor, jwt.GetClaim("role").Value);
    }

    [Fact]
    public async Task ListUsers_AsAdmin_ShowsDemoUsersWithoutPasswordHashes()
    {
        using var admin = await AdminAsync();

        var body = await admin.GetStringAsync("/api/identity/users");

        Assert.Contains(DemoOrganization.Rep.Email, body, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Seed_TwoReplicasAtOnce_LeavesOneCopyOfEachDemoUser()
    {
        var services = fixture.Identity.Services;
        IdentitySeeder NewSeeder() => new(services, services.GetRequiredService<IHostEnvironment>(),
            services.GetRequiredService<IOptions<IdentityServiceOptions>>(), services.GetRequiredService<IOptions<SeedOptions>>(),
            services.GetRequiredService<ILogger<IdentitySeeder>>());

        await Task.WhenAll(NewSeeder().StartAsync(CancellationToken.None), NewSeeder().StartAsync(CancellationToken.None));

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var demoIds = DemoOrganization.People.Select(p => p.Id).ToList();
        Assert.Equal(demoIds.Count, await db.Users.CountAsync(u => demoIds.Contains(u.Id)));
        Assert.Equal(1, await db.ApiKeys.CountAsync(k => k.PartnerId == DemoOrganization.PartnerId));
    }
}
