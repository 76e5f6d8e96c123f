using StackExchange.Redis;

namespace SalesPlatform.Gateway.RateLimiting;

/// <summary>The outcome of counting one request.</summary>
public sealed record RateLimitDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetAfter);

/// <summary>
/// Fixed-window counters in Redis, so every gateway replica counts against the same limit. One Lua
/// script increments the window's counter and starts its expiry atomically.
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis)
{
    private static readonly LuaScript Script = LuaScript.Prepare("""
        local count = redis.call('INCR', @key)
        local ttl = redis.call('PTTL', @key)
        if ttl < 0 then
          redis.call('PEXPIRE', @key, @window)
          ttl = tonumber(@window)
        end
        return { count, ttl }
        """);

    public async Task<RateLimitDecision> CountAsync(string subject, RateLimitRule rule)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, new
        {
            key = (RedisKey)("gw:rl:" + subject),
            window = (long)rule.Window.TotalMilliseconds,
        }))!;
        var count = (long)result[0];
        var resetAfter = TimeSpan.FromMilliseconds((long)result[1]);
        return new RateLimitDecision(count <= rule.PermitLimit, rule.PermitLimit,
            (int)Math.Max(0, rule.PermitLimit - count), resetAfter);
    }
}
