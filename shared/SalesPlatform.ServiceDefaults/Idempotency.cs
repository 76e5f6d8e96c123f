using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// Safe retries of POSTs (portals retry after a timeout or a dropped connection). A POST with an
/// <c>Idempotency-Key</c> header is done once per caller and key for 24 hours: the same key with the
/// same body answers the first answer again (with <c>Idempotent-Replayed: true</c>) without doing it
/// again; the same key with another body is 422; while the first is still running, 409 with
/// <c>Retry-After</c>. Answers of 5xx are not kept, so a retry runs again. Kept in Redis, shared by
/// every replica; a service without Redis, or a body over <see cref="MaxBodyBytes"/>, is not covered.
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, ILogger<IdempotencyMiddleware> logger)
{
    /// <summary>The request header.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The response header on a replayed answer.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>How long a key is remembered.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>Largest body (and answer) covered; bulk uploads are made idempotent by their own de-duplication.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const string Pending = "pending";
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Runs the request once per key, or answers from what the first run answered.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[HeaderName].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0
            || context.RequestServices.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            await next(context);
            return;
        }

        if (key.Length > 200 || key.Any(c => c is < '!' or > '~'))
        {
            throw new RequestValidationException(HeaderName, "An Idempotency-Key is 1 to 200 printable ASCII characters without spaces (a UUID is a good choice).");
        }

        if (context.Request.ContentLength is > MaxBodyBytes)
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering(MaxBodyBytes);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(context.Request.Body, context.RequestAborted));
        context.Request.Body.Position = 0;

        var caller = context.User.FindFirst("sub")?.Value ?? "anonymous";
        var storeKey = $"idem:{context.Request.Path.Value?.ToLowerInvariant()}:{caller}:{key}";
        var database = redis.GetDatabase();
        try
        {
            if (!await database.StringSetAsync(storeKey, Pending, PendingLifetime, When.NotExists))
            {
                await AnswerFromStoreAsync(context, await database.StringGetAsync(storeKey), hash);
                return;
            }
        }
        catch (RedisException e)
        {
            LogUnavailable(logger, e.Message);
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var kept = false;
        try
        {
            await next(context);
            captured.Position = 0;
            if (context.Response.StatusCode < 500 && captured.Length <= MaxBodyBytes)
            {
                var answer = new StoredAnswer(hash, context.Response.StatusCode, context.Response.ContentType,
                    context.Response.Headers.Location.ToString(), captured.ToArray());
                await database.StringSetAsync(storeKey, JsonSerializer.Serialize(answer), Retention);
                kept = true;
            }
        }
        finally
        {
            if (!kept)
            {
                await database.KeyDeleteAsync(storeKey, CommandFlags.FireAndForget);
            }

            captured.Position = 0;
            context.Response.Body = original;
            await captured.CopyToAsync(original, context.RequestAborted);
        }
    }

    private static async Task AnswerFromStoreAsync(HttpContext context, RedisValue stored, string hash)
    {
        if (!stored.HasValue || stored == Pending)
        {
            context.Response.Headers.RetryAfter = "1";
            await Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The first request with this Idempotency-Key is still running.",
                detail: "Retry in a moment to get its answer.").ExecuteAsync(context);
            return;
        }

        var answer = JsonSerializer.Deserialize<StoredAnswer>(stored.ToString())!;
        if (answer.BodyHash != hash)
        {
            await Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The Idempotency-Key was used with another body.",
                detail: "Use a new Idempotency-Key for a different request.",
                extensions: new Dictionary<string, object?> { ["code"] = "idempotency.key-reused" }).ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = answer.Status;
        context.Response.Headers[ReplayedHeader] = "true";
        if (answer.ContentType is { Length: > 0 })
        {
            context.Response.ContentType = answer.ContentType;
        }

        if (answer.Location is { Length: > 0 })
        {
            context.Response.Headers.Location = answer.Location;
        }

        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    private sealed record StoredAnswer(string BodyHash, int Status, string? ContentType, string? Location, byte[] Body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency keys cannot be checked (Redis: {Error}); the request runs without replay protection")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
