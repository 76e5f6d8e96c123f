using SalesPlatform.Leads.Domain;
using SalesPlatform.ServiceDefaults;
using System.Linq.Expressions;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Assignment;

// Several types in one file: Who sees which leads: the lead scope, the view it answers and the territory rule of the unowned queue, read together.
/// <summary>
/// Which leads a caller may see: the shared data scope (<see cref="DataScopes"/>: everything, a
/// manager's subtree, one's own, a partner's referrals) plus the one rule of leads' own, the unowned
/// queue. Admins, executives and analysts see the whole queue; a manager the unowned leads in the
/// territories their team covers (team performance's coverage, through the same Redis cache); anyone
/// else none.
/// </summary>
public sealed class LeadScope(DataScopes scopes, LeadAssigner teamPerformance)
{
    public async Task<Visibility> ForAsync(Caller caller, CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(caller, cancellationToken);
        if (scope.IsPartner || scope.Reach == DataReach.Own)
        {
            return new Visibility(scope, Visibility.NoQueue);
        }

        if (scope.Reach == DataReach.All)
        {
            return new Visibility(scope, Visibility.WholeQueue);
        }

        var person = scope.PersonId!.Value;
        var queue = await scopes.CachedAsync<List<QueueArea>>($"leads:coverage:{person:N}",
            async () => [.. await teamPerformance.GetCoverageAsync(person, cancellationToken)]);
        return new Visibility(scope, queue);
    }
}

/// <summary>A caller's view of leads: the shared data scope and which unowned (queued) leads show.</summary>
public sealed record Visibility(DataScope Scope, IReadOnlyList<QueueArea>? QueueAreas)
{
    /// <summary>Every unowned lead (admins, sales directors).</summary>
    public static readonly IReadOnlyList<QueueArea>? WholeQueue = null;

    /// <summary>No unowned lead.</summary>
    public static readonly IReadOnlyList<QueueArea> NoQueue = [];

    public IQueryable<Lead> Apply(IQueryable<Lead> leads)
    {
        if (Scope.SeesAll)
        {
            return leads;
        }

        var owned = Scope.Filter<Lead>(l => l.OwnerId, l => l.PartnerId, l => l.Collaborators);
        if (Scope.IsPartner || QueueAreas is { Count: 0 })
        {
            return leads.Where(owned);
        }

        Expression<Func<Lead, bool>> unowned = l => l.OwnerId == null;
        var queued = QueueAreas is null ? unowned : Predicates.And(unowned, QueueAreas.Select(a => a.Covers()).Aggregate(Predicates.Or));
        return leads.Where(Predicates.Or(owned, queued));
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
