using Microsoft.EntityFrameworkCore;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Data;

/// <summary>
/// Data scoping with the shared rule (<see cref="DataScopeRules"/>): reps see their own records, managers
/// their subtree (people below them, units under their unit), admins, analysts, sales directors and VPs
/// everything. Team performance owns the hierarchy, so it reads subtrees from its own tables. A record the
/// caller may not see is reported as not found (404), so its existence does not leak.
/// </summary>
public static class Scope
{
    public static bool SeesEverything(Caller caller) => DataScopeRules.ReachOf(caller) == DataReach.All;

    public static async Task<Person> ReadablePersonAsync(TeamPerformanceDbContext db, Caller caller, Guid personId, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new NotFoundException("Person", personId);
        if (SeesEverything(caller) || caller.PersonId == personId)
        {
            return person;
        }

        if (caller.IsManager && caller.PersonId is { } managerId)
        {
            var managerPath = await db.People.Where(p => p.Id == managerId).Select(p => p.Path).FirstOrDefaultAsync(ct);
            if (managerPath is not null && person.IsWithin(managerPath))
            {
                return person;
            }
        }

        throw new NotFoundException("Person", personId);
    }

    public static async Task<OrgUnit> ReadableUnitAsync(TeamPerformanceDbContext db, Caller caller, Guid unitId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct)
            ?? throw new NotFoundException("Unit", unitId);
        if (SeesEverything(caller))
        {
            return unit;
        }

        if (caller.IsManager && caller.PersonId is { } managerId)
        {
            var managerUnitPath = await db.People.Where(p => p.Id == managerId)
                .Join(db.Units, p => p.UnitId, u => u.Id, (_, u) => u.Path).FirstOrDefaultAsync(ct);
            if (managerUnitPath is not null && unit.Path.StartsWith(managerUnitPath, StringComparison.Ordinal))
            {
                return unit;
            }
        }

        throw new NotFoundException("Unit", unitId);
    }

    /// <summary>Ids of everyone in the person's subtree (the person included): one indexed prefix scan.</summary>
    public static IQueryable<Guid> SubtreeIds(TeamPerformanceDbContext db, string personPath) =>
        db.People.Where(p => EF.Functions.Like(p.Path, personPath + "%")).Select(p => p.Id);

    /// <summary>Ids of everyone whose unit lies under the unit (the unit included).</summary>
    public static IQueryable<Guid> UnitMemberIds(TeamPerformanceDbContext db, string unitPath) =>
        db.People.Where(p => db.Units.Any(u => u.Id == p.UnitId && EF.Functions.Like(u.Path, unitPath + "%"))).Select(p => p.Id);
}
