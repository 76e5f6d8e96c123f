using System.Globalization;

using Microsoft.Extensions.Options;

using SalesPlatform.Gateway.ApiKeys;
using SalesPlatform.ServiceDefaults;

using StackExchange.Redis;
using SalesPlatform.Domain;

namespace SalesPlatform.Gateway.RateLimiting;

/// <summary>
/// In the proxy pipeline, after API-key resolution: counts the request against its subject (API
/// key, partner, user, or client address), answers 429 with <c>Retry-After</c> when over the limit
/// and always sets the <c>RateLimit-Limit/Remaining/Reset</c> headers. Redis down means no limit
/// (the gateway's readiness already reports it) rather than no service.
/// </summary>
public sealed partial class RateLimitMiddleware(RequestDelegate next, IOptionsMonitor<RateLimitOptions> options,
    ILogger<RateLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, RedisRateLimiter limiter)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            await next(context);
            return;
        }

        var (subject, rule) = Classify(context, settings);
        RateLimitDecision decision;
        try
        {
            decision = await limiter.CountAsync(subject, rule);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisDown(logger, e.Message);
            await next(context);
            return;
        }

        var reset = (int)Math.Ceiling(decision.ResetAfter.TotalSeconds);
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        if (!decision.Allowed)
        {
            headers.RetryAfter = reset.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"The limit is {decision.Limit} requests per {rule.Window.TotalSeconds:0} seconds; retry in {reset} seconds.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>Who a request counts against, and with which limit.</summary>
    public static (string Subject, RateLimitRule Rule) Classify(HttpContext context, RateLimitOptions settings)
    {
        if (context.Items[ApiKeyMiddleware.CredentialItem] is PartnerCredential credential)
        {
            return ($"key:{credential.KeyId}", settings.ForTier(credential.Tier));
        }

        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var caller = Caller.From(user);
            if (caller.PartnerId is { } partnerId)
            {
                return ($"partner:{partnerId}", settings.ForTier(user.FindFirst("partner_tier")?.Value));
            }

            var subject = caller.PersonId?.ToString() ?? user.FindFirst("sub")?.Value ?? user.FindFirst("client_id")?.Value;
            if (subject is not null)
            {
                return ($"user:{subject}", settings.User);
            }
        }

        return ($"ip:{context.Connection.RemoteIpAddress}", settings.Anonymous);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limiting skipped: Redis unavailable ({Reason})")]
    private static partial void LogRedisDown(ILogger logger, string reason);
}
