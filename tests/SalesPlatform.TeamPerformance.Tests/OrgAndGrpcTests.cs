using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SalesPlatform.Protos.TeamPerformance;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.TeamPerformance.Endpoints;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests;

public class OrgAndGrpcTests(TeamPerformanceApp app) : IClassFixture<TeamPerformanceApp>
{
    [Fact]
    public async Task FindAssignees_SuzhouManufacturing_ReturnsTheDemoRepWithWhy()
    {
        var response = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.FindAssignees, null, new CallOptions(),
            new FindAssigneesRequest { Region = "East China", Province = "Jiangsu", City = "Suzhou", Industry = "manufacturing" });

        var assignee = Assert.Single(response.Assignees);
        Assert.Equal(DemoOrganization.Rep.Id.ToString(), assignee.PersonId);
        Assert.Equal(DemoOrganization.CitySupervisor.Id.ToString(), assignee.ManagerId);
        Assert.Equal("city=Suzhou; industry=manufacturing", assignee.Match);
        Assert.Equal(50, assignee.Capacity);
    }

    [Fact]
    public async Task FindAssignees_OtherIndustryOrCity_ReturnsNobody()
    {
        var invoker = app.Grpc();

        var retail = await invoker.AsyncUnaryCall(TeamPerformanceApp.FindAssignees, null, new CallOptions(),
            new FindAssigneesRequest { Region = "East China", Province = "Jiangsu", City = "Suzhou", Industry = "retail" });
        var lanzhou = await invoker.AsyncUnaryCall(TeamPerformanceApp.FindAssignees, null, new CallOptions(),
            new FindAssigneesRequest { Region = "Northwest China", Province = "Gansu", City = "Lanzhou", Industry = "manufacturing" });

        Assert.Empty(retail.Assignees);
        Assert.Empty(lanzhou.Assignees);
    }

    [Theory]
    [InlineData("North China", "Beijing", "Beijing", "张伟")]
    [InlineData("South China", "Guangdong", "Shenzhen", "黄丽")]
    [InlineData("Central China", "Hubei", "Wuhan", "刘洋")]
    [InlineData("Southwest China", "Sichuan", "Chengdu", "杨帆")]
    [InlineData("Northwest China", "Shaanxi", "Xi'an", "赵磊")]
    [InlineData("Northeast China", "Liaoning", "Shenyang", "吴迪")]
    public async Task DemoOrganization_EveryRegionHasARep(string region, string province, string city, string rep)
    {
        var found = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.FindAssignees, null, new CallOptions(),
            new FindAssigneesRequest { Region = region, Province = province, City = city, Industry = "energy" });

        Assert.Contains(found.Assignees, a => a.Name == rep);
    }

    [Fact]
    public async Task DemoOrganization_PartnerReferralsFindTheChannelRep_DirectLeadsNever()
    {
        var channel = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.FindAssignees, null, new CallOptions(),
            new FindAssigneesRequest { Region = "East China", Province = "Jiangsu", City = "Nanjing", Specialty = "channel" });
        var direct = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.FindAssignees, null, new CallOptions(),
            new FindAssigneesRequest { Region = "East China", Province = "Jiangsu", City = "Nanjing" });

        Assert.Equal(DemoOrganization.ChannelRep.Id.ToString(), Assert.Single(channel.Assignees).PersonId);
        Assert.Empty(direct.Assignees);
    }

    [Fact]
    public async Task FindAssignees_NewLessLoadedGeneralistAndSpecialist_SpecialistFirstThenLoad()
    {
        var admin = app.Admin();
        var wuxiA = await CreateRepAsync(admin, "Wuxi", ["manufacturing"]);
        var wuxiGeneralist = await CreateRepAsync(admin, "Wuxi", []);
        var wuxiB = await CreateRepAsync(admin, "Wuxi", ["manufacturing"]);
        await app.WithDbAsync(async db =>
        {
            (await db.People.FirstAsync(p => p.Id == wuxiA)).AddOpenLead();
            await db.SaveChangesAsync();
        });

        var response = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.FindAssignees, null, new CallOptions(),
            new FindAssigneesRequest { Region = "East China", Province = "Jiangsu", City = "Wuxi", Industry = "Manufacturing" });

        Assert.Equal([wuxiB.ToString(), wuxiA.ToString(), wuxiGeneralist.ToString()], response.Assignees.Select(a => a.PersonId));
        Assert.Equal(1, response.Assignees[1].OpenLeads);
    }

    [Fact]
    public async Task GetSubtree_RegionManager_IncludesEveryoneBelowAndNobodyElse()
    {
        var response = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.GetSubtree, null, new CallOptions(),
            new GetSubtreeRequest { PersonId = DemoOrganization.RegionManager.Id.ToString() });

        Assert.Contains(DemoOrganization.RegionManager.Id.ToString(), response.PersonIds);
        Assert.Contains(DemoOrganization.ProvinceManager.Id.ToString(), response.PersonIds);
        Assert.Contains(DemoOrganization.Rep.Id.ToString(), response.PersonIds);
        Assert.DoesNotContain(DemoOrganization.Director.Id.ToString(), response.PersonIds);
        Assert.DoesNotContain(DemoOrganization.Finance.Id.ToString(), response.PersonIds);
    }

    [Fact]
    public async Task GetUnitMembers_Jiangsu_IsEveryoneInTheProvinceAndItsCities_AnUnknownUnitIsNotFound()
    {
        var response = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.GetUnitMembers, null, new CallOptions(),
            new GetUnitMembersRequest { UnitId = DemoOrganization.Jiangsu.Id.ToString() });
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.GetUnitMembers, null,
            new CallOptions(), new GetUnitMembersRequest { UnitId = Guid.NewGuid().ToString() }));

        Assert.Contains(DemoOrganization.ProvinceManager.Id.ToString(), response.PersonIds);
        Assert.Contains(DemoOrganization.Rep.Id.ToString(), response.PersonIds);
        Assert.DoesNotContain(DemoOrganization.RegionManager.Id.ToString(), response.PersonIds);
        Assert.DoesNotContain(DemoOrganization.Finance.Id.ToString(), response.PersonIds);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task GetRoleMembers_Finance_IsTheFinancePeople_NotTheReps()
    {
        var finance = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.GetRoleMembers, null, new CallOptions(), new GetRoleMembersRequest { Role = Roles.Finance });

        Assert.Contains(DemoOrganization.Finance.Id.ToString(), finance.PersonIds);
        Assert.DoesNotContain(DemoOrganization.Rep.Id.ToString(), finance.PersonIds);
    }

    [Fact]
    public async Task GetCoverage_ProvinceManager_ReturnsTheTerritoriesOfTheTeam_FinanceNone()
    {
        var manager = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.GetCoverage, null, new CallOptions(),
            new GetCoverageRequest { PersonId = DemoOrganization.ProvinceManager.Id.ToString() });
        var finance = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.GetCoverage, null, new CallOptions(),
            new GetCoverageRequest { PersonId = DemoOrganization.Finance.Id.ToString() });

        Assert.Contains(manager.Areas, a => a.Region == DemoOrganization.EastChina.Place && a.Province == DemoOrganization.Jiangsu.Place
            && a.City == DemoOrganization.Suzhou.Place);
        Assert.Empty(finance.Areas);
    }

    [Fact]
    public async Task PostUnit_WithNulInName_Returns400NamingName()
    {
        using var response = await app.Admin().PostAsJsonAsync("/api/performance/units",
            new { name = "Bad\0unit", level = "city", parentId = DemoOrganization.Jiangsu.Id });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"name\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPerson_Rep_ReturnsRoleUnitPathManagerAndSpecialty()
    {
        var person = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.GetPerson, null, new CallOptions(),
            new GetPersonRequest { PersonId = DemoOrganization.Rep.Id.ToString() });

        Assert.Equal(Roles.Rep, person.Role);
        Assert.Equal("company/华东大区/江苏省区/苏州办事处", person.UnitPath);
        Assert.Equal(DemoOrganization.CitySupervisor.Id.ToString(), person.ManagerId);
        Assert.Equal("new-business", person.Specialty);
        Assert.True(person.Active);
    }

    [Fact]
    public async Task GetPerson_UnknownOrMalformedId_NotFoundOrInvalidArgument()
    {
        var invoker = app.Grpc();

        var missing = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(TeamPerformanceApp.GetPerson, null,
            new CallOptions(), new GetPersonRequest { PersonId = Guid.NewGuid().ToString() }));
        var malformed = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(TeamPerformanceApp.GetPerson, null,
            new CallOptions(), new GetPersonRequest { PersonId = "nope" }));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }

    [Fact]
    public async Task GetSubtree_ManagerOfTenThousand_ReturnsEveryoneThroughTheIndexedPath()
    {
        var admin = app.Admin();
        var boss = await CreatePersonAsync(admin, Roles.RegionManager, null, "North", []);
        await app.WithDbAsync(async db =>
        {
            var path = await db.People.Where(p => p.Id == boss).Select(p => p.Path).FirstAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                WITH g AS (SELECT gen_random_uuid() AS id, i FROM generate_series(1, 10000) AS i)
                INSERT INTO people (id, name, email, role, specialty, unit_id, manager_id, path, capacity, open_leads, active, industries)
                SELECT id, 'Bulk ' || i, 'bulk' || i || '@load.test', 'rep', NULL, {DemoOrganization.Suzhou.Id}, {boss},
                       {path} || replace(id::text, '-', '') || '/', 10, 0, true, ARRAY[]::text[]
                FROM g
                """);
            await db.Database.ExecuteSqlRawAsync("ANALYZE people");
        });
        var response = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.GetSubtree, null, new CallOptions(),
            new GetSubtreeRequest { PersonId = boss.ToString() });

        // Speed is for bench/, not a timed assertion: here the plan must use the path index.
        Assert.Equal(10_001, response.PersonIds.Count);
        var plan = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "EXPLAIN SELECT id FROM people WHERE path LIKE '/abc%'").ToListAsync());
        Assert.Contains(plan, line => line.Contains("IX_people_path", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seed_RunAgain_ChangesNothing()
    {
        var before = await app.WithDbAsync(db => db.People.CountAsync(p => p.Email.EndsWith("@demo")));

        await app.WithDbAsync(db => Seeder.SeedDemoAsync(db, CancellationToken.None));

        Assert.Equal(DemoOrganization.People.Count, before);
        Assert.Equal(before, await app.WithDbAsync(db => db.People.CountAsync(p => p.Email.EndsWith("@demo"))));
    }

    [Fact]
    public async Task Seed_TwoReplicasAtOnceOnAnEmptyDatabase_SeedOnceWithoutErrors()
    {
        var connection = await app.Infrastructure.CreateDatabaseAsync("tpseed");
        var options = new DbContextOptionsBuilder<TeamPerformanceDbContext>().UseNpgsql(connection).Options;
        await using (var migrate = new TeamPerformanceDbContext(options))
        {
            await migrate.Database.MigrateAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var db = new TeamPerformanceDbContext(options);
            await Seeder.SeedAsync(db, CancellationToken.None);
        }));

        await using var check = new TeamPerformanceDbContext(options);
        Assert.Equal(DemoOrganization.People.Count, await check.People.CountAsync());
        Assert.Equal(DemoOrganization.Units.Count, await check.Units.CountAsync());
    }

    [Fact]
    public async Task CreatePerson_WithoutCapacity_RepGetsThePolicyDefault_OthersZero_AndCapacityZeroGetsNoLeads()
    {
        var admin = app.Admin();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rep = await TeamPerformanceApp.ReadAsync<PersonDto>(await admin.PostAsJsonAsync("/api/performance/people",
            new CreatePersonRequest(null, "周敏", $"zhou.{tag}@demo.cn", Roles.Rep, DemoOrganization.Suzhou.Id, DemoOrganization.CitySupervisor.Id,
                "new-business", null, [new TerritoryDto("East China", "Jiangsu", "Changzhou")], ["energy"])));
        var onLeave = await TeamPerformanceApp.ReadAsync<PersonDto>(await admin.PostAsJsonAsync("/api/performance/people",
            new CreatePersonRequest(null, "孙婷", $"sun.{tag}@demo.cn", Roles.Rep, DemoOrganization.Suzhou.Id, DemoOrganization.CitySupervisor.Id,
                "new-business", 0, [new TerritoryDto("East China", "Jiangsu", "Changzhou")], ["energy"])));
        var supervisor = await TeamPerformanceApp.ReadAsync<PersonDto>(await admin.PostAsJsonAsync("/api/performance/people",
            new CreatePersonRequest(null, "钱伟", $"qian.{tag}@demo.cn", Roles.CitySupervisor, DemoOrganization.Suzhou.Id, null, null, null, null, null)));

        var found = await new SalesPlatform.Protos.TeamPerformance.TeamPerformance.TeamPerformanceClient(app.Grpc())
            .FindAssigneesAsync(new FindAssigneesRequest { Region = "East China", City = "Changzhou", Industry = "energy" });

        Assert.Equal(AssigneeSearchPolicy.Default.DefaultRepCapacity, rep.Capacity);
        Assert.Equal(0, onLeave.Capacity);
        Assert.Equal(0, supervisor.Capacity);
        Assert.Contains(found.Assignees, a => a.PersonId == rep.Id.ToString());
        Assert.DoesNotContain(found.Assignees, a => a.PersonId == onLeave.Id.ToString());
    }

    [Fact]
    public async Task OpenApi_ScopedReads_List404And503AsProblemDetails()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await app.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var person = document.RootElement.GetProperty("paths").GetProperty("/api/performance/people/{id}").GetProperty("get").GetProperty("responses");
        var policy = document.RootElement.GetProperty("paths").GetProperty("/api/performance/policies/commission").GetProperty("put").GetProperty("responses");

        Assert.All(new[] { "400", "401", "403", "404", "503" },
            status => Assert.True(person.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status));
        Assert.All(new[] { "400", "403", "409", "422" }, status => Assert.True(policy.TryGetProperty(status, out _), status));
    }

    [Fact]
    public async Task Migration_ToTheSharedPolicyStore_CarriesOverWhatAdminsHadChanged()
    {
        var connection = await app.Infrastructure.CreateDatabaseAsync("tppolicymove");
        var options = new DbContextOptionsBuilder<TeamPerformanceDbContext>().UseNpgsql(connection).Options;
        await using (var before = new TeamPerformanceDbContext(options))
        {
            await before.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261201104901_PolicyHistory");
            // Raw SQL: braces doubled (the JSON would read as format placeholders).
            await before.Database.ExecuteSqlRawAsync("""
                INSERT INTO policies (key, value, updated_at, updated_by) VALUES
                  ('improvement-plan.consecutive-periods', 3, now(), 'admin'),
                  ('improvement-plan.attainment-threshold', 0.75, now(), 'admin'),
                  ('assignment.default-max-results', 12, now(), 'admin'),
                  ('leaderboard.ttl-seconds', 90, now(), 'admin');
                INSERT INTO commission_plans (id, name, is_default, accelerator_rate, tiers) VALUES
                  ('5b0c7e0e-2d7a-4d5e-9a43-0c5f1f6b9a01', '标准销售提成', true, 0.09,
                   '[{{"FromAttainment": 0, "Rate": 0.02}}, {{"FromAttainment": 0.6, "Rate": 0.05}}]');
                INSERT INTO rebate_schedules (tier, brackets) VALUES
                  ('registered', '[{{"FromVolume": 0, "Rate": 0.01}}]'),
                  ('silver', '[{{"FromVolume": 0, "Rate": 0.015}}]'),
                  ('gold', '[{{"FromVolume": 0, "Rate": 0.02}}, {{"FromVolume": 2000000, "Rate": 0.035}}]'),
                  ('platinum', '[{{"FromVolume": 0, "Rate": 0.03}}]');
                """);
        }

        await using var db = new TeamPerformanceDbContext(options);
        await db.Database.MigrateAsync();

        var improvement = await PolicyStore.ReadAsync<SalesPlatform.TeamPerformance.Domain.ImprovementPlanPolicy>(db, CancellationToken.None);
        var commission = await PolicyStore.LoadAsync<SalesPlatform.TeamPerformance.Domain.CommissionPolicy>(db, CancellationToken.None);
        var rebates = await PolicyStore.LoadAsync<SalesPlatform.TeamPerformance.Domain.RebatePolicy>(db, CancellationToken.None);
        Assert.Equal(1, improvement.Version);
        Assert.Equal(new SalesPlatform.TeamPerformance.Domain.ImprovementPlanPolicy(3, 0.75m), improvement.Policy);
        Assert.Equal(12, (await PolicyStore.LoadAsync<SalesPlatform.TeamPerformance.Domain.AssigneeSearchPolicy>(db, CancellationToken.None)).DefaultResults);
        Assert.Equal(90, (await PolicyStore.LoadAsync<SalesPlatform.TeamPerformance.Domain.LeaderboardPolicy>(db, CancellationToken.None)).CacheSeconds);
        var plan = Assert.Single(commission.Plans);
        Assert.Equal(("标准销售提成", 0.09m, 0.6m, 0.05m), (plan.Name, plan.AcceleratorRate, plan.Tiers[1].FromAttainment, plan.Tiers[1].Rate));
        Assert.Equal(0.035m, rebates.For("gold")!.Brackets[1].Rate);
        Assert.Empty(commission.Validate());
        Assert.Empty(rebates.Validate());
    }

    [Theory]
    [InlineData(Roles.Rep, "rep", "rep", HttpStatusCode.OK)]
    [InlineData(Roles.Rep, "rep", "supervisor", HttpStatusCode.NotFound)]
    [InlineData(Roles.CitySupervisor, "supervisor", "rep", HttpStatusCode.OK)]
    [InlineData(Roles.ProvinceManager, "province", "finance", HttpStatusCode.NotFound)]
    [InlineData(Roles.Analyst, "analyst", "finance", HttpStatusCode.OK)]
    public async Task GetPerson_Scoping_ForbiddenReadsAre404(string role, string caller, string target, HttpStatusCode expected)
    {
        var ids = new Dictionary<string, Guid>
        {
            ["rep"] = DemoOrganization.Rep.Id,
            ["supervisor"] = DemoOrganization.CitySupervisor.Id,
            ["province"] = DemoOrganization.ProvinceManager.Id,
            ["finance"] = DemoOrganization.Finance.Id,
            ["analyst"] = DemoOrganization.Analyst.Id,
        };

        var response = await app.Client(role, ids[caller]).GetAsync($"/api/performance/people/{ids[target]}");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ListUnits_ProvinceManager_SeesOwnUnitAndBelowOnly()
    {
        var page = await TeamPerformanceApp.ReadAsync<ListPage<UnitDto>>(
            await app.Client(Roles.ProvinceManager, DemoOrganization.ProvinceManager.Id).GetAsync("/api/performance/units"));
        var asRep = await TeamPerformanceApp.ReadAsync<ListPage<UnitDto>>(
            await app.Client(Roles.Rep, DemoOrganization.Rep.Id).GetAsync("/api/performance/units"));
        var searched = await TeamPerformanceApp.ReadAsync<ListPage<UnitDto>>(
            await app.Client(Roles.ProvinceManager, DemoOrganization.ProvinceManager.Id).GetAsync($"/api/performance/units?q={Uri.EscapeDataString("苏州")}"));
        var units = page.Items;

        Assert.Equal(units.Count, page.Total);
        Assert.Equal([DemoOrganization.Suzhou.Id], searched.Items.Select(u => u.Id));
        Assert.Equal(1, searched.Total);
        Assert.Contains(units, u => u.Id == DemoOrganization.Jiangsu.Id);
        Assert.Contains(units, u => u.Id == DemoOrganization.Suzhou.Id);
        Assert.DoesNotContain(units, u => u.Id == DemoOrganization.EastChina.Id || u.Id == DemoOrganization.Company.Id);
        Assert.Empty(asRep.Items);
        Assert.Equal(0, asRep.Total);
    }

    [Fact]
    public async Task CreatePerson_AsRep_Is403_AndInvalidRoleIs400NamingTheField()
    {
        var asRep = await app.Client(Roles.Rep, DemoOrganization.Rep.Id).PostAsJsonAsync("/api/performance/people",
            new CreatePersonRequest(null, "X", "x@x", Roles.Rep, DemoOrganization.Suzhou.Id, null, null, 1, null, null));
        var invalid = await app.Admin().PostAsJsonAsync("/api/performance/people",
            new CreatePersonRequest(null, "X", "x2@x", "emperor", DemoOrganization.Suzhou.Id, null, null, 1, null, null));

        Assert.Equal(HttpStatusCode.Forbidden, asRep.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("role", await invalid.Content.ReadAsStringAsync());
    }

    private static Task<Guid> CreateRepAsync(HttpClient admin, string city, string[] industries) =>
        CreatePersonAsync(admin, Roles.Rep, DemoOrganization.CitySupervisor.Id, city, industries);

    private static async Task<Guid> CreatePersonAsync(HttpClient admin, string role, Guid? managerId, string city, string[] industries)
    {
        var email = $"{Guid.NewGuid():N}@test";
        var response = await admin.PostAsJsonAsync("/api/performance/people", new CreatePersonRequest(null, "Rep " + city, email, role,
            DemoOrganization.Suzhou.Id, managerId, role == Roles.Rep ? "new-business" : null, 10,
            [new TerritoryDto("East China", "Jiangsu", city)], industries));
        return (await TeamPerformanceApp.ReadAsync<PersonDto>(response)).Id;
    }
}
