using Microsoft.EntityFrameworkCore;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Data;

/// <summary>
/// People and units read through the caller's shared <see cref="DataScope"/>, in the query: reps their own
/// record, managers their subtree and the units at or under theirs, admins, analysts, directors and VPs
/// everything. Anything outside is 404, so its existence does not leak.
/// </summary>
public static class Readable
{
    public static async Task<Person> PersonAsync(TeamPerformanceDbContext db, DataScope scope, Guid personId, CancellationToken ct) =>
        await scope.Apply(db.People.AsNoTracking(), p => (Guid?)p.Id).FirstOrDefaultAsync(p => p.Id == personId, ct)
        ?? throw new NotFoundException("Person", personId);

    public static async Task<OrgUnit> UnitAsync(TeamPerformanceDbContext db, DataScope scope, Guid unitId, CancellationToken ct) =>
        await scope.ApplyUnits(db.Units.AsNoTracking(), u => u.Id).FirstOrDefaultAsync(u => u.Id == unitId, ct)
        ?? throw new NotFoundException("Unit", unitId);
}
