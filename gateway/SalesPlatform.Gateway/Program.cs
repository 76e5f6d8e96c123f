using SalesPlatform.Gateway;
using SalesPlatform.Gateway.ApiKeys;
using SalesPlatform.Gateway.Docs;
using SalesPlatform.Gateway.Edges;
using SalesPlatform.Gateway.RateLimiting;
using SalesPlatform.ServiceDefaults;

using Yarp.ReverseProxy.Transforms;
using SalesPlatform.Domain;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedis("redis");

var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = gateway.MaxRequestBodyBytes;
});

// Routing: routes and clusters from configuration; a destination such as http://leads resolves through
// service discovery (services:leads:http:N) to every replica.
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver()
    .AddTransforms(transforms => transforms.AddResponseTransform(context =>
    {
        // The gateway already answered with the correlation id; the service's echo of it would double it.
        context.HttpContext.Response.Headers[CorrelationContext.HeaderName] = CorrelationContext.Current;
        return ValueTask.CompletedTask;
    }));

// Partner API keys and rate limits, both kept in Redis so replicas share them.
builder.Services.Configure<ApiKeyOptions>(builder.Configuration.GetSection(ApiKeyOptions.Section));
builder.Services.AddHttpClient<ApiKeyExchange>();
builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
    .Validate(o => !o.Validate().Any(), "RateLimiting settings are invalid (see RateLimitOptions.Validate).")
    .ValidateOnStart();
builder.Services.AddSingleton<RedisRateLimiter>();

builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
    .WithOrigins([.. gateway.CorsOrigins])
    .AllowAnyHeader()
    .AllowAnyMethod()
    .WithExposedHeaders("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After",
        CorrelationContext.HeaderName)));
builder.Services.AddHttpClient(ApiReferenceEndpoints.HttpClientName);

var app = builder.Build();

// Edges wrap everything, the default endpoints included.
app.UseMiddleware<AccessLogMiddleware>();
app.UseMiddleware<LargeBodyLimitMiddleware>();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseCors();
// Idempotency-Key answers are kept by the services that do the work; the gateway forwards the header.
app.MapDefaultEndpoints(idempotentPosts: false);

app.MapApiReference();
// Anything no route matches is a plain 404 here, not a sign-in challenge from the fallback policy.
app.MapFallback(() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
    detail: "No API lives at this path.")).AllowAnonymous();
app.MapReverseProxy(proxy =>
{
    // Services log under the same correlation id the gateway answered with.
    proxy.Use((context, next) =>
    {
        context.Request.Headers[CorrelationContext.HeaderName] = CorrelationContext.Current;
        return next(context);
    });
    proxy.UseMiddleware<BearerTokenMiddleware>();
    proxy.UseMiddleware<ApiKeyMiddleware>();
    proxy.UseMiddleware<RateLimitMiddleware>();
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

app.Run();
