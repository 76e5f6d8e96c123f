using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults.Tests;

public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : DbContext(options);

/// <summary>A service in miniature built on the defaults, hosted in memory, with a downstream echo server.</summary>
public static class DefaultsTestApp
{
    public static async Task<WebApplication> StartAsync(string database, string redis, Action<WebApplication>? map = null,
        string? downstream = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        var settings = new Dictionary<string, string?>(TestTokens.AuthSettings())
        {
            ["ConnectionStrings:probedb"] = database,
            ["ConnectionStrings:redis"] = redis,
        };
        if (downstream is not null)
        {
            settings["services:downstream:http:0"] = downstream;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.AddServiceDbContext<WebApplicationBuilder, ProbeDbContext>("probedb");
        builder.AddRedis("redis");
        builder.Services.AddHttpClient("downstream", client => client.BaseAddress = new Uri("http://downstream"));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        map?.Invoke(app);
        await app.StartAsync();
        return app;
    }

    public static HttpClient Client(this WebApplication app, string? role = null, Guid? personId = null, Guid? partnerId = null)
    {
        var client = app.GetTestClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization =
                new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Create(role, personId, partnerId));
        }

        return client;
    }

    /// <summary>A real loopback HTTP server that echoes the correlation header it received.</summary>
    public static async Task<WebApplication> StartEchoServerAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/echo", (HttpContext context) => context.Request.Headers[CorrelationContext.HeaderName].ToString());
        await app.StartAsync();
        return app;
    }

    public static string Address(this WebApplication app) =>
        app.Urls.Single().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);

    public static int Code(this HttpResponseMessage response) => (int)response.StatusCode;

    public static bool IsOk(this HttpResponseMessage response) => response.StatusCode == HttpStatusCode.OK;
}
