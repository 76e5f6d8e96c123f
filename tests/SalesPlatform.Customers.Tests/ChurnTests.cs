using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Jobs;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Events.Customers;
using SalesPlatform.Messaging;

namespace SalesPlatform.Customers.Tests;

/// <summary>Churn early warning on a fake clock: the score from purchases, surveys and complaints, the at-risk list, the win-back task, once per crossing.</summary>
public sealed class ChurnTests(ClockedCustomersApp app) : IClassFixture<ClockedCustomersApp>
{
    [Fact]
    public async Task FallingPurchasesAndSatisfactionWithRisingComplaints_RaiseTheRiskOnce_WithAWinBackTaskAndTheReasons()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var id = await CustomersApp.CreateCustomerAsync(rep, "流失预警" + Guid.NewGuid().ToString("N")[..6]);
        var t0 = app.FakeClock.GetUtcNow();
        await rep.PostAsJsonAsync($"/api/customers/{id}/surveys", new { score = 9, touchpoint = "售后" });
        foreach (var days in new[] { 100, 80, 60, 40 })
        {
            await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), id, CustomersApp.RepA, new Money(50_000m, "CNY"), t0.AddDays(-days), null));
        }

        app.FakeClock.Advance(TimeSpan.FromDays(100));
        await rep.PostAsJsonAsync($"/api/customers/{id}/surveys", new { score = 6, touchpoint = "售后" });
        await rep.PostAsJsonAsync($"/api/customers/{id}/complaints", new { category = "服务", severity = "一般", description = "响应慢" });
        await rep.PostAsJsonAsync($"/api/customers/{id}/complaints", new { category = "产品", severity = "紧急", description = "停机" });
        await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), id, CustomersApp.RepA, new Money(50_000m, "CNY"), app.FakeClock.GetUtcNow(), null));
        app.FakeClock.Advance(TimeSpan.FromDays(100));

        var churn = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}/churn"));
        Assert.Equal(1, await app.RunAsync<ChurnScan>());
        Assert.Equal(0, await app.RunAsync<ChurnScan>());

        Assert.Equal(80, churn.GetProperty("score").GetInt32());
        Assert.Equal(["purchase-frequency", "satisfaction", "complaints"], churn.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("factor").GetString()));
        var atRisk = await CustomersApp.ReadAsync(await rep.GetAsync("/api/customers/at-risk"));
        var item = Assert.Single(atRisk.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(80, item.GetProperty("score").GetInt32());
        Assert.Contains("75%", item.GetProperty("reasons")[0].GetString());
        var task = item.GetProperty("winBack");
        Assert.Equal(("exclusive-discount", "open"), (task.GetProperty("offer").GetString(), task.GetProperty("status").GetString()));
        var raised = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == typeof(ChurnRiskRaised).FullName).Select(m => m.Payload).ToListAsync());
        Assert.Single(raised, p => p.Contains(id.ToString(), StringComparison.Ordinal));
        using var otherRep = await app.Client(Roles.Rep, CustomersApp.RepB).GetAsync("/api/customers/at-risk");
        Assert.DoesNotContain((await CustomersApp.ReadAsync(otherRep)).GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);

        var taskId = task.GetProperty("id").GetGuid();
        using var badClose = await rep.PostAsJsonAsync($"/api/customers/win-back-tasks/{taskId}/close", new { status = "maybe", outcome = "x" });
        var closed = await CustomersApp.ReadAsync(await rep.PostAsJsonAsync($"/api/customers/win-back-tasks/{taskId}/close",
            new { status = "won-back", outcome = "签订三年维保，给予 8% 专属折扣" }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badClose.StatusCode);
        Assert.Equal("won-back", closed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SteadyCustomer_IsNotAtRisk()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var id = await CustomersApp.CreateCustomerAsync(rep, "稳定客户" + Guid.NewGuid().ToString("N")[..6]);
        var now = app.FakeClock.GetUtcNow();
        foreach (var days in new[] { 300, 200, 100, 10 })
        {
            await app.PublishAndWaitAsync(new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), id, CustomersApp.RepA, new Money(50_000m, "CNY"), now.AddDays(-days), null));
        }

        await app.RunAsync<ChurnScan>();
        var churn = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}/churn"));
        var customer = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}"));
        Assert.Equal((0, false), (churn.GetProperty("score").GetInt32(), churn.GetProperty("atRisk").GetBoolean()));
        Assert.False(customer.GetProperty("atRisk").GetBoolean());
    }
}
