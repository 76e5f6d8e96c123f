using System.Net;
using System.Net.Http.Json;
using Grpc.Net.Client;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Protos.Customers;

namespace SalesPlatform.Customers.Tests;

/// <summary>The credit profile: ratings at their edges, payments from the broker, the blacklist and the gRPC contract.</summary>
public sealed class CreditTests(CustomersApp app) : IClassFixture<CustomersApp>
{
    private static readonly DateTimeOffset Due = new(2026, 10, 31, 16, 0, 0, TimeSpan.Zero);

    private static PaymentRecord Paid(int daysLate) => new() { DueAt = Due, PaidAt = Due.AddDays(daysLate), DaysLate = Math.Max(0, daysLate) };

    [Theory]
    [InlineData(19, 1, "A")]  // 95% on time
    [InlineData(18, 2, "B")]  // 90%
    [InlineData(17, 3, "B")]  // 85%
    [InlineData(16, 4, "C")]  // 80%
    [InlineData(13, 7, "D")]  // 65%
    public void Rate_OnTimeRatio_GivesTheClassAtItsEdges(int onTime, int late, string expected)
    {
        var records = Enumerable.Range(0, onTime).Select(_ => Paid(0)).Concat(Enumerable.Range(0, late).Select(_ => Paid(5))).ToList();

        Assert.Equal(expected, CreditPolicy.Default.Rate(Guid.NewGuid(), records, false, null, null).CreditClass);
    }

    [Theory]
    [InlineData(29, "low")]
    [InlineData(30, "medium")]
    [InlineData(89, "medium")]
    [InlineData(90, "high")]
    public void Rate_LongestDaysLate_GivesTheRiskAtItsEdges(int daysLate, string risk)
    {
        var records = Enumerable.Range(0, 19).Select(_ => Paid(0)).Append(Paid(daysLate)).ToList();

        var profile = CreditPolicy.Default.Rate(Guid.NewGuid(), records, false, null, null);

        Assert.Equal(risk, profile.RiskRating);
        Assert.False(string.IsNullOrWhiteSpace(profile.RiskRule));
    }

    [Fact]
    public void Rate_BlacklistedOrThreeOpenOverdue_IsHighRisk_AndAnOpenOverdueKeepsClassA()
    {
        var clean = Enumerable.Range(0, 20).Select(_ => Paid(0)).ToList();
        var open = Enumerable.Range(0, 3).Select(_ => new PaymentRecord { DueAt = Due, WasOverdue = true, DaysLate = 5 }).ToList();

        Assert.Equal(("high", "blacklisted: 欺诈"), (CreditPolicy.Default.Rate(Guid.NewGuid(), clean, true, "欺诈", "高菲") is var b ? (b.RiskRating, b.RiskRule) : default));
        var withOpen = CreditPolicy.Default.Rate(Guid.NewGuid(), [.. clean, .. open], false, null, null);
        Assert.Equal(("high", 3, "B"), (withOpen.RiskRating, withOpen.OpenOverdueCount, withOpen.CreditClass));
    }

    [Fact]
    public async Task Payments_FromTheBroker_MakeTheProfile_FinanceBlacklists_RepMayNot_AndGrpcAnswersTheSame()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var created = await rep.PostAsJsonAsync("/api/customers", new { name = "南京信用测试" + Guid.NewGuid().ToString("N")[..6] });
        var id = (await CustomersApp.ReadAsync(created)).GetProperty("id").GetGuid();
        var contract = Guid.NewGuid();
        var onTime = new PaymentReceived(Guid.NewGuid(), contract, id, CustomersApp.RepA, new Money(100_000m, "CNY"), Due.AddDays(-1), Due.AddDays(-60), Due);
        await app.PublishAndWaitAsync(onTime);
        await app.PublishAndWaitAsync(onTime); // redelivered
        await app.PublishAndWaitAsync(new PaymentOverdue(Guid.NewGuid(), contract, id, CustomersApp.RepA, new Money(50_000m, "CNY"), Due.AddMonths(1), 12));
        await app.PublishAndWaitAsync(new PaymentOverdue(Guid.NewGuid(), contract, id, CustomersApp.RepA, new Money(50_000m, "CNY"), Due.AddMonths(1), 35));

        var credit = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}/credit"));
        using var asRep = await rep.PutAsJsonAsync($"/api/customers/{id}/blacklist", new { blacklisted = true, reason = "x" });
        using var asFinance = await app.Client(Roles.Finance, Guid.CreateVersion7()).PutAsJsonAsync($"/api/customers/{id}/blacklist",
            new { blacklisted = true, reason = "连续逾期，法务已发函" });
        var channel = GrpcChannel.ForAddress(app.Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = app.Factory.Server.CreateHandler() });
        var grpc = await new Protos.Customers.Customers.CustomersClient(channel).GetCreditProfileAsync(new GetCreditProfileRequest { CustomerId = id.ToString() });
        var unknown = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(async () =>
            await new Protos.Customers.Customers.CustomersClient(channel).GetCreditProfileAsync(new GetCreditProfileRequest { CustomerId = Guid.NewGuid().ToString() }));

        Assert.Equal((1, 1, 1, 35), (credit.GetProperty("payments").GetInt32(), credit.GetProperty("overdueCount").GetInt32(),
            credit.GetProperty("openOverdueCount").GetInt32(), credit.GetProperty("longestOverdueDays").GetInt32()));
        Assert.Equal("medium", credit.GetProperty("riskRating").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, asRep.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asFinance.StatusCode);
        Assert.Equal(("high", true, "连续逾期，法务已发函"), (grpc.RiskRating, grpc.Blacklisted, grpc.BlacklistReason));
        Assert.Equal(1, grpc.Payments);
        Assert.Equal(global::Grpc.Core.StatusCode.NotFound, unknown.StatusCode);
        var timeline = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}/timeline"));
        Assert.Contains(timeline.GetProperty("items").EnumerateArray(), e => e.GetProperty("kind").GetString() == "credit.blacklisted");
    }
}
