using Microsoft.EntityFrameworkCore;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Data;

/// <summary>
/// Subtrees from team performance's own tables (it owns the hierarchy, so it neither calls itself nor
/// caches): the shared <see cref="DataScopes"/> of this service, and the answer of its gRPC <c>GetSubtree</c>
/// to every other service.
/// </summary>
public sealed class OrgSubtree(TeamPerformanceDbContext db) : SubtreeSource
{
    /// <inheritdoc />
    public override bool Cacheable => false;

    /// <summary>Everyone below the person (by the manager chain) and every unit at or under the person's unit.</summary>
    public override async Task<Subtree> GetSubtreeAsync(Guid personId, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.Path, p.UnitId })
            .FirstOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return new Subtree([personId], []);
        }

        var people = await SubtreeIds(db, person.Path).ToListAsync(cancellationToken);
        var unitPath = await db.Units.Where(u => u.Id == person.UnitId).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken);
        List<Guid> units = unitPath is null ? []
            : await db.Units.Where(u => EF.Functions.Like(u.Path, unitPath + "%")).Select(u => u.Id).ToListAsync(cancellationToken);
        return new Subtree(people, units);
    }

    /// <summary>Ids of everyone in the person's subtree (the person included): one indexed prefix scan.</summary>
    public static IQueryable<Guid> SubtreeIds(TeamPerformanceDbContext db, string personPath) =>
        db.People.Where(p => EF.Functions.Like(p.Path, personPath + "%")).Select(p => p.Id);

    /// <summary>Ids of everyone whose unit lies under the unit (the unit included).</summary>
    public static IQueryable<Guid> UnitMemberIds(TeamPerformanceDbContext db, string unitPath) =>
        db.People.Where(p => db.Units.Any(u => u.Id == p.UnitId && EF.Functions.Like(u.Path, unitPath + "%"))).Select(p => p.Id);
}
