using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Tests.Hosting;

/// <summary>
/// A stand-in for any SalesPlatform service: only the shared JwtBearer setup with
/// <c>Auth:Authority</c> pointing at identity, and <c>/me</c> returning the bound <see cref="Caller"/>.
/// </summary>
public sealed class ProbeService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProbeService(WebApplication app) => _app = app;

    public HttpClient Client { get; private set; } = null!;

    public static async Task<ProbeService> StartAsync(Uri authority)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = Directory.CreateTempSubdirectory("probe").FullName,
        });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = authority.ToString(),
            ["Auth:RequireHttpsMetadata"] = "false",
        });
        builder.AddDefaultAuthentication();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (Caller caller) => caller);
        await app.StartAsync();
        return new ProbeService(app) { Client = app.GetTestClient() };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
