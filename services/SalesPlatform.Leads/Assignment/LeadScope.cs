using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SalesPlatform.Leads.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Leads.Assignment;

/// <summary>
/// Which leads a caller may see: admins all, a partner only the leads it referred, a manager the
/// leads owned in their subtree (from team performance, cached briefly) plus the unowned queue,
/// anyone else their own.
/// </summary>
public sealed class LeadScope(LeadAssigner teamPerformance, IMemoryCache cache, IOptions<TeamPerformanceOptions> options)
{
    /// <summary>Owners whose leads <paramref name="caller"/> sees; null means all (admin).</summary>
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

        var subtree = await cache.GetOrCreateAsync(("subtree", person), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.SubtreeCacheDuration;
            return await teamPerformance.GetSubtreeAsync(person, cancellationToken);
        });
        return new Visibility([.. subtree ?? [], person], null, true);
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
