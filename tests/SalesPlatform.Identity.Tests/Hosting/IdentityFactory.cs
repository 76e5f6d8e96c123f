using System.Net.Http.Json;
using System.Text.Json.Serialization;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

using SalesPlatform.Identity;

namespace SalesPlatform.Identity.Tests.Hosting;

/// <summary>
/// The identity service on real Kestrel at <see cref="Address"/> (other hosts fetch its discovery
/// document and keys over the network), in Development so the demo organisation is seeded and the
/// password grant is on.
/// </summary>
public sealed class IdentityFactory : WebApplicationFactory<IdentityMarker>
{
    public const string GatewaySecret = "test-gateway-secret-0123456789";
    public const string DemoApiKey = "spk_testdemo_TestOnlyDemoPartnerKey0123456789abcdef";
    public const string DemoPartnerSecret = "test-partner-secret-0123456789";

    private readonly string _database;

    /// <param name="database">The identity database.</param>
    /// <param name="keysDirectory">Where the development signing keys live (a fresh folder when null); the
    /// same folder for two factories plays "identity restarted".</param>
    public IdentityFactory(string database, string? keysDirectory = null)
    {
        _database = database;
        KeysDirectory = keysDirectory ?? Directory.CreateTempSubdirectory("identity-keys").FullName;
        Address = LoopbackPorts.NextAddress();
        UseKestrel();
    }

    public Uri Address { get; }

    public string KeysDirectory { get; }

    /// <summary>Starts the server; returns a client on its real address.</summary>
    public HttpClient Start()
    {
        StartServer();
        return new HttpClient { BaseAddress = Address };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Kestrel:Endpoints:Http:Url", Address.ToString());
        builder.UseSetting("ConnectionStrings:identitydb", _database);
        builder.UseSetting("Identity:RequireHttps", "false");
        builder.UseSetting("Identity:DevelopmentKeysDirectory", KeysDirectory);
        builder.UseSetting("Identity:GatewayClientSecret", GatewaySecret);
        builder.UseSetting("Identity:WebRedirectUris:0", "http://127.0.0.1/callback");
        builder.UseSetting("Seed:DemoPartnerApiKey", DemoApiKey);
        builder.UseSetting("Seed:DemoPartnerClientSecret", DemoPartnerSecret);
    }

    /// <summary>Signs in with the development password grant of the public client <c>salesplatform-cli</c>.</summary>
    public static async Task<TokenResponse> PasswordGrantAsync(HttpClient client, string email, string password = "Demo123!",
        string scope = "openid profile")
    {
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "salesplatform-cli",
            ["username"] = email,
            ["password"] = password,
            ["scope"] = scope,
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }
}

/// <summary>The fields of a token response the tests read.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("error")] string? Error);
