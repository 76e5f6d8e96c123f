using SalesPlatform.Leads.Domain;
using SalesPlatform.ServiceDefaults;
using System.Linq.Expressions;
using StackExchange.Redis;

namespace SalesPlatform.Leads.Assignment;

/// <summary>
/// Which leads a caller may see, by the shared <see cref="DataScopeRules"/>: admins, executives and
/// analysts all (the whole unowned queue included), a partner only the leads it referred, a manager the
/// leads owned in their subtree plus the unowned queue in the territories their team covers (both
/// from team performance, cached briefly in Redis for every replica), anyone else their own.
/// </summary>
public sealed class LeadScope(LeadAssigner teamPerformance, IConnectionMultiplexer redis, Microsoft.Extensions.Options.IOptions<TeamPerformanceOptions> options,
    ILogger<LeadScope> logger)
{
    public async Task<Visibility> ForAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.IsPartner)
        {
            return new Visibility([], caller.PartnerId ?? Guid.Empty, Visibility.NoQueue);
        }

        var person = caller.PersonId ?? Guid.Empty;
        switch (DataScopeRules.ReachOf(caller))
        {
            case DataReach.All:
                return new Visibility(null, null, Visibility.WholeQueue);
            case DataReach.Own:
                return new Visibility([person], null, Visibility.NoQueue);
        }

        var subtree = await CachedAsync($"leads:subtree:{person:N}",
            () => teamPerformance.GetSubtreeAsync(person, cancellationToken),
            ids => string.Join(',', ids),
            text => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)]);
        var queue = await CachedAsync($"leads:coverage:{person:N}",
            () => teamPerformance.GetCoverageAsync(person, cancellationToken),
            areas => System.Text.Json.JsonSerializer.Serialize(areas),
            text => System.Text.Json.JsonSerializer.Deserialize<List<QueueArea>>(text) ?? []);
        return new Visibility([.. subtree, person], null, queue);
    }

    private async Task<IReadOnlyList<T>> CachedAsync<T>(string key, Func<Task<IReadOnlyList<T>>> fetch,
        Func<IReadOnlyList<T>, string> write, Func<string, IReadOnlyList<T>> read)
    {
        try
        {
            var cached = await redis.GetDatabase().StringGetAsync(key);
            if (cached.HasValue)
            {
                return read(cached.ToString());
            }
        }
        catch (RedisException e)
        {
            logger.LogWarning("Scope cache unavailable, asking team performance: {Error}", e.Message);
        }

        var value = await fetch();
        try
        {
            await redis.GetDatabase().StringSetAsync(key, write(value), options.Value.SubtreeCacheDuration);
        }
        catch (RedisException e)
        {
            logger.LogWarning("Scope not cached: {Error}", e.Message);
        }

        return value;
    }
}

/// <summary>
/// A territory (and its industries, empty = any) a manager's team covers. It covers a lead when its
/// most specific level (city, else province, else region) is named by the lead and equal, and no
/// other level the lead names conflicts: the rule team performance uses to find assignees.
/// </summary>
public sealed record QueueArea(string Region, string? Province, string? City, IReadOnlyList<string> Industries)
{
    /// <summary>The condition on a lead, for SQL.</summary>
    public Expression<Func<Lead, bool>> Covers()
    {
        var region = Region.Trim().ToLowerInvariant();
        var province = Province?.Trim().ToLowerInvariant();
        var city = City?.Trim().ToLowerInvariant();
        var industries = Industries.Select(i => i.Trim().ToLowerInvariant()).ToArray();
        Expression<Func<Lead, bool>> place = city is not null
            ? l => l.City != null && l.City.ToLower() == city
                && (province == null || l.Province == null || l.Province.ToLower() == province)
                && (l.Region == null || l.Region.ToLower() == region)
            : province is not null
                ? l => l.Province != null && l.Province.ToLower() == province && (l.Region == null || l.Region.ToLower() == region)
                : l => l.Region != null && l.Region.ToLower() == region;
        if (industries.Length == 0)
        {
            return place;
        }

        Expression<Func<Lead, bool>> industry = l => l.Industry != null && industries.Contains(l.Industry.ToLower());
        return Predicates.And(place, industry);
    }
}

/// <summary>A caller's view: owners (null = everyone), a partner filter, and which unowned (queued) leads show.</summary>
public sealed record Visibility(IReadOnlyList<Guid>? Owners, Guid? PartnerId, IReadOnlyList<QueueArea>? QueueAreas)
{
    /// <summary>Every unowned lead (admins, sales directors).</summary>
    public static readonly IReadOnlyList<QueueArea>? WholeQueue = null;

    /// <summary>No unowned lead.</summary>
    public static readonly IReadOnlyList<QueueArea> NoQueue = [];

    public IQueryable<Lead> Apply(IQueryable<Lead> leads)
    {
        if (PartnerId is { } partner)
        {
            return leads.Where(l => l.PartnerId == partner);
        }

        if (Owners is null)
        {
            return leads;
        }

        var owners = Owners.ToArray();
        Expression<Func<Lead, bool>> owned = l => l.OwnerId != null && owners.Contains(l.OwnerId.Value);
        if (QueueAreas is null)
        {
            return leads.Where(Predicates.Or(owned, l => l.OwnerId == null));
        }

        if (QueueAreas.Count == 0)
        {
            return leads.Where(owned);
        }

        var covered = QueueAreas.Select(a => a.Covers()).Aggregate(Predicates.Or);
        return leads.Where(Predicates.Or(owned, Predicates.And(l => l.OwnerId == null, covered)));
    }
}

/// <summary>And/Or of two lead conditions into one that EF Core translates (one parameter, no Invoke).</summary>
internal static class Predicates
{
    public static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Combine(a, b, Expression.AndAlso);

    public static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Combine(a, b, Expression.OrElse);

    private static Expression<Func<T, bool>> Combine<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b,
        Func<Expression, Expression, BinaryExpression> join)
    {
        var parameter = a.Parameters[0];
        var body = new Rebind(b.Parameters[0], parameter).Visit(b.Body);
        return Expression.Lambda<Func<T, bool>>(join(a.Body, body), parameter);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>Team performance down while it is needed to answer (a manager's subtree): 503 with a retry hint, not 500.</summary>
public sealed class TeamPerformanceUnavailableHandler(Microsoft.AspNetCore.Http.IProblemDetailsService problemDetails)
    : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not TeamPerformanceUnavailableException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problemDetails.TryWriteAsync(new Microsoft.AspNetCore.Http.ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Team performance is unavailable.",
                Detail = "Your team's leads cannot be listed right now because the org hierarchy could not be read; try again shortly.",
            },
            Exception = exception,
        });
    }
}
