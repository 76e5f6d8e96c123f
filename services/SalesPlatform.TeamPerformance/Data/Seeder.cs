using Microsoft.EntityFrameworkCore;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Data;

/// <summary>
/// Runs after the migrator at start in Development or with <c>Seed:DemoData=true</c>: inserts the demo
/// organisation of <see cref="DemoOrganization"/> with its fixed ids. Policies need no seed: each applies
/// its default until someone changes it. Idempotent: every row is inserted only when its key is absent.
/// </summary>
public sealed class Seeder(IServiceProvider services, IHostEnvironment environment, IConfiguration configuration)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = environment.IsDevelopment() || configuration.GetValue<bool>("Seed:DemoData");
        if (!demo)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await SeedAsync(scope.ServiceProvider.GetRequiredService<TeamPerformanceDbContext>(), cancellationToken);
    }

    /// <summary>
    /// Seeds under a transaction-scoped PostgreSQL advisory lock, so replicas starting together seed one after
    /// the other and the later ones find everything in place.
    /// </summary>
    public static async Task SeedAsync(TeamPerformanceDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
        await SeedDemoAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    private const long SeedLockKey = 0x7465616d5f736565; // "team_see"

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task SeedDemoAsync(TeamPerformanceDbContext db, CancellationToken ct)
    {
        var units = await db.Units.ToDictionaryAsync(u => u.Id, ct);
        foreach (var demo in DemoOrganization.Units.Where(u => !units.ContainsKey(u.Id)))
        {
            var unit = OrgUnit.Create(demo.Id, demo.Name, demo.Level, demo.ParentId is { } parentId ? units[parentId] : null);
            units[unit.Id] = unit;
            db.Units.Add(unit);
        }

        var people = await db.People.ToDictionaryAsync(p => p.Id, ct);
        foreach (var demo in DemoOrganization.People.Where(p => !people.ContainsKey(p.Id)))
        {
            var isRep = demo.Role == Roles.Rep;
            var person = Person.Create(demo.Id, demo.Name, demo.Email, demo.Role, demo.UnitId,
                demo.ManagerId is { } managerId ? people[managerId] : null,
                specialty: isRep ? demo.Specialty ?? "new-business" : null, capacity: isRep ? 50 : 0);
            if (isRep)
            {
                // A rep covers the place of their office (a channel rep the whole province) and their industries.
                var (region, province, city) = DemoOrganization.PlaceOf(demo.UnitId);
                person.Cover([new Territory(region!, province, demo.Specialty == "channel" ? null : city)], demo.Industries ?? []);
            }

            people[person.Id] = person;
            db.People.Add(person);
        }

        if (!await db.Partners.AnyAsync(p => p.Id == DemoOrganization.PartnerId, ct))
        {
            db.Partners.Add(Partner.Create(DemoOrganization.PartnerId, DemoOrganization.PartnerName, "distributor", "gold",
                DemoOrganization.EastChina.Place, DemoOrganization.Jiangsu.Place, null, DemoOrganization.ProvinceManager.Id));
        }

        await db.SaveChangesAsync(ct);
    }
}
