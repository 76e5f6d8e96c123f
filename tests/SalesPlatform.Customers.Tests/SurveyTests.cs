using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Events.Customers;
using SalesPlatform.Messaging;

namespace SalesPlatform.Customers.Tests;

/// <summary>Satisfaction surveys and NPS: the arithmetic at the band edges, validation, the period, the data scope and the event.</summary>
public sealed class SurveyTests(CustomersApp app) : IClassFixture<CustomersApp>
{
    [Theory]
    [InlineData(new[] { 10, 9, 8, 7, 6, 0 }, 2, 2, 2, 0.0)]
    [InlineData(new[] { 9, 9, 9, 8, 6, 7, 10 }, 4, 2, 1, 42.86)]
    [InlineData(new[] { 6 }, 0, 0, 1, -100.0)]
    public void NetPromoterScore_BandsAt9And7(int[] scores, int promoters, int passives, int detractors, double nps)
    {
        var result = NetPromoterScore.Of(scores);

        Assert.Equal((promoters, passives, detractors, (decimal)nps), (result.Promoters, result.Passives, result.Detractors, result.Nps!.Value));
        Assert.Null(NetPromoterScore.Of([]).Nps);
    }

    [Fact]
    public async Task Surveys_CountForTheOwnersNpsInThePeriod_OthersSeeNone_AndTeamPerformanceIsTold()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var customer = (await CustomersApp.ReadAsync(await rep.PostAsJsonAsync("/api/customers", new { name = "满意度测试" + Guid.NewGuid().ToString("N")[..6] })))
            .GetProperty("id").GetGuid();
        using var tooHigh = await rep.PostAsJsonAsync($"/api/customers/{customer}/surveys", new { score = 11, touchpoint = "售后" });
        using var nowhere = await rep.PostAsJsonAsync($"/api/customers/{customer}/surveys", new { score = 9, touchpoint = "golf" });
        foreach (var score in new[] { 10, 9, 8, 6 })
        {
            using var answered = await rep.PostAsJsonAsync($"/api/customers/{customer}/surveys", new { score, touchpoint = "交付验收", comment = "交付准时" });
            Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        }

        var month = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM",
            System.Globalization.CultureInfo.InvariantCulture);
        var mine = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/nps?period={month}&owner={CustomersApp.RepA}&touchpoint=delivery-acceptance"));
        var someoneElse = await CustomersApp.ReadAsync(await app.Client(Roles.Rep, CustomersApp.RepB).GetAsync($"/api/customers/nps?owner={CustomersApp.RepA}"));
        var lastYear = await CustomersApp.ReadAsync(await rep.GetAsync("/api/customers/nps?period=2025"));
        var events = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == typeof(CustomerNpsRecorded).FullName).Select(m => m.Payload).ToListAsync());

        Assert.Equal(HttpStatusCode.BadRequest, tooHigh.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nowhere.StatusCode);
        Assert.Equal((4, 2, 1, 1, 25m), (mine.GetProperty("responses").GetInt32(), mine.GetProperty("promoters").GetInt32(),
            mine.GetProperty("passives").GetInt32(), mine.GetProperty("detractors").GetInt32(), mine.GetProperty("nps").GetDecimal()));
        Assert.Equal(0, someoneElse.GetProperty("responses").GetInt32());
        Assert.Equal(0, lastYear.GetProperty("responses").GetInt32());
        Assert.Equal(4, events.Count(p => p.Contains(customer.ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Nps_ByUnit_CountsThePeopleOfTheUnit_AUnitOutsideTheScopeIsNotFound_AndBySegment()
    {
        var repA = app.Client(Roles.Rep, CustomersApp.RepA);
        var repB = app.Client(Roles.Rep, CustomersApp.RepB);
        var a = await CustomersApp.CreateCustomerAsync(repA, "单元满意度" + Guid.NewGuid().ToString("N")[..6]);
        var b = await CustomersApp.CreateCustomerAsync(repB, "单元满意度" + Guid.NewGuid().ToString("N")[..6]);
        await repA.PostAsJsonAsync($"/api/customers/{a}/surveys", new { score = 10, touchpoint = "售前" });
        await repB.PostAsJsonAsync($"/api/customers/{b}/surveys", new { score = 0, touchpoint = "售前" });
        await app.PublishAndWaitAsync(new SalesPlatform.Events.Contracts.ContractSigned(Guid.NewGuid(), Guid.NewGuid(), a, CustomersApp.RepA,
            new SalesPlatform.Events.Money(10_000m, "CNY"), DateTimeOffset.UtcNow, null));
        var manager = app.Client(Roles.CitySupervisor, CustomersApp.Manager);
        var admin = app.Client(Roles.Admin, Guid.CreateVersion7());

        var team = await CustomersApp.ReadAsync(await manager.GetAsync($"/api/customers/nps?unit={CustomersApp.TeamUnit}"));
        using var outside = await manager.GetAsync($"/api/customers/nps?unit={CustomersApp.OtherUnit}");
        var other = await CustomersApp.ReadAsync(await admin.GetAsync($"/api/customers/nps?unit={CustomersApp.OtherUnit}"));
        var potential = await CustomersApp.ReadAsync(await admin.GetAsync("/api/customers/nps?segment=潜力客户"));
        using var badSegment = await admin.GetAsync("/api/customers/nps?segment=vip");

        Assert.Equal((1, 100m), (team.GetProperty("responses").GetInt32(), team.GetProperty("nps").GetDecimal()));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.True(other.GetProperty("detractors").GetInt32() >= 1);
        Assert.Equal(0, other.GetProperty("promoters").GetInt32());
        Assert.Equal("potential", potential.GetProperty("segment").GetString());
        Assert.True(potential.GetProperty("promoters").GetInt32() >= 1);
        Assert.Equal(0, potential.GetProperty("detractors").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, badSegment.StatusCode);
    }
}
