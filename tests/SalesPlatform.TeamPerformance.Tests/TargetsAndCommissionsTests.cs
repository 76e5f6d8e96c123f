using System.Net;
using System.Net.Http.Json;
using SalesPlatform.Events;
using SalesPlatform.Events.Contracts;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.TeamPerformance.Endpoints;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests;

public class TargetsAndCommissionsTests(TeamPerformanceApp app) : IClassFixture<TeamPerformanceApp>
{
    private static readonly DateTimeOffset Nov = new(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);

    private HttpClient Director() => app.Client(Roles.SalesDirector, DemoOrganization.Director.Id);

    [Fact]
    public async Task Decompose_AnnualOverRegionsThenMonths_ChildrenSumExactlyAtEveryLevel()
    {
        var north = await CreateRegionAsync("North China");
        var south = await CreateRegionAsync("South China");
        var company = await CreateTargetAsync(Director(), new { unitId = DemoOrganization.Company.Id }, 10_000_000.01m);

        var regions = await DecomposeAsync(Director(), company.Id,
        [
            new TargetPart(DemoOrganization.EastChina.Id, null, null, null, null, 0.45m),
            new TargetPart(north, null, null, null, null, 0.35m),
            new TargetPart(south, null, null, null, null, 0.20m),
        ]);
        decimal[] seasonal = [6, 7, 8, 8, 8, 9, 8, 8, 9, 9, 10, 13];
        var months = await DecomposeAsync(Director(), regions[0].Id,
            [.. seasonal.Select((w, i) => new TargetPart(null, null, null, null, i + 1, w))]);

        Assert.Equal(10_000_000.01m, regions.Sum(r => r.Amount));
        Assert.Equal([4_500_000.01m, 3_500_000.00m, 2_000_000.00m], regions.Select(r => r.Amount));
        Assert.Equal(regions[0].Amount, months.Sum(m => m.Amount));
        Assert.All(months, m => Assert.Equal(DemoOrganization.EastChina.Id, m.UnitId));
        Assert.Equal(new DateOnly(2026, 11, 30), months[10].Deadline);
        Assert.Equal("Revenue from signed contracts", months[10].Specific);
    }

    [Fact]
    public async Task Adjust_MonthByRegionManager_KeepsOldValueReasonWho_AndParentsStaySums()
    {
        var target = await CreateTargetAsync(Director(), new { unitId = DemoOrganization.EastChina.Id }, 1_200_000m);
        var months = await DecomposeAsync(Director(), target.Id, [.. Enumerable.Range(1, 12).Select(m => new TargetPart(null, null, null, null, m, 1))]);
        var manager = app.Client(Roles.RegionManager, DemoOrganization.RegionManager.Id);

        var response = await manager.PutAsJsonAsync($"/api/performance/targets/{months[10].Id}",
            new AdjustTargetRequest(130_000m, "Monthly review: big tender in Suzhou"));
        var changed = await TeamPerformanceApp.ReadAsync<List<TargetDto>>(response);
        var parent = await TeamPerformanceApp.ReadAsync<TargetDto>(await manager.GetAsync($"/api/performance/targets/{target.Id}"));
        var month = await TeamPerformanceApp.ReadAsync<TargetDto>(await manager.GetAsync($"/api/performance/targets/{months[10].Id}"));

        Assert.Equal(2, changed.Count);
        Assert.Equal(1_230_000m, parent.Amount);
        var adjustment = Assert.Single(month.Adjustments);
        Assert.Equal(100_000m, adjustment.OldAmount);
        Assert.Equal(130_000m, adjustment.NewAmount);
        Assert.Equal("Monthly review: big tender in Suzhou", adjustment.Reason);
        Assert.Equal("Test region-manager", adjustment.AdjustedBy);
        Assert.Equal("child target adjusted: Monthly review: big tender in Suzhou", Assert.Single(parent.Adjustments).Reason);
    }

    [Fact]
    public async Task Decompose_ChildOutsideTheParentOrInsideASibling_Is400NamingTheChild()
    {
        var northChina = DemoOrganization.Units.First(u => u.Place == "North China").Id;
        var company = await CreateTargetAsync(Director(), new { unitId = DemoOrganization.Company.Id }, 1_000_000m);
        var jiangsu = await CreateTargetAsync(Director(), new { unitId = DemoOrganization.Jiangsu.Id }, 1_000_000m);
        var east = await CreateTargetAsync(Director(), new { unitId = DemoOrganization.EastChina.Id }, 1_000_000m);

        using var overlapping = await Director().PostAsJsonAsync($"/api/performance/targets/{company.Id}/decompose", new DecomposeRequest(
            [new TargetPart(DemoOrganization.EastChina.Id, null, null, null, null, 0.6m), new TargetPart(DemoOrganization.Suzhou.Id, null, null, null, null, 0.4m)]));
        using var outside = await Director().PostAsJsonAsync($"/api/performance/targets/{jiangsu.Id}/decompose", new DecomposeRequest(
            [new TargetPart(northChina, null, null, null, null, 1m)]));
        var inside = await DecomposeAsync(Director(), east.Id,
            [new TargetPart(DemoOrganization.Jiangsu.Id, null, null, null, null, 0.7m), new TargetPart(null, null, null, "售后服务", null, 0.3m)]);

        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        Assert.Contains("children[1]", await overlapping.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("children[0]", await outside.Content.ReadAsStringAsync());
        Assert.Equal([700_000m, 300_000m], inside.Select(c => c.Amount));
    }

    [Fact]
    public async Task Decompose_ByQuarterThenMonth_TargetsOfEachPeriodFollow_AndAMonthOutsideItsQuarterIsRefused()
    {
        var rep = await NewRepAsync();
        var annual = await CreateTargetAsync(Director(), new { personId = rep }, 1_200_000m);
        var quarters = await DecomposeAsync(Director(), annual.Id, [.. new[] { 1m, 1m, 1m, 2m }.Select((w, i) => new TargetPart(null, null, null, null, null, w, i + 1))]);
        using var wrongMonth = await Director().PostAsJsonAsync($"/api/performance/targets/{quarters[3].Id}/decompose",
            new DecomposeRequest([new TargetPart(null, null, null, null, 1, 1)]));
        var client = app.Client(Roles.Rep, rep);
        async Task<decimal?> TargetOf(string period) =>
            (await TeamPerformanceApp.ReadAsync<KpiResponse>(await client.GetAsync($"/api/performance/kpis?period={period}"))).Kpis.RevenueTarget;

        Assert.Equal([240_000m, 240_000m, 240_000m, 480_000m], quarters.Select(q => q.Amount));
        Assert.Equal([1, 2, 3, 4], quarters.Select(q => q.Quarter ?? 0));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongMonth.StatusCode);
        Assert.Equal(480_000m, await TargetOf("2026-Q4"));
        Assert.Equal(160_000m, await TargetOf("2026-11"));
        Assert.Equal(1_200_000m, await TargetOf("2026"));
    }

    [Fact]
    public async Task Adjust_Preview_ShowsTheEffectOnEveryParentWithoutSaving_AndAForeignCurrencyTargetIsRefused()
    {
        var target = await CreateTargetAsync(Director(), new { unitId = DemoOrganization.EastChina.Id }, 1_200_000m);
        var months = await DecomposeAsync(Director(), target.Id, [.. Enumerable.Range(1, 12).Select(m => new TargetPart(null, null, null, null, m, 1))]);

        var preview = await TeamPerformanceApp.ReadAsync<List<TargetDto>>(await Director().PutAsJsonAsync(
            $"/api/performance/targets/{months[0].Id}?preview=true", new AdjustTargetRequest(160_000m, "试算")));
        var parent = await TeamPerformanceApp.ReadAsync<TargetDto>(await Director().GetAsync($"/api/performance/targets/{target.Id}"));
        var body = Body(new { unitId = DemoOrganization.EastChina.Id }, 1m);
        body["currency"] = "USD";
        using var dollars = await Director().PostAsJsonAsync("/api/performance/targets", body);

        Assert.Equal([160_000m, 1_260_000m], preview.Select(t => t.Amount).Order());
        Assert.Equal(1_200_000m, parent.Amount);
        Assert.Empty(parent.Adjustments);
        Assert.Equal(HttpStatusCode.BadRequest, dollars.StatusCode);
        Assert.Contains("currency", await dollars.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Targets_BadRequests_AreRefusedWithTheField()
    {
        var target = await CreateTargetAsync(Director(), new { unitId = DemoOrganization.Jiangsu.Id }, 100m);
        await DecomposeAsync(Director(), target.Id, [new TargetPart(null, null, null, null, 1, 1)]);

        var again = await Director().PostAsJsonAsync($"/api/performance/targets/{target.Id}/decompose",
            new DecomposeRequest([new TargetPart(null, null, null, null, 2, 1)]));
        var zeroWeights = await Director().PostAsJsonAsync($"/api/performance/targets/{(await CreateTargetAsync(Director(),
            new { unitId = DemoOrganization.Jiangsu.Id }, 100m)).Id}/decompose", new DecomposeRequest([new TargetPart(null, null, null, null, 1, 0)]));
        var asRep = await app.Client(Roles.Rep, DemoOrganization.Rep.Id).PostAsJsonAsync("/api/performance/targets",
            Body(new { personId = DemoOrganization.Rep.Id }, 1m));
        var outsideSubtree = await app.Client(Roles.ProvinceManager, DemoOrganization.ProvinceManager.Id).PostAsJsonAsync(
            "/api/performance/targets", Body(new { unitId = DemoOrganization.Company.Id }, 1m));
        var noReason = await Director().PutAsJsonAsync($"/api/performance/targets/{target.Id}", new AdjustTargetRequest(5m, ""));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, zeroWeights.StatusCode);
        Assert.Contains("weight", await zeroWeights.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, asRep.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outsideSubtree.StatusCode);
        Assert.Contains("owner", await outsideSubtree.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CommissionStatement_At99_99_100_And100_01Percent_AcceleratorOnlyAbove100()
    {
        var rep = await NewRepAsync();
        var annual = await CreateTargetAsync(Director(), new { personId = rep }, 1_200_000m);
        await DecomposeAsync(Director(), annual.Id, [.. Enumerable.Range(1, 12).Select(m => new TargetPart(null, null, null, null, m, 1))]);
        var client = app.Client(Roles.Rep, rep);

        await SignAsync(rep, 99_990m);
        var below = await StatementAsync(client);
        await SignAsync(rep, 10m);
        var exactly = await StatementAsync(client);
        await SignAsync(rep, 10m);
        var above = await StatementAsync(client);

        Assert.Equal(0.9999m, below.Attainment);
        Assert.Equal(2_999.60m, below.Total);
        Assert.Equal(0m, below.Lines[^1].Amount);
        Assert.Equal(1m, exactly.Attainment);
        Assert.Equal(3_000.00m, exactly.Total);
        Assert.Equal(0m, exactly.Lines[^1].Base);
        Assert.Equal(1.0001m, above.Attainment);
        Assert.Equal(10m, above.Lines[^1].Base);
        Assert.Equal(0.80m, above.Lines[^1].Amount);
        Assert.Equal(3_000.80m, above.Total);
        Assert.All(above.Lines, l => Assert.False(string.IsNullOrWhiteSpace(l.Explanation)));
    }

    [Fact]
    public async Task CommissionPlan_ChangedInTheCommissionPolicyByAdminValidated_RepCannotChange()
    {
        var plans = await TeamPerformanceApp.ReadAsync<List<CommissionPlanDto>>(
            await app.Client(Roles.Rep, DemoOrganization.Rep.Id).GetAsync("/api/performance/commissions/plans"));
        var plan = Assert.Single(plans);
        var current = await TeamPerformanceApp.ReadAsync<PolicyDto<CommissionPolicy>>(
            await app.Admin().GetAsync("/api/performance/policies/commission"));

        var asRep = await app.Client(Roles.Rep, DemoOrganization.Rep.Id).PutAsJsonAsync("/api/performance/policies/commission", current.Policy);
        var invalid = await app.Admin().PutAsJsonAsync("/api/performance/policies/commission",
            new CommissionPolicy([current.Policy.Plans[0] with { Tiers = [new CommissionTier(0.2m, 0.02m)] }]));

        Assert.Equal(plan.Id, current.Policy.Plans[0].Id);
        Assert.Equal(HttpStatusCode.Forbidden, asRep.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("plans[0].tiers", await invalid.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CommissionStatement_PersonAssignedToACashPlan_PaysOnCollectionsAgainstTheCollectionsTarget()
    {
        var rep = await NewRepAsync();
        var body = Body(new { personId = rep }, 1_200_000m);
        body["metric"] = "collections";
        var annual = await TeamPerformanceApp.ReadAsync<TargetDto>(await Director().PostAsJsonAsync("/api/performance/targets", body));
        await DecomposeAsync(Director(), annual.Id, [.. Enumerable.Range(1, 12).Select(m => new TargetPart(null, null, null, null, m, 1))]);
        var current = await TeamPerformanceApp.ReadAsync<PolicyDto<CommissionPolicy>>(await app.Admin().GetAsync("/api/performance/policies/commission"));
        var cashPlan = new CommissionPlan(Guid.NewGuid(), "回款提成方案", false, [new CommissionTier(0m, 0.03m)], 0.05m, CommissionPlan.CollectedBasis);
        var withCash = current.Policy with { Plans = [.. current.Policy.Plans, cashPlan], Assignments = [new PlanAssignment(rep, cashPlan.Id)] };
        (await app.Admin().PutAsJsonAsync($"/api/performance/policies/commission?version={current.Version}&reason={Uri.EscapeDataString("回款型销售")}", withCash))
            .EnsureSuccessStatusCode();
        try
        {
            await SignAsync(rep, 200_000m); // signed value does not count on a cash plan
            await app.PublishAndWaitAsync(new PaymentReceived(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, new Money(50_000m, "CNY"), Nov, Nov, Nov));

            var statement = await StatementAsync(app.Client(Roles.Rep, rep));
            var plans = await TeamPerformanceApp.ReadAsync<List<CommissionPlanDto>>(
                await app.Client(Roles.Rep, rep).GetAsync("/api/performance/commissions/plans"));

            Assert.Equal(("回款提成方案", CommissionPlan.CollectedBasis), (statement.PlanName, statement.Basis));
            Assert.Equal((50_000m, 100_000m, 0.5m), (statement.Revenue, statement.Target, statement.Attainment));
            Assert.Equal(1_500m, statement.Total);
            Assert.Equal(CommissionPlan.CollectedBasis, plans.Single(p => p.Id == cashPlan.Id).Basis);
            Assert.Equal(CommissionPlan.SignedBasis, plans.Single(p => p.IsDefault).Basis);
            var history = await TeamPerformanceApp.ReadAsync<ListPage<PolicyRevisionDto>>(await app.Admin().GetAsync("/api/performance/policies/commission/history"));
            Assert.Equal("回款型销售", history.Items[0].Reason);
        }
        finally
        {
            var now = await TeamPerformanceApp.ReadAsync<PolicyDto<CommissionPolicy>>(await app.Admin().GetAsync("/api/performance/policies/commission"));
            (await app.Admin().PutAsJsonAsync($"/api/performance/policies/commission?version={now.Version}", current.Policy)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public void CommissionPolicy_AssignmentToAMissingPlanOrTwice_NamesIt()
    {
        var plan = CommissionPolicy.Default.Plans[0];
        var person = Guid.NewGuid();

        Assert.Contains("assignments[0].planId", (CommissionPolicy.Default with { Assignments = [new PlanAssignment(person, Guid.NewGuid())] }).Validate().Keys);
        Assert.Contains("assignments", (CommissionPolicy.Default with { Assignments = [new PlanAssignment(person, plan.Id), new PlanAssignment(person, plan.Id)] })
            .Validate().Keys);
        Assert.Contains("plans[0].basis", new CommissionPolicy([plan with { Basis = "gross-margin" }]).Validate().Keys);
    }

    private async Task<CommissionStatement> StatementAsync(HttpClient client) =>
        await TeamPerformanceApp.ReadAsync<CommissionStatement>(await client.GetAsync("/api/performance/commissions/statements?period=2026-11"));

    private Task SignAsync(Guid rep, decimal amount) => app.PublishAndWaitAsync(
        new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), rep, new Money(amount, "CNY"), Nov, null));

    private async Task<Guid> NewRepAsync()
    {
        var response = await app.Admin().PostAsJsonAsync("/api/performance/people", new CreatePersonRequest(null, "Commission rep",
            $"{Guid.NewGuid():N}@test", Roles.Rep, DemoOrganization.Suzhou.Id, DemoOrganization.CitySupervisor.Id, "new-business", 10, null, null));
        return (await TeamPerformanceApp.ReadAsync<PersonDto>(response)).Id;
    }

    private async Task<Guid> CreateRegionAsync(string name)
    {
        var response = await app.Admin().PostAsJsonAsync("/api/performance/units",
            new CreateUnitRequest(null, name, "region", DemoOrganization.Company.Id));
        return (await TeamPerformanceApp.ReadAsync<UnitDto>(response)).Id;
    }

    private static Dictionary<string, object?> Body(object owner, decimal amount)
    {
        var body = new Dictionary<string, object?>
        {
            ["metric"] = "revenue",
            ["year"] = 2026,
            ["amount"] = amount,
            ["currency"] = "CNY",
            ["specific"] = "Revenue from signed contracts",
            ["measure"] = "Sum of signed contract amounts",
            ["achievable"] = "Last year +12%",
            ["relevant"] = "Growth plan 2026",
        };
        foreach (var property in owner.GetType().GetProperties())
        {
            body[property.Name] = property.GetValue(owner);
        }

        return body;
    }

    private static async Task<TargetDto> CreateTargetAsync(HttpClient client, object owner, decimal amount) =>
        await TeamPerformanceApp.ReadAsync<TargetDto>(await client.PostAsJsonAsync("/api/performance/targets", Body(owner, amount)));

    private static async Task<List<TargetDto>> DecomposeAsync(HttpClient client, Guid id, TargetPart[] parts) =>
        await TeamPerformanceApp.ReadAsync<List<TargetDto>>(
            await client.PostAsJsonAsync($"/api/performance/targets/{id}/decompose", new DecomposeRequest(parts)));
}
