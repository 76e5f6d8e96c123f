using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

using SalesPlatform.Identity.Tests.Hosting;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Gateway.Tests.Hosting;

/// <summary>What a backend saw of a forwarded request.</summary>
public sealed record Echo(string Backend, string Path, Guid? PersonId, Guid? PartnerId, string[] Roles,
    bool SawApiKeyHeader, bool SawForgedIdentityHeader, string? CorrelationId);

/// <summary>
/// A stand-in for a SalesPlatform service on real Kestrel: the shared service defaults (JwtBearer
/// with identity as authority and the test signing key, /health, /openapi/v1.json) and a few
/// <c>/api/leads</c> endpoints that report what arrived.
/// </summary>
public sealed class BackendApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BackendApp(WebApplication app, string name, Uri address)
    {
        _app = app;
        Name = name;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public static async Task<BackendApp> StartAsync(string name, IDictionary<string, string?> settings)
    {
        var address = LoopbackPorts.NextAddress();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(BackendApp).Assembly.GetName().Name,
            ContentRootPath = Directory.CreateTempSubdirectory("backend").FullName,
        });
        builder.WebHost.UseUrls(address.ToString());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();

        var leads = app.MapGroup("/api/leads");
        leads.MapGet("/echo", (HttpContext context) => Report(name, context)).AllowAnonymous();
        leads.MapGet("/me", (HttpContext context) => Report(name, context));
        leads.MapGet("/admin-only", (HttpContext context) => Report(name, context)).RequireAuthorization(Policies.Admin);
        leads.MapGet("/{id:guid}", (Guid id) => TypedResults.Problem(statusCode: 404, title: "Lead not found", detail: $"No lead {id}."));
        await app.StartAsync();
        return new BackendApp(app, name, address);
    }

    private static Echo Report(string name, HttpContext context)
    {
        var caller = Caller.From(context.User);
        var headers = context.Request.Headers;
        return new Echo(name, context.Request.Path, caller.PersonId, caller.PartnerId, [.. caller.Roles.Order()],
            headers.ContainsKey("X-Api-Key"), headers.ContainsKey("X-Partner-Id"),
            headers[CorrelationContext.HeaderName].ToString());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
