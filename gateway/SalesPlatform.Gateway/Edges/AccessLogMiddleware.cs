using System.Diagnostics;

using SalesPlatform.Gateway.ApiKeys;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Gateway.Edges;

/// <summary>
/// One structured line per request: method, path (no query string: it may carry secrets), status,
/// duration, caller and correlation id. Never headers, so no Authorization or X-Api-Key values.
/// </summary>
public sealed partial class AccessLogMiddleware(RequestDelegate next, ILogger<AccessLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, DescribeCaller(context),
                context.Response.Headers[CorrelationContext.HeaderName].ToString());
        }
    }

    public static string DescribeCaller(HttpContext context)
    {
        if (context.Items[ApiKeyMiddleware.CredentialItem] is PartnerCredential credential)
        {
            return $"partner:{credential.PartnerId} key:{credential.KeyId}";
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            var caller = Caller.From(context.User);
            return caller.PartnerId is { } partner ? $"partner:{partner}" : $"user:{caller.PersonId}";
        }

        return "anonymous";
    }

    [LoggerMessage(EventId = 1, EventName = "Access", Level = LogLevel.Information,
        Message = "{Method} {Path} -> {StatusCode} in {ElapsedMs:0.0} ms by {Caller} correlation {CorrelationId}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs,
        string caller, string correlationId);
}
