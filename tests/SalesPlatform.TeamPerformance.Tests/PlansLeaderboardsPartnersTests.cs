using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Events;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Events.Customers;
using SalesPlatform.Events.Leads;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Events.TeamPerformance;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.TeamPerformance.Endpoints;
using SalesPlatform.Testing;
using StackExchange.Redis;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests;

public class PlansLeaderboardsPartnersTests(TeamPerformanceApp app) : IClassFixture<TeamPerformanceApp>
{
    private static readonly DateTimeOffset Oct = new(2026, 10, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Nov = new(2026, 11, 5, 10, 0, 0, TimeSpan.Zero);
    private static Money Cny(decimal amount) => new(amount, "CNY");

    [Fact]
    public async Task Evaluate_TwoMonthsTargetMissed_OpensOnePlanWithQuadrantActionsAndReviewDate_VisibleToTheManager()
    {
        var low = await NewRepAsync(DemoOrganization.Suzhou.Id);
        var edge = await NewRepAsync(DemoOrganization.Suzhou.Id);
        foreach (var rep in new[] { low, edge })
        {
            await AddMonthlyTargetsAsync(rep, 100_000m);
        }

        await SignAsync(low, 99_990m, Oct);     // 99.99%: the target missed
        await SignAsync(low, 50_000m, Nov);     // 50%
        await SignAsync(edge, 100_000m, Oct);   // exactly 100%: not missed
        await SignAsync(edge, 10_000m, Nov);

        var opened = await EvaluateAsync("2026-11");
        var again = await EvaluateAsync("2026-11");

        var plan = Assert.Single(opened, p => p.PersonId == low || p.PersonId == edge);
        Assert.Equal(low, plan.PersonId);
        Assert.Equal(DemoOrganization.CitySupervisor.Id, plan.ManagerId);
        Assert.Contains("99.99", plan.Reason);
        Assert.Contains(plan.Quadrant, new[] { "ability", "willingness", "ability-and-willingness", "circumstances" });
        Assert.NotEmpty(plan.Actions);
        Assert.Equal(plan.OpenedAt.AddDays(30), plan.ReviewAt);
        Assert.DoesNotContain(again, p => p.PersonId == low);

        var supervisor = await TeamPerformanceApp.ReadAsync<ListPage<ImprovementPlanDto>>(
            await app.Client(Roles.CitySupervisor, DemoOrganization.CitySupervisor.Id).GetAsync("/api/performance/improvement-plans"));
        var stranger = await TeamPerformanceApp.ReadAsync<ListPage<ImprovementPlanDto>>(
            await app.Client(Roles.CitySupervisor, Guid.NewGuid()).GetAsync("/api/performance/improvement-plans"));
        Assert.Contains(supervisor.Items, p => p.Id == plan.Id);
        Assert.Equal(supervisor.Items.Count, supervisor.Total);
        Assert.DoesNotContain(stranger.Items, p => p.Id == plan.Id);
        Assert.Equal(0, stranger.Total);

        await Eventually.UntilAsync(async () =>
            {
                var sent = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
                    .Where(m => m.Type == typeof(ImprovementPlanOpened).FullName && m.SentAt != null).ToListAsync());
                return sent.Any(m => m.Payload.Contains(plan.Id.ToString(), StringComparison.Ordinal));
            },
            TimeSpan.FromSeconds(15), "ImprovementPlanOpened relayed from the outbox to the broker");
    }

    [Fact]
    public async Task Leaderboard_RedisFlushed_RebuiltFromPostgresInTheSameOrder()
    {
        var changzhou = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.Units.Add(OrgUnit.Create(changzhou, "Changzhou", "city", await db.Units.FirstAsync(u => u.Id == DemoOrganization.Jiangsu.Id)));
            await db.SaveChangesAsync();
        });
        var first = await NewRepAsync(changzhou);
        var third = await NewRepAsync(changzhou);
        var second = await NewRepAsync(changzhou);
        await SignAsync(first, 30_000m, Nov);
        await SignAsync(second, 20_000m, Nov);
        await SignAsync(third, 10_000m, Nov);
        var director = app.Client(Roles.SalesDirector, DemoOrganization.Director.Id);
        var url = $"/api/performance/leaderboards?unitId={changzhou}&period=2026-11&metric=revenue";

        var cached = await TeamPerformanceApp.ReadAsync<LeaderboardResponse>(await director.GetAsync(url));
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(app.Redis + ",allowAdmin=true"))
        {
            var database = admin.GetDatabase();
            Assert.True(await database.KeyExistsAsync(Leaderboard.Key("revenue", changzhou, "2026-11")));
            await admin.GetServer(admin.GetEndPoints()[0]).FlushDatabaseAsync(database.Database);
        }

        var rebuilt = await TeamPerformanceApp.ReadAsync<LeaderboardResponse>(await director.GetAsync(url));

        Assert.Equal([first, second, third], cached.Entries.Select(e => e.PersonId));
        Assert.Equal(cached.Entries, rebuilt.Entries);
        Assert.Equal(30_000m, rebuilt.Entries[0].Score);

        await SignAsync(third, 50_000m, Nov); // a new fact drops the cached board
        var updated = await TeamPerformanceApp.ReadAsync<LeaderboardResponse>(await director.GetAsync(url));
        Assert.Equal(third, updated.Entries[0].PersonId);
    }

    [Fact]
    public async Task Partner_SourcedLeadsAndDeals_ChannelKpisAndTieredRebate()
    {
        var partner = await TeamPerformanceApp.ReadAsync<PartnerDto>(await app.Admin().PostAsJsonAsync("/api/performance/partners",
            new SavePartnerRequest(null, "Wuxi Agents Ltd", "agent", "gold", "East China", "Jiangsu", "Wuxi", DemoOrganization.ProvinceManager.Id)));
        var rep = await NewRepAsync(DemoOrganization.Suzhou.Id);
        var customer = Guid.NewGuid();
        var leads = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var lead in leads)
        {
            await app.PublishAndWaitAsync(new LeadAssigned(lead, rep, null, "rule", "A", null, partner.Id) { OccurredAt = Nov });
        }

        await app.PublishAndWaitAsync(new LeadConverted(leads[0], rep, partner.Id, "partner-referral", null, "Acme", "manufacturing", null,
            "East China", "Jiangsu", "Wuxi", "Han Mei", null, null, null, null, "Acme line", null, Oct) { OccurredAt = Nov });
        await app.PublishAndWaitAsync(new OpportunityWon(Guid.NewGuid(), customer, rep, Cny(1_000_000.50m), Oct, partner.Id, leads[0], true)
            { OccurredAt = Nov });
        await app.PublishAndWaitAsync(new OpportunityLost(Guid.NewGuid(), Guid.NewGuid(), rep, Cny(5m), Oct, "price", null, partner.Id)
            { OccurredAt = Nov });
        await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), customer, rep, Cny(1_000_000.50m), Nov, partner.Id));
        await app.PublishAndWaitAsync(new CustomerNpsRecorded(Guid.NewGuid(), customer, rep, 10, "delivery-acceptance") { OccurredAt = Nov });
        await app.PublishAndWaitAsync(new CustomerNpsRecorded(Guid.NewGuid(), Guid.NewGuid(), rep, 0, "general") { OccurredAt = Nov });
        var director = app.Client(Roles.SalesDirector, DemoOrganization.Director.Id);
        await director.PostAsJsonAsync("/api/performance/targets", new Dictionary<string, object?>
        {
            ["metric"] = "revenue", ["year"] = 2026, ["partnerId"] = partner.Id, ["amount"] = 24_000_000m, ["currency"] = "CNY",
            ["specific"] = "Partner-sourced revenue", ["measure"] = "Signed contracts with the partner id",
        });

        var kpis = await TeamPerformanceApp.ReadAsync<ChannelKpis>(await director.GetAsync($"/api/performance/partners/{partner.Id}/kpis?period=2026-11"));
        var rebate = await TeamPerformanceApp.ReadAsync<RebateStatement>(
            await app.Client(Roles.Partner, partnerId: partner.Id).GetAsync($"/api/performance/partners/{partner.Id}/rebates?period=2026-11"));
        var otherPartner = await app.Client(Roles.Partner, partnerId: Guid.NewGuid()).GetAsync($"/api/performance/partners/{partner.Id}/kpis?period=2026-11");

        Assert.Equal(1_000_000.50m, kpis.Revenue);
        Assert.Equal(2_000_000m, kpis.RevenueTarget);
        Assert.Equal(0.5m, kpis.Attainment);
        Assert.Equal(2, kpis.LeadsSourced);
        Assert.Equal(0.5m, kpis.ConversionRate);
        Assert.Equal(0.5m, kpis.WinRate);
        Assert.Equal(100m, kpis.Nps); // only the partner's customer counts
        Assert.Equal("gold", rebate.Tier);
        Assert.Equal(20_000.02m, rebate.Total); // 1,000,000 at 2% + 0.50 at 3%
        Assert.Equal(HttpStatusCode.NotFound, otherPartner.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Finance, HttpStatusCode.OK)]
    [InlineData(Roles.SalesDirector, HttpStatusCode.OK)]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    [InlineData(Roles.Rep, HttpStatusCode.NotFound)]
    [InlineData(Roles.RegionManager, HttpStatusCode.NotFound)]
    [InlineData(Roles.Legal, HttpStatusCode.NotFound)]
    [InlineData(Roles.Analyst, HttpStatusCode.NotFound)]
    public async Task GetRebate_ByRole_OnlyRebateReadersSeeIt(string role, HttpStatusCode expected)
    {
        var partner = await TeamPerformanceApp.ReadAsync<PartnerDto>(await app.Admin().PostAsJsonAsync("/api/performance/partners",
            new SavePartnerRequest(null, $"Rebate Partner {Guid.NewGuid():N}", "agent", "gold", "East China", "Jiangsu", "Wuxi",
                DemoOrganization.ProvinceManager.Id)));

        using var response = await app.Client(role, Guid.NewGuid()).GetAsync($"/api/performance/partners/{partner.Id}/rebates?period=2026-11");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task GetRebate_ByItsChannelManagerAndItself_IsOk_ByAnotherManagerOrPartner_Is404()
    {
        var partner = await TeamPerformanceApp.ReadAsync<PartnerDto>(await app.Admin().PostAsJsonAsync("/api/performance/partners",
            new SavePartnerRequest(null, $"Rebate Partner {Guid.NewGuid():N}", "agent", "gold", "East China", "Jiangsu", "Wuxi",
                DemoOrganization.ProvinceManager.Id)));
        var path = $"/api/performance/partners/{partner.Id}/rebates?period=2026-11";

        using var channelManager = await app.Client(Roles.ProvinceManager, DemoOrganization.ProvinceManager.Id).GetAsync(path);
        using var itself = await app.Client(Roles.Partner, partnerId: partner.Id).GetAsync(path);
        using var otherManager = await app.Client(Roles.RegionManager, DemoOrganization.RegionManager.Id).GetAsync(path);
        using var otherPartner = await app.Client(Roles.Partner, partnerId: Guid.NewGuid()).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, channelManager.StatusCode);
        Assert.Equal(HttpStatusCode.OK, itself.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherManager.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPartner.StatusCode);
    }

    [Fact]
    public async Task PolicyChange_ShowsInItsHistoryWithWhoAndWhy_AndThePreviousValueCanBeRead()
    {
        var admin = app.Client(Roles.Admin, DemoOrganization.Admin.Id, name: "Adam Lin");
        (await admin.PutAsJsonAsync($"/api/performance/policies/assignee-search?reason={Uri.EscapeDataString("华东团队扩编")}",
            new AssigneeSearchPolicy(25, 100))).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/performance/policies/assignee-search?reason=back&version=1", new AssigneeSearchPolicy(30, 100)))
            .EnsureSuccessStatusCode();
        var stale = await admin.PutAsJsonAsync("/api/performance/policies/assignee-search?version=1", new AssigneeSearchPolicy(40, 100));

        var history = await TeamPerformanceApp.ReadAsync<ListPage<PolicyRevisionDto>>(
            await app.Client(Roles.Rep, DemoOrganization.Rep.Id).GetAsync("/api/performance/policies/assignee-search/history"));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(3, history.Total);
        Assert.Equal([2, 1, 0], history.Items.Select(r => r.Version));
        Assert.Equal(30, history.Items[0].Value.GetProperty("defaultResults").GetInt32());
        Assert.Equal("back", history.Items[0].Reason);
        Assert.Equal("华东团队扩编", history.Items[1].Reason);
        Assert.Equal("Adam Lin", history.Items[1].ChangedBy);
        Assert.Equal(25, history.Items[1].Value.GetProperty("defaultResults").GetInt32());
        Assert.Equal(AssigneeSearchPolicy.Default.DefaultResults, history.Items[2].Value.GetProperty("defaultResults").GetInt32());
    }

    [Fact]
    public async Task Policies_ReadByStaff_ChangedOnlyByAdmin_ValidatedNamingTheField()
    {
        var rep = app.Client(Roles.Rep, DemoOrganization.Rep.Id);
        var improvement = await TeamPerformanceApp.ReadAsync<PolicyDto<ImprovementPlanPolicy>>(
            await rep.GetAsync("/api/performance/policies/improvement-plan"));

        var asRep = await rep.PutAsJsonAsync("/api/performance/policies/leaderboard", new LeaderboardPolicy(30));
        var invalid = await app.Admin().PutAsJsonAsync("/api/performance/policies/leaderboard", new LeaderboardPolicy(0));
        var unknown = await app.Admin().PutAsJsonAsync("/api/performance/policies/no.such.policy", new LeaderboardPolicy(1));
        var changed = await TeamPerformanceApp.ReadAsync<PolicyDto<LeaderboardPolicy>>(
            await app.Admin().PutAsJsonAsync("/api/performance/policies/leaderboard", new LeaderboardPolicy(120)));
        var schedules = await TeamPerformanceApp.ReadAsync<List<RebateScheduleDto>>(await rep.GetAsync("/api/performance/rebate-schedules"));
        var rebates = await TeamPerformanceApp.ReadAsync<PolicyDto<RebatePolicy>>(await rep.GetAsync("/api/performance/policies/rebates"));
        var badSchedule = await app.Admin().PutAsJsonAsync("/api/performance/policies/rebates",
            rebates.Policy with { Schedules = [.. rebates.Policy.Schedules.Select(s => s.Tier == "silver" ? s with { Brackets = [new RebateBracket(100, 0.01m)] } : s)] });

        Assert.Equal(1.00m, improvement.Policy.AttainmentThreshold);
        Assert.Equal(2, improvement.Policy.ConsecutivePeriods);
        Assert.Equal(HttpStatusCode.Forbidden, asRep.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("cacheSeconds", await invalid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(120, changed.Policy.CacheSeconds);
        Assert.Equal(["registered", "silver", "gold", "platinum"], schedules.Select(s => s.Tier));
        Assert.Equal(HttpStatusCode.BadRequest, badSchedule.StatusCode);
        Assert.Contains("schedules[1].brackets", await badSchedule.Content.ReadAsStringAsync());
    }

    private async Task<List<ImprovementPlanDto>> EvaluateAsync(string period) =>
        await TeamPerformanceApp.ReadAsync<List<ImprovementPlanDto>>(
            await app.Admin().PostAsync($"/api/performance/improvement-plans/evaluate?period={period}", null));

    private Task SignAsync(Guid rep, decimal amount, DateTimeOffset at) => app.PublishAndWaitAsync(
        new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, Cny(amount), at, null));

    private Task AddMonthlyTargetsAsync(Guid rep, decimal perMonth) => app.WithDbAsync(async db =>
    {
        var annual = Target.CreateAnnual(TargetMetrics.Revenue, 2026, null, rep, null, null, perMonth * 12, "CNY", "revenue", "signed", null,
            null, null, "test", DateTimeOffset.UtcNow);
        db.Targets.Add(annual);
        db.Targets.AddRange(Enumerable.Range(1, 12).Select(m => annual.Child(null, null, null, null, m, 1, perMonth, "test", DateTimeOffset.UtcNow)));
        await db.SaveChangesAsync();
    });

    private async Task<Guid> NewRepAsync(Guid unitId)
    {
        var id = Guid.CreateVersion7();
        await app.WithDbAsync(async db =>
        {
            var supervisor = await db.People.FirstAsync(p => p.Id == DemoOrganization.CitySupervisor.Id);
            db.People.Add(Person.Create(id, "Rep " + id.ToString()[..8], $"{id:N}@test", Roles.Rep, unitId, supervisor, "new-business", 20));
            await db.SaveChangesAsync();
        });
        return id;
    }
}
