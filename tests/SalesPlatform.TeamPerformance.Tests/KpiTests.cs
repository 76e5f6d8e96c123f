using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Events;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Events.Customers;
using SalesPlatform.Events.Leads;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.TeamPerformance.Endpoints;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests;

public class KpiTests(TeamPerformanceApp app) : IClassFixture<TeamPerformanceApp>
{
    private static readonly DateTimeOffset Nov = new(2026, 11, 12, 9, 0, 0, TimeSpan.Zero);
    private static Money Cny(decimal amount) => new(amount, "CNY");

    [Fact]
    public async Task Kpis_FromEveryEventKindOnTheBroker_MatchTheFormulas()
    {
        var rep = await NewRepAsync(DemoOrganization.Suzhou.Id);
        await AddTargetAsync(TargetMetrics.Revenue, 1_200_000m, personId: rep);      // 100,000 a month pro rata
        await AddTargetAsync(TargetMetrics.Collections, 600_000m, personId: rep);    // 50,000 a month

        var leads = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        foreach (var lead in leads)
        {
            await app.PublishAndWaitAsync(new LeadAssigned(lead, rep, null, "rule", "A", null, null) { OccurredAt = Nov });
        }

        await app.PublishAndWaitAsync(Converted(leads[0], rep));
        await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, Cny(60_000m), Nov, null));
        await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, Cny(20_000m), Nov, null));
        await app.PublishAndWaitAsync(new PaymentReceived(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, Cny(30_000m), Nov,
            Nov.AddDays(-40), Nov));
        await app.PublishAndWaitAsync(new PaymentReceived(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, Cny(10_000m), Nov,
            Nov.AddDays(-20), Nov));
        await app.PublishAndWaitAsync(new OpportunityWon(Guid.NewGuid(), Guid.NewGuid(), rep, Cny(60_000m), Nov.AddDays(-30), null, null, true)
            { OccurredAt = Nov });
        await app.PublishAndWaitAsync(new OpportunityWon(Guid.NewGuid(), Guid.NewGuid(), rep, Cny(20_000m), Nov.AddDays(-10), null, null, false)
            { OccurredAt = Nov });
        await app.PublishAndWaitAsync(new OpportunityLost(Guid.NewGuid(), Guid.NewGuid(), rep, Cny(5_000m), Nov, "price", "Acme", null)
            { OccurredAt = Nov });
        await app.PublishAndWaitAsync(new OpportunityLost(Guid.NewGuid(), Guid.NewGuid(), rep, Cny(5_000m), Nov, "timing", null, null)
            { OccurredAt = Nov });
        for (var i = 0; i < 3; i++)
        {
            await app.PublishAndWaitAsync(new LeadActivityLogged(leads[1], Guid.NewGuid(), rep, "visit", Nov));
        }

        foreach (var score in new[] { 10, 9, 7, 3 })
        {
            await app.PublishAndWaitAsync(new CustomerNpsRecorded(Guid.NewGuid(), Guid.NewGuid(), rep, score, "after-sales") { OccurredAt = Nov });
        }

        await app.PublishAndWaitAsync(new ReceivablesOverdueSnapshotted(rep, Cny(1_000m), Nov.AddDays(-1)));
        await app.PublishAndWaitAsync(new ReceivablesOverdueSnapshotted(rep, Cny(12_345.67m), Nov.AddDays(1)));
        await app.PublishAndWaitAsync(new ReceivablesOverdueSnapshotted(rep, Cny(999m), Nov)); // older than the latest: ignored
        var opportunity = Guid.NewGuid();
        await app.PublishAndWaitAsync(new OpportunityStageChanged(opportunity, rep, "solution-matching", Cny(100_000m), 0.5m) { OccurredAt = Nov });
        await app.PublishAndWaitAsync(new OpportunityStageChanged(opportunity, rep, "decision", Cny(250_000m), 0.7m) { OccurredAt = Nov.AddHours(1) });

        var kpis = (await GetKpisAsync(app.Client(Roles.Rep, rep), $"personId={rep}&period=2026-11")).Kpis;

        Assert.Equal(80_000m, kpis.Revenue);
        Assert.Equal(100_000m, kpis.RevenueTarget);
        Assert.Equal(0.8m, kpis.Attainment);
        Assert.Equal(40_000m, kpis.Collections);
        Assert.Equal(0.8m, kpis.CollectionsAttainment);
        Assert.Equal(1, kpis.NewCustomers);
        Assert.Equal(4, kpis.LeadsAssigned);
        Assert.Equal(0.25m, kpis.LeadConversionRate);
        Assert.Equal(40_000m, kpis.AverageDealSize);
        Assert.Equal(0.5m, kpis.WinRate);
        Assert.Equal(20m, kpis.SalesCycleDays);
        Assert.Equal(35m, kpis.CollectionCycleDays); // weighted by amount
        Assert.Equal(3, kpis.ActivityCount);
        Assert.Equal(250_000m, kpis.OpenPipeline);
        Assert.Equal(2.5m, kpis.PipelineCoverage);
        Assert.Equal(12_345.67m, kpis.OverdueReceivables);
        Assert.Equal(25m, kpis.Nps);

        var year = (await GetKpisAsync(app.Client(Roles.Rep, rep), $"period=2026")).Kpis;
        Assert.Equal(80_000m, year.Revenue);
        Assert.Equal(1_200_000m, year.RevenueTarget);
    }

    [Fact]
    public async Task PipelineCoverage_OfThePeriodAsked_CountsOnlyDealsExpectedToCloseInIt()
    {
        var rep = await NewRepAsync(DemoOrganization.Suzhou.Id);
        await AddTargetAsync(TargetMetrics.Revenue, 1_200_000m, personId: rep); // 100,000 a month, 300,000 a quarter
        await app.PublishAndWaitAsync(new OpportunityStageChanged(Guid.NewGuid(), rep, "decision-follow-up", Cny(150_000m), 0.7m,
            new DateOnly(2026, 11, 30)) { OccurredAt = Nov });
        await app.PublishAndWaitAsync(new OpportunityStageChanged(Guid.NewGuid(), rep, "solution-matching", Cny(300_000m), 0.5m,
            new DateOnly(2026, 12, 1)) { OccurredAt = Nov });

        var november = (await GetKpisAsync(app.Client(Roles.Rep, rep), "period=2026-11")).Kpis;
        var quarter = (await GetKpisAsync(app.Client(Roles.Rep, rep), "period=2026-Q4")).Kpis;

        Assert.Equal(1.5m, november.PipelineCoverage);  // 150,000 closing on 30 November / 100,000
        Assert.Equal(1.5m, quarter.PipelineCoverage);   // 450,000 closing in Q4 / 300,000
        Assert.Equal(450_000m, november.OpenPipeline);
    }

    [Fact]
    public async Task Revenue_InAnotherCurrency_CountsAtTheRateInForceOnItsDay()
    {
        var rep = await NewRepAsync(DemoOrganization.Suzhou.Id);
        var admin = app.Admin();
        var current = await TeamPerformanceApp.ReadAsync<PolicyDto<ExchangeRatePolicy>>(await admin.GetAsync("/api/performance/policies/exchange-rates"));
        var rates = new ExchangeRatePolicy([new("USD", new DateOnly(2026, 1, 1), 7.10m), new("USD", new DateOnly(2026, 11, 15), 7.20m)]);
        (await admin.PutAsJsonAsync($"/api/performance/policies/exchange-rates?version={current.Version}&reason={Uri.EscapeDataString("11 月中旬汇率")}", rates))
            .EnsureSuccessStatusCode();
        try
        {
            await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, new Money(10_000m, "USD"), Nov, null));
            await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, new Money(10_000m, "USD"),
                new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero), null));
            await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, new Money(1_000m, "GBP"), Nov, null));
            await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, Cny(60_000m), Nov, null));

            var kpis = (await GetKpisAsync(app.Client(Roles.Rep, rep), "period=2026-11")).Kpis;

            Assert.Equal(60_000m + 71_000m + 72_000m, kpis.Revenue); // GBP has no rate: left out
        }
        finally
        {
            var now = await TeamPerformanceApp.ReadAsync<PolicyDto<ExchangeRatePolicy>>(await admin.GetAsync("/api/performance/policies/exchange-rates"));
            (await admin.PutAsJsonAsync($"/api/performance/policies/exchange-rates?version={now.Version}", current.Policy)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task DuplicateEvents_DeliveredTwice_ChangeNothing()
    {
        var rep = await NewRepAsync(DemoOrganization.Suzhou.Id);
        var signed = new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, Cny(70_000m), Nov, null);
        var won = new OpportunityWon(Guid.NewGuid(), Guid.NewGuid(), rep, Cny(70_000m), Nov.AddDays(-5), null, null, true) { OccurredAt = Nov };
        var lead = new LeadAssigned(Guid.NewGuid(), rep, null, "rule", "A", null, null) { OccurredAt = Nov };
        await app.PublishAndWaitAsync(signed);
        await app.PublishAndWaitAsync(won);
        await app.PublishAndWaitAsync(lead);
        var client = app.Client(Roles.Rep, rep);
        var before = await GetKpisAsync(client, "period=2026-11");

        await app.PublishAndWaitAsync(signed);
        await app.PublishAndWaitAsync(won);
        await app.PublishAndWaitAsync(lead);

        var after = await GetKpisAsync(client, "period=2026-11");
        Assert.Equal(70_000m, after.Kpis.Revenue);
        Assert.Equal(before.Kpis, after.Kpis);
        Assert.Equal(3, await app.WithDbAsync(db => db.Facts.CountAsync(f => f.PersonId == rep)));
        Assert.Equal(1, await app.WithDbAsync(db => db.People.Where(p => p.Id == rep).Select(p => p.OpenLeads).FirstAsync()));
    }

    [Fact]
    public async Task LeadEvents_AssignReassignClose_MoveTheLoadOnce()
    {
        var first = await NewRepAsync(DemoOrganization.Suzhou.Id);
        var second = await NewRepAsync(DemoOrganization.Suzhou.Id);
        var lead = Guid.NewGuid();
        var other = Guid.NewGuid();

        await app.PublishAndWaitAsync(new LeadAssigned(lead, first, null, "rule", "A", null, null));
        await app.PublishAndWaitAsync(new LeadAssigned(other, first, null, "rule", "B", null, null));
        Assert.Equal((2, 0), await LoadsAsync(first, second));

        var reassigned = new LeadAssigned(lead, second, first, "manual: holiday", "A", null, null);
        await app.PublishAndWaitAsync(reassigned);
        await app.PublishAndWaitAsync(reassigned);
        Assert.Equal((1, 1), await LoadsAsync(first, second));

        var converted = Converted(lead, second);
        await app.PublishAndWaitAsync(converted);
        await app.PublishAndWaitAsync(converted);
        await app.PublishAndWaitAsync(new LeadDisqualified(other, first, "no budget", null));
        await app.PublishAndWaitAsync(new LeadRecycled(other, first, "again")); // already closed: no effect
        Assert.Equal((0, 0), await LoadsAsync(first, second));
    }

    [Fact]
    public async Task LeadEvents_ManyAtOnceOnSeveralQueues_LoseNoUpdate()
    {
        var rep = await NewRepAsync(DemoOrganization.Suzhou.Id);
        var leads = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(leads.Select(l => app.PublishAndWaitAsync(new LeadAssigned(l, rep, null, "rule", "B", null, null))));
        var (afterAssign, _) = await LoadsAsync(rep, rep);
        await Task.WhenAll(leads.Select((l, i) => i % 2 == 0
            ? app.PublishAndWaitAsync(Converted(l, rep))
            : app.PublishAndWaitAsync(new LeadDisqualified(l, rep, "no budget", null))));

        Assert.Equal(30, afterAssign);
        Assert.Equal((0, 0), await LoadsAsync(rep, rep));
    }

    [Fact]
    public async Task FindAssignees_LoadFromBrokerEvents_OrdersLeastLoadedFirst()
    {
        var busy = await NewRepAsync(DemoOrganization.Suzhou.Id);
        var idle = await NewRepAsync(DemoOrganization.Suzhou.Id);
        var supervisor = app.Client(Roles.CitySupervisor, DemoOrganization.CitySupervisor.Id);
        foreach (var rep in new[] { busy, idle })
        {
            var response = await supervisor.PutAsJsonAsync($"/api/performance/people/{rep}/coverage",
                new CoverageRequest(5, [new TerritoryDto("East China", "Jiangsu", "Kunshan")], ["Manufacturing"]));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await app.PublishAndWaitAsync(new LeadAssigned(Guid.NewGuid(), busy, null, "rule", "A", null, null));
        await app.PublishAndWaitAsync(new LeadAssigned(Guid.NewGuid(), busy, null, "rule", "A", null, null));
        var found = await app.Grpc().AsyncUnaryCall(TeamPerformanceApp.FindAssignees, null, new global::Grpc.Core.CallOptions(),
            new Protos.TeamPerformance.FindAssigneesRequest { Region = "East China", Province = "Jiangsu", City = "Kunshan", Industry = "manufacturing" });
        var notMine = await app.Client(Roles.CitySupervisor, Guid.NewGuid()).PutAsJsonAsync($"/api/performance/people/{busy}/coverage",
            new CoverageRequest(5, [], []));

        Assert.Equal([idle.ToString(), busy.ToString()], found.Assignees.Select(a => a.PersonId));
        Assert.Equal([0, 2], found.Assignees.Select(a => a.OpenLeads));
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
    }

    [Fact]
    public async Task UnitKpis_RollUpEveryoneBelowTheUnit()
    {
        var nanjing = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            var jiangsu = await db.Units.FirstAsync(u => u.Id == DemoOrganization.Jiangsu.Id);
            db.Units.Add(OrgUnit.Create(nanjing, "Nanjing", "city", jiangsu));
            await db.SaveChangesAsync();
        });
        var a = await NewRepAsync(nanjing);
        var b = await NewRepAsync(nanjing);
        await AddTargetAsync(TargetMetrics.Revenue, 960_000m, unitId: nanjing); // 80,000 a month
        await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), a, Cny(10_000m), Nov, null));
        await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), b, Cny(30_000m), Nov, null));
        await app.PublishAndWaitAsync(new OpportunityWon(Guid.NewGuid(), Guid.NewGuid(), a, Cny(10_000m), Nov, null, null, false) { OccurredAt = Nov });
        await app.PublishAndWaitAsync(new OpportunityLost(Guid.NewGuid(), Guid.NewGuid(), b, Cny(1m), Nov, "price", null, null) { OccurredAt = Nov });

        var director = app.Client(Roles.SalesDirector, DemoOrganization.Director.Id);
        var unit = (await GetKpisAsync(director, $"unitId={nanjing}&period=2026-11")).Kpis;
        var quarter = (await GetKpisAsync(director, $"unitId={nanjing}&period=2026-Q4")).Kpis;
        var province = (await GetKpisAsync(director, $"unitId={DemoOrganization.Jiangsu.Id}&period=2026")).Kpis;

        Assert.Equal(40_000m, unit.Revenue);
        Assert.Equal(0.5m, unit.Attainment);
        Assert.Equal(0.5m, unit.WinRate);
        Assert.Equal(240_000m, quarter.RevenueTarget);
        Assert.True(province.Revenue >= 40_000m);
    }

    [Fact]
    public async Task Kpis_Scoping_ForbiddenReadsAre404()
    {
        var rep = await NewRepAsync(DemoOrganization.Suzhou.Id);

        var otherRep = await app.Client(Roles.Rep, DemoOrganization.Rep.Id).GetAsync($"/api/performance/kpis?personId={rep}&period=2026-11");
        var unitAsRep = await app.Client(Roles.Rep, rep).GetAsync($"/api/performance/kpis?unitId={DemoOrganization.Suzhou.Id}&period=2026-11");
        var supervisor = await app.Client(Roles.CitySupervisor, DemoOrganization.CitySupervisor.Id)
            .GetAsync($"/api/performance/kpis?personId={rep}&period=2026-11");
        var otherBranch = await app.Client(Roles.CitySupervisor, Guid.NewGuid())
            .GetAsync($"/api/performance/kpis?personId={rep}&period=2026-11");
        var badPeriod = await app.Client(Roles.Rep, rep).GetAsync("/api/performance/kpis?period=2026-13");

        Assert.Equal(HttpStatusCode.NotFound, otherRep.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unitAsRep.StatusCode);
        Assert.Equal(HttpStatusCode.OK, supervisor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherBranch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("period", await badPeriod.Content.ReadAsStringAsync());
    }

    private static LeadConverted Converted(Guid lead, Guid owner) => new(lead, owner, null, "web-form", null, "Acme", "manufacturing", null,
        "East China", "Jiangsu", "Suzhou", "Li Lei", null, null, null, null, "Acme deal", null, Nov.AddDays(-20)) { OccurredAt = Nov };

    private async Task<(int, int)> LoadsAsync(Guid first, Guid second)
    {
        var loads = await app.WithDbAsync(db => db.People.AsNoTracking().Where(p => p.Id == first || p.Id == second)
            .ToDictionaryAsync(p => p.Id, p => p.OpenLeads));
        return (loads[first], loads[second]);
    }

    private async Task<Guid> NewRepAsync(Guid unitId)
    {
        var id = Guid.CreateVersion7();
        await app.WithDbAsync(async db =>
        {
            var supervisor = await db.People.FirstAsync(p => p.Id == DemoOrganization.CitySupervisor.Id);
            db.People.Add(Person.Create(id, "Rep " + id, $"{id:N}@test", Roles.Rep, unitId, supervisor, "new-business", 20));
            await db.SaveChangesAsync();
        });
        return id;
    }

    private Task AddTargetAsync(string metric, decimal amount, Guid? personId = null, Guid? unitId = null) => app.WithDbAsync(async db =>
    {
        db.Targets.Add(Target.CreateAnnual(metric, 2026, unitId, personId, null, null, amount, "CNY", "test target", "events", null, null,
            null, "test", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    });

    private static async Task<KpiResponse> GetKpisAsync(HttpClient client, string query) =>
        await TeamPerformanceApp.ReadAsync<KpiResponse>(await client.GetAsync($"/api/performance/kpis?{query}"));
}
