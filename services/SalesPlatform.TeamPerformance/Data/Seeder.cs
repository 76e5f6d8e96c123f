using Microsoft.EntityFrameworkCore;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Data;

/// <summary>
/// Runs after the migrator at start (when migrating or seeding demo data): inserts the default policy rows,
/// commission plan and rebate schedules when they are missing (never overwriting a changed value), and, in
/// Development or with <c>Seed:DemoData=true</c>, the demo organisation of <see cref="DemoOrganization"/> with its fixed ids.
/// Idempotent: every row is inserted only when its key is absent.
/// </summary>
public sealed class Seeder(IServiceProvider services, IHostEnvironment environment, IConfiguration configuration, TimeProvider clock)
    : IHostedService
{
    public static readonly Guid DefaultPlanId = Guid.Parse("5b0c7e0e-2d7a-4d5e-9a43-0c5f1f6b9a01");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = environment.IsDevelopment() || configuration.GetValue<bool>("Seed:DemoData");
        if (!demo && !configuration.GetValue<bool>("Database:MigrateOnStartup"))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await SeedAsync(scope.ServiceProvider.GetRequiredService<TeamPerformanceDbContext>(), demo, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Seeds under a transaction-scoped PostgreSQL advisory lock, so replicas starting together seed one after
    /// the other and the later ones find everything in place.
    /// </summary>
    public static async Task SeedAsync(TeamPerformanceDbContext db, bool demo, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
        await SeedPoliciesAsync(db, now, ct);
        if (demo)
        {
            await SeedDemoAsync(db, ct);
        }

        await transaction.CommitAsync(ct);
    }

    private const long SeedLockKey = 0x7465616d5f736565; // "team_see"

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task SeedPoliciesAsync(TeamPerformanceDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.Policies.Select(p => p.Key).ToListAsync(ct);
        foreach (var definition in PolicyDefinition.All.Where(d => !existing.Contains(d.Key)))
        {
            db.Policies.Add(Policy.Create(definition.Key, definition.Default, "seed", now));
        }

        if (!await db.CommissionPlans.AnyAsync(ct))
        {
            db.CommissionPlans.Add(CommissionPlan.Create(DefaultPlanId, "Standard rep plan", isDefault: true,
                [new CommissionTier(0m, 0.02m), new CommissionTier(0.5m, 0.04m)], acceleratorRate: 0.08m));
        }

        var tiers = await db.RebateSchedules.Select(r => r.Tier).ToListAsync(ct);
        var defaults = new Dictionary<string, RebateBracket[]>
        {
            ["registered"] = [new(0, 0.01m)],
            ["silver"] = [new(0, 0.01m), new(1_000_000, 0.02m)],
            ["gold"] = [new(0, 0.02m), new(1_000_000, 0.03m), new(5_000_000, 0.04m)],
            ["platinum"] = [new(0, 0.03m), new(1_000_000, 0.04m), new(5_000_000, 0.05m)],
        };
        foreach (var (tier, brackets) in defaults.Where(d => !tiers.Contains(d.Key)))
        {
            db.RebateSchedules.Add(RebateSchedule.Create(tier, brackets));
        }

        await db.SaveChangesAsync(ct);
    }

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
                specialty: isRep ? "new-business" : null, capacity: isRep ? 50 : 0);
            if (isRep)
            {
                // The Suzhou rep covers manufacturing in Suzhou (the demo's assignment path).
                person.Cover([new Territory(DemoOrganization.EastChina.Name, DemoOrganization.Jiangsu.Name, DemoOrganization.Suzhou.Name)],
                    ["manufacturing"]);
            }

            people[person.Id] = person;
            db.People.Add(person);
        }

        if (!await db.Partners.AnyAsync(p => p.Id == DemoOrganization.PartnerId, ct))
        {
            db.Partners.Add(Partner.Create(DemoOrganization.PartnerId, DemoOrganization.PartnerName, "distributor", "gold",
                DemoOrganization.EastChina.Name, DemoOrganization.Jiangsu.Name, null, DemoOrganization.ProvinceManager.Id));
        }

        await db.SaveChangesAsync(ct);
    }
}
