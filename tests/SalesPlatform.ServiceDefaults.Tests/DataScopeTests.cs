using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults.Tests;

/// <summary>A record any service scopes: owner, referring partner, collaborators (a primitive collection column).</summary>
public sealed class Deal
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public Guid? OwnerId { get; set; }
    public Guid? PartnerId { get; set; }
    public List<Guid> Collaborators { get; set; } = [];
}

public sealed class DealsDbContext(DbContextOptions<DealsDbContext> options) : DbContext(options)
{
    public DbSet<Deal> Deals => Set<Deal>();
}

/// <summary>Subtrees a test scripts: counts calls, can fail like a team performance that is down.</summary>
public sealed class SubtreeScript
{
    public int Calls;
    public bool Down;
    public Dictionary<Guid, Subtree> Trees { get; } = [];
}

public sealed class ScriptedSubtree(SubtreeScript script) : SubtreeSource
{
    public override Task<Subtree> GetSubtreeAsync(Guid personId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref script.Calls);
        return script.Down
            ? throw new TeamPerformanceUnavailableException("scripted outage", new HttpRequestException("refused"))
            : Task.FromResult(script.Trees.GetValueOrDefault(personId) ?? new Subtree([personId], []));
    }
}

/// <summary>
/// The one data scope of every service: applied in SQL on real PostgreSQL (own, subtree, all, partner,
/// collaborators), subtrees cached in real Redis, and team performance down is 503, never a silent
/// "everything" or "nothing".
/// </summary>
public sealed class DataScopeTests(InfrastructureFixture infra) : IClassFixture<InfrastructureFixture>
{
    private static readonly Guid Manager = Guid.NewGuid(), RepA = Guid.NewGuid(), RepB = Guid.NewGuid(), Outsider = Guid.NewGuid(),
        Partner = Guid.NewGuid(), Presales = Guid.NewGuid();

    private async Task<DealsDbContext> SeededAsync()
    {
        var options = new DbContextOptionsBuilder<DealsDbContext>().UseNpgsql(infra.Database + ";Database=scope_" + Guid.NewGuid().ToString("N")[..12])
            .Options;
        var db = new DealsDbContext(options);
        await db.Database.EnsureCreatedAsync();
        db.Deals.AddRange(
            new Deal { Name = "manager's", OwnerId = Manager },
            new Deal { Name = "a's", OwnerId = RepA },
            new Deal { Name = "b's, partner-referred", OwnerId = RepB, PartnerId = Partner },
            new Deal { Name = "outsider's, presales helps", OwnerId = Outsider, Collaborators = [Presales] },
            new Deal { Name = "unowned" });
        await db.SaveChangesAsync();
        return db;
    }

    private static async Task<List<string>> VisibleAsync(DealsDbContext db, DataScope scope) =>
        await scope.Apply(db.Deals.AsNoTracking(), d => d.OwnerId, d => d.PartnerId, d => d.Collaborators)
            .OrderBy(d => d.Name).Select(d => d.Name).ToListAsync();

    [Fact]
    public async Task Apply_EachReach_FiltersInTheDatabase()
    {
        await using var db = await SeededAsync();

        Assert.Equal(5, (await VisibleAsync(db, new DataScope(DataReach.All, Manager, null, [], []))).Count);
        Assert.Equal(["a's"], await VisibleAsync(db, new DataScope(DataReach.Own, RepA, null, [RepA], [])));
        Assert.Equal(["a's", "b's, partner-referred", "manager's"],
            await VisibleAsync(db, new DataScope(DataReach.Subtree, Manager, null, [Manager, RepA, RepB], [])));
        Assert.Equal(["b's, partner-referred"], await VisibleAsync(db, new DataScope(DataReach.Own, null, Partner, [], [])));
        Assert.Equal(["outsider's, presales helps"], await VisibleAsync(db, new DataScope(DataReach.Own, Presales, null, [Presales], [])));
    }

    [Fact]
    public async Task Apply_APartnerOnAResourceWithoutPartners_SeesNothing()
    {
        await using var db = await SeededAsync();
        var scope = new DataScope(DataReach.Own, null, Partner, [], []);

        Assert.Empty(await scope.Apply(db.Deals, d => d.OwnerId).ToListAsync());
        Assert.False(scope.SeesOwner(RepB));
        Assert.False(scope.SeesUnit(Guid.NewGuid()));
    }

    private Task<WebApplication> StartAsync(SubtreeScript script) => DefaultsTestApp.StartAsync(infra.Database, infra.Redis,
        app => app.MapGet("/scope", (DataScope scope) => new { scope.Reach, people = scope.People.Count, units = scope.Units.Count }),
        configure: builder =>
        {
            builder.Services.AddSingleton(script);
            builder.AddDataScope<WebApplicationBuilder, ScriptedSubtree>();
        });

    [Fact]
    public async Task ForAsync_Manager_GetsTheSubtreeOnceThenFromRedis()
    {
        var manager = Guid.NewGuid();
        var script = new SubtreeScript();
        script.Trees[manager] = new Subtree([manager, Guid.NewGuid(), Guid.NewGuid()], [Guid.NewGuid()]);
        await using var app = await StartAsync(script);
        var client = app.Client(Roles.RegionManager, manager);

        var first = await client.GetStringAsync("/scope");
        var second = await client.GetStringAsync("/scope");

        Assert.Contains("\"people\":3", first, StringComparison.Ordinal);
        Assert.Contains("\"units\":1", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Equal(1, script.Calls);
    }

    [Fact]
    public async Task ForAsync_TeamPerformanceDown_ManagerGets503WithRetryAfter_RepAndAdminStillServed()
    {
        var script = new SubtreeScript { Down = true };
        await using var app = await StartAsync(script);

        using var manager = await app.Client(Roles.CitySupervisor, Guid.NewGuid()).GetAsync("/scope");
        using var rep = await app.Client(Roles.Rep, Guid.NewGuid()).GetAsync("/scope");
        using var admin = await app.Client(Roles.Admin, Guid.NewGuid()).GetAsync("/scope");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, manager.StatusCode);
        Assert.Equal("application/problem+json", manager.Content.Headers.ContentType?.MediaType);
        Assert.Contains("team-performance.unavailable", await manager.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(manager.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, rep.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }
}
