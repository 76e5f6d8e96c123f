using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesPlatform.Protos.TeamPerformance;
using StackExchange.Redis;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>The people and org units at or below one person in the hierarchy (the person included).</summary>
public sealed record Subtree(IReadOnlyList<Guid> People, IReadOnlyList<Guid> Units);

/// <summary>
/// Where subtrees come from: team performance over gRPC for every service (<see cref="TeamDirectory"/>),
/// its own tables inside team performance, which owns the hierarchy.
/// </summary>
public abstract class SubtreeSource
{
    /// <summary>The subtree of <paramref name="personId"/>; throws <see cref="TeamPerformanceUnavailableException"/> when it cannot be read.</summary>
    public abstract Task<Subtree> GetSubtreeAsync(Guid personId, CancellationToken cancellationToken);

    /// <summary>True when answers may be cached in Redis (a remote source); the owner of the hierarchy reads it fresh.</summary>
    public virtual bool Cacheable => true;
}

/// <summary>
/// The one data-scope resolver of every service: the caller's reach by role (<see cref="DataScopeRules"/>)
/// and, for managers, their subtree from team performance, cached in Redis for every replica
/// (<see cref="TeamDirectoryOptions.CacheDuration"/>). Redis down: asks team performance. Team performance
/// down: <see cref="TeamPerformanceUnavailableException"/>, which every service answers with 503.
/// </summary>
public sealed class DataScopes(SubtreeSource source, IConnectionMultiplexer redis, IOptions<TeamDirectoryOptions> options,
    ILogger<DataScopes> logger)
{
    /// <summary>What <paramref name="caller"/> may see.</summary>
    public async Task<DataScope> ForAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.IsPartner)
        {
            return new DataScope(DataReach.Own, null, caller.PartnerId ?? Guid.Empty, [], []);
        }

        var person = caller.PersonId;
        switch (DataScopeRules.ReachOf(caller))
        {
            case DataReach.All:
                return new DataScope(DataReach.All, person, null, [], []);
            case DataReach.Own:
                return new DataScope(DataReach.Own, person, null, person is { } own ? [own] : [], []);
        }

        if (person is not { } manager)
        {
            return new DataScope(DataReach.Own, null, null, [], []);
        }

        var subtree = source.Cacheable
            ? await CachedAsync($"scope:subtree:{manager:N}", () => source.GetSubtreeAsync(manager, cancellationToken))
            : await source.GetSubtreeAsync(manager, cancellationToken);
        return new DataScope(DataReach.Subtree, manager, null, subtree.People.Contains(manager) ? subtree.People : [.. subtree.People, manager],
            subtree.Units);
    }

    /// <summary>
    /// <paramref name="fetch"/>'s answer through the shared Redis cache (JSON, <see cref="TeamDirectoryOptions.CacheDuration"/>):
    /// for any answer of team performance a service needs on many requests. A Redis failure is logged and skipped.
    /// </summary>
    public async Task<T> CachedAsync<T>(string key, Func<Task<T>> fetch)
    {
        try
        {
            var cached = await redis.GetDatabase().StringGetAsync(key);
            if (cached.HasValue && JsonSerializer.Deserialize<T>(cached.ToString(), JsonSerializerOptions.Web) is { } hit)
            {
                return hit;
            }
        }
        catch (RedisException e)
        {
            logger.LogWarning("Scope cache unavailable, asking team performance: {Error}", e.Message);
        }

        var value = await fetch();
        try
        {
            await redis.GetDatabase().StringSetAsync(key, JsonSerializer.Serialize(value, JsonSerializerOptions.Web), options.Value.CacheDuration);
        }
        catch (RedisException e)
        {
            logger.LogWarning("Scope not cached: {Error}", e.Message);
        }

        return value;
    }
}

/// <summary>Registration of the data scope.</summary>
public static class DataScopeExtensions
{
    /// <summary>
    /// Adds <see cref="DataScopes"/> backed by team performance's gRPC directory (<see cref="TeamDirectory"/>,
    /// settings in <c>TeamDirectory</c>). Needs Redis (<c>AddRedis</c>).
    /// </summary>
    public static TBuilder AddDataScope<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddGrpcClient<TeamPerformance.TeamPerformanceClient>(o => o.Address = new Uri("http://_grpc.teamperformance"));
        builder.Services.AddScoped<TeamDirectory>();
        return builder.AddDataScope<TBuilder, TeamDirectory>();
    }

    /// <summary>Adds <see cref="DataScopes"/> with subtrees from <typeparamref name="TSource"/> (team performance's own tables).</summary>
    public static TBuilder AddDataScope<TBuilder, TSource>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
        where TSource : SubtreeSource
    {
        builder.Services.Configure<TeamDirectoryOptions>(builder.Configuration.GetSection(TeamDirectoryOptions.Section));
        builder.Services.AddScoped<TSource>();
        builder.Services.AddScoped<SubtreeSource>(sp => sp.GetRequiredService<TSource>());
        builder.Services.AddScoped<DataScopes>();
        return builder;
    }
}
