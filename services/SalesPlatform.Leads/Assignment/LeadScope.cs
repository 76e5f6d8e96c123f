using SalesPlatform.Leads.Domain;
using SalesPlatform.ServiceDefaults;
using StackExchange.Redis;

namespace SalesPlatform.Leads.Assignment;

/// <summary>
/// Which leads a caller may see: admins all, a partner only the leads it referred, a manager the
/// leads owned in their subtree (from team performance, cached briefly in Redis for every replica)
/// plus the unowned queue, anyone else their own.
/// </summary>
public sealed class LeadScope(LeadAssigner teamPerformance, IConnectionMultiplexer redis, Microsoft.Extensions.Options.IOptions<TeamPerformanceOptions> options,
    ILogger<LeadScope> logger)
{
    public async Task<Visibility> ForAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.IsAdmin)
        {
            return new Visibility(null, null, true);
        }

        if (caller.IsPartner)
        {
            return new Visibility([], caller.PartnerId ?? Guid.Empty, false);
        }

        var person = caller.PersonId ?? Guid.Empty;
        if (!caller.IsManager)
        {
            return new Visibility([person], null, false);
        }

        return new Visibility([.. await SubtreeAsync(person, cancellationToken), person], null, true);
    }

    private async Task<IReadOnlyList<Guid>> SubtreeAsync(Guid person, CancellationToken cancellationToken)
    {
        var key = $"leads:subtree:{person:N}";
        try
        {
            var cached = await redis.GetDatabase().StringGetAsync(key);
            if (cached.HasValue)
            {
                return [.. cached.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];
            }
        }
        catch (RedisException e)
        {
            logger.LogWarning("Subtree cache unavailable, asking team performance: {Error}", e.Message);
        }

        var subtree = await teamPerformance.GetSubtreeAsync(person, cancellationToken);
        try
        {
            await redis.GetDatabase().StringSetAsync(key, string.Join(',', subtree), options.Value.SubtreeCacheDuration);
        }
        catch (RedisException e)
        {
            logger.LogWarning("Subtree not cached: {Error}", e.Message);
        }

        return subtree;
    }
}

/// <summary>A caller's view: owners (null = everyone), a partner filter, and whether unowned (queued) leads show.</summary>
public sealed record Visibility(IReadOnlyList<Guid>? Owners, Guid? PartnerId, bool SeesQueue)
{
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
        return SeesQueue
            ? leads.Where(l => (l.OwnerId != null && owners.Contains(l.OwnerId.Value)) || l.OwnerId == null)
            : leads.Where(l => l.OwnerId != null && owners.Contains(l.OwnerId.Value));
    }

    public bool CanSee(Lead lead) =>
        PartnerId is { } partner ? lead.PartnerId == partner
        : Owners is null || (lead.OwnerId is { } owner ? Owners.Contains(owner) : SeesQueue);
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
