using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Contracts.Domain;
using SalesPlatform.Contracts.Jobs;
using SalesPlatform.Domain;
using SalesPlatform.Events.Contracts;

namespace SalesPlatform.Contracts.Tests;

/// <summary>Collections on a fake clock: ageing buckets at their edges, each overdue step once, invoices within the plan.</summary>
public sealed class CollectionsTests(ContractsApp app) : IClassFixture<ContractsApp>
{
    [Theory]
    [InlineData(0, "current")]
    [InlineData(-5, "current")]
    [InlineData(1, "1-30")]
    [InlineData(30, "1-30")]
    [InlineData(31, "31-60")]
    [InlineData(60, "31-60")]
    [InlineData(61, "61-90")]
    [InlineData(90, "61-90")]
    [InlineData(91, "90+")]
    public void Buckets_AtTheirEdges(int daysPastDue, string bucket) => Assert.Equal(bucket, CollectionsPolicy.Default.BucketOf(daysPastDue));

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>A signed contract with its plan, owned by <paramref name="owner"/>.</summary>
    private Task<(Guid Id, JsonElement Plan)> SignedAsync(decimal amount, params (int DaysFromToday, decimal Amount)[] plan) => SignedAsync(null, amount, plan);

    private async Task<(Guid Id, JsonElement Plan)> SignedAsync(Guid? owner, decimal amount, params (int DaysFromToday, decimal Amount)[] plan)
    {
        var (id, _) = await app.DraftAsync(amount, owner: owner);
        await app.PassLegalAsync(id);
        var rep = owner is null ? app.Rep() : app.Admin();
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsync($"/api/contracts/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(Roles.SalesDirector, Guid.CreateVersion7()).PostAsJsonAsync($"/api/contracts/{id}/approvals",
            new { decision = "approve" })).StatusCode);
        var planned = await ContractsApp.ReadAsync(await rep.PutAsJsonAsync($"/api/contracts/{id}/plan",
            new { instalments = plan.Select(p => new { dueDate = Today.AddDays(p.DaysFromToday), amount = p.Amount }) }));
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsJsonAsync($"/api/contracts/{id}/sign", new { signer = "王芳" })).StatusCode);
        return (id, planned);
    }

    private async Task<int> RunAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OverdueProcess>().RunOnceAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Ageing_PutsEachOutstandingAmountInItsBucket_OnTheReportingDay_ForAnOwnerAUnitOrTheirOwn()
    {
        // Due today is current, 30 days past due still 1-30, 31 days 31-60, 90 days 61-90, 91 days 90+.
        var owner = Guid.CreateVersion7();
        var unit = Guid.CreateVersion7();
        app.TeamPerformance.UnitMembers[unit] = [owner];
        await SignedAsync(owner, 1_000m, (5, 100m), (0, 110m), (-30, 120m), (-31, 130m), (-90, 140m), (-91, 400m));
        var finance = app.Client(Roles.Finance, Guid.CreateVersion7());

        var byOwner = await ContractsApp.ReadAsync(await finance.GetAsync($"/api/contracts/receivables/ageing?owner={owner}"));
        var byUnit = await ContractsApp.ReadAsync(await app.Admin().GetAsync($"/api/contracts/receivables/ageing?unit={unit}"));
        var own = await ContractsApp.ReadAsync(await app.Client(Roles.Rep, owner).GetAsync("/api/contracts/receivables/ageing"));
        var other = await ContractsApp.ReadAsync(await app.Client(Roles.Rep, Guid.CreateVersion7()).GetAsync("/api/contracts/receivables/ageing"));
        using var outside = await app.Client(Roles.CitySupervisor, ContractsApp.Manager).GetAsync($"/api/contracts/receivables/ageing?unit={unit}");

        foreach (var report in new[] { byOwner, byUnit, own })
        {
            var buckets = report.GetProperty("buckets");
            Assert.Equal((210m, 120m, 130m, 140m, 400m), (buckets.GetProperty("current").GetDecimal(), buckets.GetProperty("1-30").GetDecimal(),
                buckets.GetProperty("31-60").GetDecimal(), buckets.GetProperty("61-90").GetDecimal(), buckets.GetProperty("90+").GetDecimal()));
            Assert.Equal((1_000m, 790m), (report.GetProperty("total").GetDecimal(), report.GetProperty("overdue").GetDecimal()));
        }

        Assert.Equal(0m, other.GetProperty("total").GetDecimal());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task OverdueSteps_EachOnce_PaymentOverdueOncePerBucket()
    {
        var financePerson = Guid.CreateVersion7();
        app.TeamPerformance.RoleMembers[Roles.Finance] = [financePerson];
        var (id, plan) = await SignedAsync(500m, (-1, 500m));
        var instalment = plan.GetProperty("instalments")[0].GetProperty("id").GetGuid();

        await RunAsync();
        await RunAsync();
        var firstDay = await app.EventsAsync<PaymentOverdue>(instalment);
        app.Clock.Advance(TimeSpan.FromDays(6));
        await RunAsync();
        app.Clock.Advance(TimeSpan.FromDays(24));
        await RunAsync();
        await RunAsync();

        var actions = await app.WithDbAsync(db => db.OverdueActions.AsNoTracking().Where(a => a.InstalmentId == instalment).Select(a => a.Key).ToListAsync());
        Assert.Single(firstDay);
        Assert.Equal(["bucket:1-30", "bucket:31-60", "step:call", "step:finance-hold", "step:manager-escalation", "step:reminder"], actions.Order(StringComparer.Ordinal));
        // The outbox keeps sent rows only a while (by the fake clock, the first bucket's is a month old): read the latest bucket's now.
        var overdue = await app.EventsAsync<PaymentOverdue>(instalment);
        Assert.Equal(1, firstDay.Single().GetProperty("daysOverdue").GetInt32());
        Assert.Contains(overdue, e => e.GetProperty("daysOverdue").GetInt32() == 31);
        Assert.DoesNotContain(overdue, e => e.GetProperty("daysOverdue").GetInt32() is not (1 or 31));
        var audit = await ContractsApp.ReadAsync(await app.Admin().GetAsync($"/api/contracts/{id}/audit?limit=100"));
        Assert.Single(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("action").GetString() == "collections:call");
        var notes = await ContractsApp.ReadAsync(await app.Rep().GetAsync("/api/contracts/notifications?limit=500"));
        Assert.Single(notes.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "collections.call" && n.GetProperty("subject").GetString() == $"contract:{id}");
        var financeNotes = await ContractsApp.ReadAsync(await app.Client(Roles.Finance, financePerson).GetAsync("/api/contracts/notifications?limit=500"));
        Assert.Single(financeNotes.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "collections.finance-hold");
    }

    [Fact]
    public async Task Invoices_StayWithinThePlan_WithAValidTaxId_AndTheTaxWorkedOut()
    {
        var (id, plan) = await SignedAsync(113_000m, (30, 56_500m), (60, 56_500m));
        var first = plan.GetProperty("instalments")[0].GetProperty("id").GetGuid();
        var finance = app.Client(Roles.Finance, Guid.CreateVersion7());
        const string taxId = "91350100M000100Y43";

        using var badTaxId = await finance.PostAsJsonAsync($"/api/contracts/{id}/invoices",
            new { title = "苏州精密机械有限公司", taxId = "91350100M000100Y44", taxRate = 0.13m, amount = 56_500m, instalmentIds = new[] { first } });
        using var byRep = await app.Rep().PostAsJsonAsync($"/api/contracts/{id}/invoices",
            new { title = "苏州精密机械有限公司", taxId, taxRate = 0.13m, amount = 56_500m, instalmentIds = new[] { first } });
        var issued = await ContractsApp.ReadAsync(await finance.PostAsJsonAsync($"/api/contracts/{id}/invoices",
            new { kind = "vat-special", title = "苏州精密机械有限公司", taxId, taxRate = 0.13m, amount = 56_500m, instalmentIds = new[] { first } }));
        using var tooMuch = await finance.PostAsJsonAsync($"/api/contracts/{id}/invoices",
            new { title = "苏州精密机械有限公司", taxId, taxRate = 0.13m, amount = 0.01m, instalmentIds = new[] { first } });

        Assert.Equal(HttpStatusCode.BadRequest, badTaxId.StatusCode);
        Assert.Contains("taxId", await badTaxId.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        Assert.Equal((56_500m, 6_500m), (issued.GetProperty("amount").GetDecimal(), issued.GetProperty("tax").GetDecimal()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Contains("invoice.exceeds-plan", await tooMuch.Content.ReadAsStringAsync());
        Assert.Single(await app.EventsAsync<InvoiceIssued>(id));
    }

    [Fact]
    public async Task Summary_CollectionCycleIsSigningToTheLastPayment_AndDsoFollowsTheOutstanding()
    {
        var (id, plan) = await SignedAsync(1_000m, (10, 400m), (40, 600m));
        var finance = app.Client(Roles.Finance, Guid.CreateVersion7());
        app.Clock.Advance(TimeSpan.FromDays(4));
        await finance.PostAsJsonAsync($"/api/contracts/{id}/payments", new { instalmentId = plan.GetProperty("instalments")[0].GetProperty("id").GetGuid(), amount = 400m });
        var partly = await ContractsApp.ReadAsync(await finance.GetAsync($"/api/contracts/receivables/summary?period=2026&owner={ContractsApp.RepA}"));
        app.Clock.Advance(TimeSpan.FromDays(6));
        await finance.PostAsJsonAsync($"/api/contracts/{id}/payments", new { instalmentId = plan.GetProperty("instalments")[1].GetProperty("id").GetGuid(), amount = 600m });
        var summary = await ContractsApp.ReadAsync(await finance.GetAsync($"/api/contracts/receivables/summary?period=2026&owner={ContractsApp.RepA}"));

        var before = partly.GetProperty("contracts").EnumerateArray().Single(c => c.GetProperty("contractId").GetGuid() == id);
        var after = summary.GetProperty("contracts").EnumerateArray().Single(c => c.GetProperty("contractId").GetGuid() == id);
        Assert.Equal((false, 4.0), (before.GetProperty("complete").GetBoolean(), before.GetProperty("days").GetDouble()));
        Assert.Equal((true, 10.0), (after.GetProperty("complete").GetBoolean(), after.GetProperty("days").GetDouble()));
        Assert.True(summary.GetProperty("collected").GetDecimal() >= 1_000m);
        Assert.True(partly.GetProperty("daysSalesOutstanding").GetDecimal() > summary.GetProperty("daysSalesOutstanding").GetDecimal());
    }
}
