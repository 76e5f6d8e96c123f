using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// The correlation id of the work in progress: taken from the <c>X-Correlation-Id</c> header of an
/// incoming HTTP or gRPC call or from a consumed message, sent on every outgoing HTTP/gRPC call and
/// stored with every outbox message, so one business action can be followed across services.
/// </summary>
public static class CorrelationContext
{
    /// <summary>The header that carries the correlation id over HTTP and gRPC.</summary>
    public const string HeaderName = "X-Correlation-Id";

    private static readonly AsyncLocal<string?> CurrentId = new();

    /// <summary>The correlation id of the current flow, or null outside any request or message.</summary>
    public static string? Current
    {
        get => CurrentId.Value;
        set => CurrentId.Value = value;
    }

    /// <summary>Returns a fresh id: the current trace id when there is one, else a new GUID.</summary>
    public static string NewId() =>
        Activity.Current?.TraceId.ToHexString() ?? Guid.CreateVersion7().ToString("N");

    /// <summary>True when <paramref name="value"/> is acceptable as a correlation id (bounded, printable).</summary>
    public static bool IsValid(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 128 && value.All(c => c is > ' ' and < (char)127);
}

/// <summary>Adopts or creates the correlation id of each request, echoes it and scopes logs with it.</summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    /// <summary>Runs the rest of the pipeline under the request's correlation id.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[CorrelationContext.HeaderName].ToString();
        var correlationId = CorrelationContext.IsValid(incoming) ? incoming : CorrelationContext.NewId();
        CorrelationContext.Current = correlationId;
        context.Response.Headers[CorrelationContext.HeaderName] = correlationId;
        Activity.Current?.SetTag("correlation.id", correlationId);

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }
}

/// <summary>Adds the current correlation id to outgoing HTTP and gRPC calls.</summary>
public sealed class CorrelationIdHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (CorrelationContext.Current is { } id && !request.Headers.Contains(CorrelationContext.HeaderName))
        {
            request.Headers.TryAddWithoutValidation(CorrelationContext.HeaderName, id);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
