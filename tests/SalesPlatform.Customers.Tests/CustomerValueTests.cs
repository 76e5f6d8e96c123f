using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Customers.Jobs;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Events.Customers;
using SalesPlatform.Messaging;

namespace SalesPlatform.Customers.Tests;

/// <summary>Purchases from signed contracts: segmentation at once, cross-sell from contract lines, the timeline, spot checks, data scope.</summary>
public sealed class CustomerValueTests(ClockedCustomersApp app) : IClassFixture<ClockedCustomersApp>
{
    private static Money Cny(decimal amount) => new(amount, "CNY");

    private static ContractSigned Signed(Guid customer, decimal amount, DateTimeOffset at, params ContractLine[] lines) =>
        new(Guid.NewGuid(), Guid.NewGuid(), customer, CustomersApp.RepA, Cny(amount), at, null, Lines: lines) { OccurredAt = at };

    private static ContractLine Line(string code, decimal quantity = 1, VolumeTier? next = null) => new(code, "产品" + code, quantity, Cny(1000m), next);

    [Fact]
    public async Task SignedContract_IsOnePurchase_OnTheTimelineOnce_AndSegmentsTheCustomerAtOnce()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var id = await CustomersApp.CreateCustomerAsync(rep, "苏州精工" + Guid.NewGuid().ToString("N")[..6]);
        var signed = Signed(id, 600_000m, app.FakeClock.GetUtcNow().AddDays(-3));

        await app.PublishAndWaitAsync(signed);
        await app.PublishAndWaitAsync(signed);
        await app.PublishAndWaitAsync(signed with { EventId = Guid.CreateVersion7() });

        var purchases = await app.WithDbAsync(db => db.Purchases.CountAsync(p => p.CustomerId == id));
        var timeline = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}/timeline"));
        var segment = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}/segment"));
        var changes = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == typeof(CustomerSegmentChanged).FullName).Select(m => m.Payload).ToListAsync());
        Assert.Equal(1, purchases);
        Assert.Equal(1, timeline.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "contract.signed"));
        // One purchase 3 days ago of 600,000: R 5, F 1, M 3, recent but not yet frequent: potential; the first purchase: development.
        Assert.Equal(("potential", 5, 1, 3), (segment.GetProperty("rfmSegment").GetString(), segment.GetProperty("recency").GetInt32(),
            segment.GetProperty("frequency").GetInt32(), segment.GetProperty("monetary").GetInt32()));
        Assert.Equal("development", segment.GetProperty("lifecycle").GetString());
        Assert.Equal(1, changes.Count(p => p.Contains(id.ToString(), StringComparison.Ordinal)));
        var registered = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == typeof(CustomerRegistered).FullName).Select(m => m.Payload).ToListAsync());
        Assert.Single(registered, p => p.Contains(id.ToString(), StringComparison.Ordinal));
        var customer = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}"));
        Assert.Equal("potential", customer.GetProperty("rfmSegment").GetString());
        Assert.NotEqual(JsonNull, customer.GetProperty("lastDealAt").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task CrossSell_FromContractLines_NamesWhatSimilarCustomersBoughtWithSupportConfidenceAndLift_AndTheNextTier()
    {
        await app.SavePolicyAsync(CrossSellPolicy.Default with { MinGroupCustomers = 1 });
        var industry = "xsell" + Guid.NewGuid().ToString("N")[..8];
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        string[][] baskets = [["A", "B"], ["A", "B"], ["A", "C"], ["B"], ["C"]];
        var ids = new List<Guid>();
        var at = app.FakeClock.GetUtcNow().AddDays(-20);
        foreach (var basket in baskets)
        {
            var id = await CustomersApp.CreateCustomerAsync(rep, "交叉销售" + Guid.NewGuid().ToString("N")[..8], industry);
            ids.Add(id);
            await app.PublishAndWaitAsync(Signed(id, 10_000m, at, [.. basket.Select(p => Line(p))]));
        }

        // Buying A again changes no count; 80 of C with a tier from 100 is an up-sell.
        await app.PublishAndWaitAsync(Signed(ids[2], 10_000m, at.AddDays(1), Line("A"), Line("C", 80, new VolumeTier(100, Cny(900m)))));

        var third = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{ids[2]}/suggestions"));
        var cross = third.GetProperty("crossSell").EnumerateArray().ToList();
        Assert.Single(cross);
        Assert.Equal(("B", "A", industry), (cross[0].GetProperty("product").GetString(), cross[0].GetProperty("becauseOf").GetString(), cross[0].GetProperty("group").GetString()));
        Assert.Equal((0.4m, 0.6667m, 1.1111m), (cross[0].GetProperty("support").GetDecimal(), cross[0].GetProperty("confidence").GetDecimal(), cross[0].GetProperty("lift").GetDecimal()));
        Assert.Contains("67%", cross[0].GetProperty("explanation").GetString());
        var up = Assert.Single(third.GetProperty("upSell").EnumerateArray());
        Assert.Equal(("C", 80m, 100m, 900m), (up.GetProperty("product").GetString(), up.GetProperty("lastQuantity").GetDecimal(),
            up.GetProperty("nextTierMinQuantity").GetDecimal(), up.GetProperty("nextTierUnitPrice").GetDecimal()));
        var counts = await app.WithDbAsync(db => db.AffinityCounts.AsNoTracking().Where(c => c.Group == industry).ToListAsync());
        Assert.Equal(5, counts.Single(c => c.ProductA == "" && c.ProductB == "").Customers);
        Assert.Equal(3, counts.Single(c => c.ProductA == "A" && c.ProductB == "").Customers);
        Assert.Equal(2, counts.Single(c => c.ProductA == "A" && c.ProductB == "B").Customers);

        var holderOfAll = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{ids[0]}/suggestions"));
        Assert.DoesNotContain(holderOfAll.GetProperty("crossSell").EnumerateArray(), s => s.GetProperty("product").GetString() == "B");
    }

    [Fact]
    public async Task ValueTiersAndCounts_FollowTheBook_AndTheListFiltersByTierInChinese()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var big = await CustomersApp.CreateCustomerAsync(rep, "大客户" + Guid.NewGuid().ToString("N")[..6]);
        await app.PublishAndWaitAsync(Signed(big, 500_000_000m, app.FakeClock.GetUtcNow().AddDays(-1)));
        await app.RunAsync<SegmentationRun>();

        var segment = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{big}/segment"));
        var listed = await CustomersApp.ReadAsync(await rep.GetAsync("/api/customers?tier=高价值&limit=500"));
        var counts = await CustomersApp.ReadAsync(await app.Client(Roles.Admin, Guid.CreateVersion7()).GetAsync("/api/customers/segments"));
        using var badTier = await rep.GetAsync("/api/customers?tier=钻石");
        Assert.Equal("high-value", segment.GetProperty("valueTier").GetString());
        Assert.Equal(0m, segment.GetProperty("shareAbove").GetDecimal());
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == big);
        Assert.All(listed.GetProperty("items").EnumerateArray(), c => Assert.Equal("high-value", c.GetProperty("valueTier").GetString()));
        Assert.True(counts.GetProperty("valueTiers").GetProperty("high-value").GetInt32() >= 1);
        Assert.Equal(counts.GetProperty("customers").GetInt32(), counts.GetProperty("lifecycle").EnumerateObject().Sum(p => p.Value.GetInt32())
            + counts.GetProperty("unsegmented").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, badTier.StatusCode);
        Assert.Contains("tier", await badTier.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ALostCustomer_RecordsWhy_IsLost_AndBuyingAgainWinsItBack()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var id = await CustomersApp.CreateCustomerAsync(rep, "流失客户" + Guid.NewGuid().ToString("N")[..6]);
        using var noReason = await rep.PostAsJsonAsync($"/api/customers/{id}/lost", new { reason = " " });

        var lost = await CustomersApp.ReadAsync(await rep.PostAsJsonAsync($"/api/customers/{id}/lost", new { reason = "预算转向自研", competitor = "某国际品牌" }));
        await app.PublishAndWaitAsync(Signed(id, 50_000m, app.FakeClock.GetUtcNow()));
        var after = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}/segment"));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("lost", lost.GetProperty("lifecycle").GetString());
        Assert.Contains("预算转向自研", lost.GetProperty("lifecycleRule").GetString());
        Assert.Equal("development", after.GetProperty("lifecycle").GetString());
    }

    [Fact]
    public async Task SpotCheck_PicksTwentyPercentOfTheLastQuartersNewCustomers_Once_AndCountsTheirAnswers()
    {
        // The fake clock is in November 2026: the last completed quarter is 2026-Q3 (Beijing time).
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var august = new DateTimeOffset(2026, 8, 10, 2, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 6; i++)
        {
            var id = await CustomersApp.CreateCustomerAsync(rep, "抽查客户" + Guid.NewGuid().ToString("N")[..6]);
            await app.PublishAndWaitAsync(Signed(id, 20_000m, august.AddDays(i)));
        }

        Assert.Equal(2, await app.RunAsync<SpotCheckDraw>());
        Assert.Equal(0, await app.RunAsync<SpotCheckDraw>());
        var summary = await CustomersApp.ReadAsync(await rep.GetAsync("/api/customers/spot-checks?quarter=2026-Q3"));
        var picked = summary.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("customerId").GetGuid()).ToList();
        await rep.PostAsJsonAsync($"/api/customers/{picked[0]}/surveys", new { score = 10, touchpoint = "售后" });
        var answered = await CustomersApp.ReadAsync(await rep.GetAsync("/api/customers/spot-checks?quarter=2026-Q3"));
        using var bad = await rep.GetAsync("/api/customers/spot-checks?quarter=2026Q3");

        Assert.Equal(2, summary.GetProperty("picked").GetInt32());
        Assert.Equal((1, 100m), (answered.GetProperty("answered").GetInt32(), answered.GetProperty("nps").GetDecimal()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task AnotherRep_CannotReadTheSegmentSuggestionsOrChurnOfACustomerNotTheirs()
    {
        var id = await CustomersApp.CreateCustomerAsync(app.Client(Roles.Rep, CustomersApp.RepA), "他人客户" + Guid.NewGuid().ToString("N")[..6]);
        await app.PublishAndWaitAsync(Signed(id, 20_000m, app.FakeClock.GetUtcNow()));
        var other = app.Client(Roles.Rep, CustomersApp.RepB);

        foreach (var path in new[] { "segment", "suggestions", "churn", "ownership", "reclaim" })
        {
            using var response = await other.GetAsync($"/api/customers/{id}/{path}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var lost = await other.PostAsJsonAsync($"/api/customers/{id}/lost", new { reason = "x" });
        using var follow = await other.PostAsJsonAsync($"/api/customers/{id}/follow-ups", new { kind = "电话", note = "x" });
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (lost.StatusCode, follow.StatusCode));
        using var manager = await app.Client(Roles.CitySupervisor, CustomersApp.Manager).GetAsync($"/api/customers/{id}/segment");
        Assert.Equal(HttpStatusCode.OK, manager.StatusCode);
    }

    [Fact]
    public async Task Timeline_HoldsTheDealFromOpeningToInvoice_InTheOrderItHappened_WhateverOrderTheEventsCameIn()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var id = await CustomersApp.CreateCustomerAsync(rep, "时间线客户" + Guid.NewGuid().ToString("N")[..6]);
        var (opportunity, quote, contract) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var t = app.FakeClock.GetUtcNow().AddDays(-30);
        var line = new SalesPlatform.Events.Opportunities.QuoteLine("VIS", "视觉检测工作站", "product", 10, Cny(10_000m), Cny(9_000m), 0.1m, Cny(6_000m), Cny(90_000m));
        // Published out of order: the invoice first, the opening last.
        await app.PublishAndWaitAsync(new InvoiceIssued(Guid.NewGuid(), contract, id, CustomersApp.RepA, "No.00012345", "vat-special", Cny(90_000m), t.AddDays(6))
        {
            OccurredAt = t.AddDays(6),
        });
        await app.PublishAndWaitAsync(new PaymentReceived(Guid.NewGuid(), contract, id, CustomersApp.RepA, Cny(90_000m), t.AddDays(7), t.AddDays(5), t.AddDays(35))
        {
            OccurredAt = t.AddDays(7),
        });
        await app.PublishAndWaitAsync(Signed(id, 90_000m, t.AddDays(5)) with { ContractId = contract });
        await app.PublishAndWaitAsync(new SalesPlatform.Events.Opportunities.OpportunityWon(opportunity, id, CustomersApp.RepA, Cny(90_000m), t, null, null, true)
        {
            OccurredAt = t.AddDays(4),
        });
        await app.PublishAndWaitAsync(new SalesPlatform.Events.Opportunities.QuoteAccepted(quote, opportunity, id, CustomersApp.RepA, Cny(90_000m)) { OccurredAt = t.AddDays(3) });
        await app.PublishAndWaitAsync(new SalesPlatform.Events.Opportunities.QuoteIssued(quote, opportunity, id, CustomersApp.RepA, 1, Cny(90_000m), 0.33m, 0.1m,
            new DateOnly(2026, 12, 31), [line]) { OccurredAt = t.AddDays(2) });
        var opened = new SalesPlatform.Events.Opportunities.OpportunityOpened(opportunity, id, CustomersApp.RepA, "视觉检测项目", Cny(100_000m), "prospect-identification",
            0.1m, null, null, null, null, null) { OccurredAt = t.AddDays(1) };
        await app.PublishAndWaitAsync(opened);
        await app.PublishAndWaitAsync(opened);

        var timeline = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}/timeline?limit=50"));
        // The customer was entered today, after the deal it records from before (backdated events).
        Assert.Equal(["opportunity.opened", "quote.issued", "quote.accepted", "opportunity.won", "contract.signed", "invoice.issued", "payment.received", "customer.created"],
            timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }
}
