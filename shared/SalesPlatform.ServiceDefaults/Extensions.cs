using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// The defaults every SalesPlatform service starts from, in the shape of .NET Aspire's
/// ServiceDefaults: telemetry, health, service discovery, resilience, problem details, auth and
/// correlation ids. A service's <c>Program.cs</c> calls <see cref="AddServiceDefaults"/> first and
/// <see cref="MapDefaultEndpoints"/> after <c>Build()</c>.
/// </summary>
public static class Extensions
{
    /// <summary>Health check tag for checks that decide readiness (<c>/health</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Health check tag for checks that decide liveness (<c>/alive</c>).</summary>
    public const string LiveTag = "live";

    /// <summary>Meter and activity source prefix of SalesPlatform's own instrumentation.</summary>
    public const string TelemetryPrefix = "SalesPlatform";

    /// <summary>Log categories at Warning unless <c>Logging:LogLevel:&lt;category&gt;</c> says otherwise.</summary>
    public static readonly IReadOnlyList<string> QuietByDefault =
        ["System.Net.Http.HttpClient", "Polly", "Microsoft.Extensions.Http.Resilience", "Microsoft.Extensions.ServiceDiscovery"];

    /// <summary>Registers telemetry, health, discovery, resilience, problem details, auth and correlation ids.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Every outgoing call logs two Information lines and every resilience event one: Warning unless configured.
        foreach (var category in QuietByDefault)
        {
            if (builder.Configuration[$"Logging:LogLevel:{category}"] is null)
            {
                builder.Logging.AddFilter(category, LogLevel.Warning);
            }
        }

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.AddTransient<CorrelationIdHandler>();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Every HttpClient and gRPC client: resolve names, retry/timeout/circuit-break, carry the correlation id.
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
            http.AddHttpMessageHandler<CorrelationIdHandler>();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddReportingCalendar();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (CorrelationContext.Current is { } correlationId)
            {
                context.ProblemDetails.Extensions["correlationId"] = correlationId;
            }
        });
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            TextInput.Configure(options.SerializerOptions);
        });
        // A body that cannot be read becomes problem details naming the field, in every environment.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(openApi => openApi.AddOperationTransformer((operation, context, _) =>
        {
            // Every POST takes an Idempotency-Key (IdempotencyMiddleware): say so in each service's document.
            if (string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = IdempotencyMiddleware.HeaderName,
                    In = Microsoft.OpenApi.ParameterLocation.Header,
                    Required = false,
                    Description = "Send a new UUID per request to retry it safely: the same key and body within 24 hours get the first answer again.",
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = 200 },
                });
            }

            // ListQuery binds itself from the query string; list its parameters for the reference.
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<System.Reflection.MethodInfo>()
                .Any(handler => handler.GetParameters().Any(p => p.ParameterType == typeof(ListQuery))))
            {
                operation.Parameters ??= [];
                foreach (var (name, description, type) in ListQuery.Parameters)
                {
                    operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                    {
                        Name = name,
                        In = Microsoft.OpenApi.ParameterLocation.Query,
                        Description = description,
                        Schema = new Microsoft.OpenApi.OpenApiSchema { Type = type },
                    });
                }
            }

            return Task.CompletedTask;
        }).AddOperationTransformer(ProblemResponses.TransformAsync));

        builder.AddDefaultAuthentication();
        return builder;
    }

    /// <summary>OpenTelemetry logs, metrics and traces; exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Npgsql", $"{TelemetryPrefix}.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, "MassTransit", $"{TelemetryPrefix}.*")
                .AddAspNetCoreInstrumentation(options =>
                    // Probes every few seconds would drown real traces.
                    options.Filter = context => !IsProbe(context.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>A liveness check that only says the process answers; dependencies add ready-tagged checks.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (ready: every dependency reachable), <c>/alive</c> (live), the OpenAPI
    /// document and the correlation/exception middleware. Health endpoints are anonymous and exist
    /// in every environment because orchestrators probe them in production.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="idempotentPosts">Keep <c>Idempotency-Key</c> answers here (services); false where requests
    /// are only forwarded (the gateway), so the service that does the work keeps them.</param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, bool idempotentPosts = true)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // Query strings, paths and forms get the same text rule as JSON bodies, before any handler.
            if (await TextInput.FindInRequestAsync(context.Request) is var (field, problem))
            {
                throw new RequestValidationException(field, problem);
            }

            await next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<ApiKeyScopeMiddleware>();
        if (idempotentPosts)
        {
            app.UseMiddleware<IdempotencyMiddleware>();
        }

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
