using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Customers;
using SalesPlatform.Events.Leads;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Protos.Opportunities;

namespace SalesPlatform.Opportunities.Tests;

/// <summary>Opportunities on real servers: opened once per lead, every stage with its refusals, quotes with tiers and approval, won and lost, scope, gRPC.</summary>
public sealed class OpportunityFlowTests(OpportunitiesApp app) : IClassFixture<OpportunitiesApp>
{
    private static LeadConverted Converted(Guid lead, Guid owner, Guid? existingCustomer = null) => new(lead, owner, null, "web-form", "秋季展会", "苏州精密机械有限公司",
        "manufacturing", "1000+", "East China", "Jiangsu", "Suzhou", "王芳", "采购经理", "wang@szjm.example", "+8613800000000", existingCustomer, "二期产线",
        new Money(800_000m, "CNY"), DateTimeOffset.UtcNow.AddDays(-10));

    private static async Task<JsonElement> Stage(HttpClient client, Guid id, string stage, string? reason = null, string? competitor = null,
        HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostAsJsonAsync($"/api/opportunities/{id}/stage", new { stage, reason, competitor });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{stage}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static string[] Missing(JsonElement problem) => [.. problem.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!)];

    [Fact]
    public async Task LeadConverted_OpensExactlyOneOpportunity_CarryingTheLead_AndGetsItsCustomerWhicheverComesFirst()
    {
        var (lead, other) = (Guid.NewGuid(), Guid.NewGuid());
        var converted = Converted(lead, OpportunitiesApp.RepA);
        await app.PublishAndWaitAsync(converted);
        await app.PublishAndWaitAsync(converted);
        await app.PublishAndWaitAsync(converted with { EventId = Guid.CreateVersion7() });
        var customer = Guid.NewGuid();
        await app.PublishAndWaitAsync(new CustomerLinkedToLead(lead, customer, true));
        // The other way round: the customer first, then the lead.
        var otherCustomer = Guid.NewGuid();
        await app.PublishAndWaitAsync(new CustomerLinkedToLead(other, otherCustomer, false));
        await app.PublishAndWaitAsync(Converted(other, OpportunitiesApp.RepA));

        var opened = await app.WithDbAsync(db => db.Opportunities.AsNoTracking().Where(o => o.LeadId == lead || o.LeadId == other).ToListAsync());
        Assert.Equal(2, opened.Count);
        var first = opened.Single(o => o.LeadId == lead);
        Assert.Equal((customer, OpportunitiesApp.RepA, 800_000m, "web-form", "秋季展会", "prospect-identification", 0.10m),
            (first.CustomerId!.Value, first.OwnerId, first.Amount, first.Source!, first.Campaign!, first.Stage, first.Probability));
        Assert.Equal(otherCustomer, opened.Single(o => o.LeadId == other).CustomerId);
        Assert.Single(await app.EventsAsync<OpportunityOpened>(first.Id));
    }

    [Fact]
    public async Task LeadAndCustomerArrivingAtOnce_StillMeet()
    {
        var leads = Enumerable.Range(0, 10).Select(_ => (Lead: Guid.NewGuid(), Customer: Guid.NewGuid())).ToList();

        await Task.WhenAll(leads.SelectMany(l => new[]
        {
            app.PublishAndWaitAsync(Converted(l.Lead, OpportunitiesApp.RepA)), app.PublishAndWaitAsync(new CustomerLinkedToLead(l.Lead, l.Customer, true)),
        }));

        var ids = leads.Select(l => l.Lead).ToList();
        var opened = await app.WithDbAsync(db => db.Opportunities.AsNoTracking().Where(o => ids.Contains(o.LeadId!.Value)).ToDictionaryAsync(o => o.LeadId!.Value));
        Assert.All(leads, l => Assert.Equal(l.Customer, opened[l.Lead].CustomerId));
    }

    [Fact]
    public async Task TheWholePipeline_EachStageRefusedUntilItsCriteriaAreMet_ThenWonWithTheAcceptedQuote()
    {
        var code = await app.ProductAsync("FLOW-" + Guid.NewGuid().ToString("N")[..6], 10_000m, 6_000m, [new { minQuantity = 100m, unitPrice = 9_000m }]);
        var rep = app.Rep();
        var id = await app.OpenAsync();

        Assert.Equal(["initial-contact"], Missing(await Stage(rep, id, "needs-confirmation", expected: HttpStatusCode.UnprocessableEntity)));
        Assert.Equal(["skips:needs-confirmation", "initial-contact"], Missing(await Stage(rep, id, "方案匹配", expected: HttpStatusCode.UnprocessableEntity)));
        Assert.Equal(HttpStatusCode.Created, (await rep.PostAsJsonAsync($"/api/opportunities/{id}/activities", new { kind = "电话", note = "初次沟通，确认有检测需求" })).StatusCode);
        await Stage(rep, id, "需求确认");

        await rep.PutAsJsonAsync($"/api/opportunities/{id}/needs", new { painPoints = "漏检率高", budget = "100 万" });
        Assert.Equal(["needs-analysis"], Missing(await Stage(rep, id, "solution-matching", expected: HttpStatusCode.UnprocessableEntity)));
        await rep.PutAsJsonAsync($"/api/opportunities/{id}/needs",
            new { painPoints = "漏检率高", budget = "100 万", decisionProcess = "技术评估后采购总监、CFO 联签", decisionMakers = new[] { "采购总监", "CFO" } });
        await Stage(rep, id, "solution-matching");

        var refused = await Stage(rep, id, "decision-follow-up", expected: HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["issued-quote"], Missing(refused));
        Assert.Contains("issued-quote", refused.GetProperty("explained").GetRawText());
        using var quoted = await rep.PostAsJsonAsync($"/api/opportunities/{id}/quotes", new { lines = new[] { new { product = code, quantity = 100m } },
            penaltyClause = "逾期交付每日 0.05% 违约金" });
        var quote = await OpportunitiesApp.ReadAsync(quoted);
        Assert.Equal(HttpStatusCode.Created, quoted.StatusCode);
        Assert.Equal(("issued", 900_000m, 0.10m), (quote.GetProperty("status").GetString(), quote.GetProperty("total").GetDecimal(), quote.GetProperty("discount").GetDecimal()));
        await Stage(rep, id, "decision-follow-up");

        Assert.Equal(["decision-maker-engaged", "accepted-quote"], Missing(await Stage(rep, id, "won", expected: HttpStatusCode.UnprocessableEntity)));
        await rep.PostAsJsonAsync($"/api/opportunities/{id}/activities", new { kind = "高层会面", note = "与 CFO 会谈，确认投资回报" });
        var quoteId = quote.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsync($"/api/opportunities/{id}/quotes/{quoteId}/accept", null)).StatusCode);
        var won = await Stage(rep, id, "赢单");

        Assert.Equal(("won", 900_000m, 1.0m), (won.GetProperty("stage").GetString(), won.GetProperty("amount").GetDecimal(), won.GetProperty("probability").GetDecimal()));
        var wonEvent = Assert.Single(await app.EventsAsync<OpportunityWon>(id));
        var line = wonEvent.GetProperty("lines")[0];
        Assert.Equal((code, 100m, 9_000m), (line.GetProperty("productCode").GetString(), line.GetProperty("quantity").GetDecimal(),
            line.GetProperty("unitPrice").GetProperty("amount").GetDecimal()));
        Assert.Equal(quoteId, wonEvent.GetProperty("quoteId").GetGuid());
        Assert.Equal(900_000m, wonEvent.GetProperty("baseAmount").GetProperty("amount").GetProperty("amount").GetDecimal());
        var history = await OpportunitiesApp.ReadAsync(await rep.GetAsync($"/api/opportunities/{id}/history"));
        Assert.Equal([null, "prospect-identification", "needs-confirmation", "solution-matching", "decision-follow-up"],
            history.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("fromStage").ValueKind == JsonValueKind.Null ? null : c.GetProperty("fromStage").GetString()));
        // Opened, four moves, and the accepted quote's new amount: the pipeline changed six times.
        Assert.Equal(6, (await app.EventsAsync<OpportunityStageChanged>(id)).Count);
        Assert.Equal(HttpStatusCode.Conflict, (await rep.PostAsJsonAsync($"/api/opportunities/{id}/stage", new { stage = "lost", reason = "价格" })).StatusCode);
    }

    [Fact]
    public async Task MovingBack_NeedsAReason_Lost_NeedsAReasonAndKeepsTheCompetitor()
    {
        var rep = app.Rep();
        var id = await app.OpenAsync();
        await rep.PostAsJsonAsync($"/api/opportunities/{id}/activities", new { kind = "拜访", note = "现场调研" });
        await Stage(rep, id, "needs-confirmation");

        Assert.Equal(["reason"], Missing(await Stage(rep, id, "prospect-identification", expected: HttpStatusCode.UnprocessableEntity)));
        await Stage(rep, id, "prospect-identification", reason: "客户决策人变更，重新识别");
        Assert.Equal(["loss-reason"], Missing(await Stage(rep, id, "lost", expected: HttpStatusCode.UnprocessableEntity)));
        var lost = await Stage(rep, id, "丢单", reason: "价格过高", competitor: "某国际品牌");

        Assert.Equal(("lost", "price", "某国际品牌"), (lost.GetProperty("stage").GetString(), lost.GetProperty("lostReason").GetString(), lost.GetProperty("competitor").GetString()));
        var lostEvent = Assert.Single(await app.EventsAsync<OpportunityLost>(id));
        Assert.Equal(("price", "某国际品牌"), (lostEvent.GetProperty("reason").GetString(), lostEvent.GetProperty("competitor").GetString()));
    }

    [Fact]
    public async Task AQuoteAboveFifteenPercent_WaitsForTheOwnersManager_TheOwnerCannotApprove_ARejectionSaysWhy()
    {
        var code = await app.ProductAsync("DISC-" + Guid.NewGuid().ToString("N")[..6], 100m, 10m);
        var rep = app.Rep();
        var id = await app.OpenAsync();
        var fifteen = await OpportunitiesApp.ReadAsync(await rep.PostAsJsonAsync($"/api/opportunities/{id}/quotes",
            new { lines = new[] { new { product = code, quantity = 10m } }, extraDiscount = 0.15m }));
        var above = await OpportunitiesApp.ReadAsync(await rep.PostAsJsonAsync($"/api/opportunities/{id}/quotes",
            new { lines = new[] { new { product = code, quantity = 10m } }, extraDiscount = 0.1501m }));
        var aboveId = above.GetProperty("id").GetGuid();

        using var byOwner = await rep.PostAsJsonAsync($"/api/opportunities/{id}/quotes/{aboveId}/approve", new { comment = "自己批" });
        using var byOtherRep = await app.Client(Roles.Rep, OpportunitiesApp.RepB).PostAsJsonAsync($"/api/opportunities/{id}/quotes/{aboveId}/approve", new { });
        var manager = app.Client(Roles.CitySupervisor, OpportunitiesApp.Manager);
        using var rejectWithout = await manager.PostAsJsonAsync($"/api/opportunities/{id}/quotes/{aboveId}/reject", new { });
        var approved = await OpportunitiesApp.ReadAsync(await manager.PostAsJsonAsync($"/api/opportunities/{id}/quotes/{aboveId}/approve", new { comment = "战略客户" }));
        using var twice = await manager.PostAsJsonAsync($"/api/opportunities/{id}/quotes/{aboveId}/approve", new { });

        Assert.Equal(("issued", 1), (fifteen.GetProperty("status").GetString(), fifteen.GetProperty("version").GetInt32()));
        Assert.Equal(("pending-approval", 2), (above.GetProperty("status").GetString(), above.GetProperty("version").GetInt32()));
        Assert.Contains("15.01%", above.GetProperty("approvalReasons")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOtherRep.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithout.StatusCode);
        Assert.Equal(("issued", "战略客户"), (approved.GetProperty("status").GetString(), approved.GetProperty("decisionComment").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Single(await app.EventsAsync<QuoteApproved>(aboveId));
        Assert.Single(await app.EventsAsync<QuoteIssued>(aboveId));
        var notes = await OpportunitiesApp.ReadAsync(await manager.GetAsync("/api/opportunities/notifications?limit=500"));
        Assert.Contains(notes.GetProperty("items").EnumerateArray(), n => n.GetProperty("subject").GetString() == $"quote:{aboveId}");
    }

    [Fact]
    public async Task AnExpiredQuote_CannotBeAccepted_AndOnlyOneQuoteIsAccepted()
    {
        var code = await app.ProductAsync("EXP-" + Guid.NewGuid().ToString("N")[..6], 1_000m, 100m);
        var rep = app.Rep();
        var id = await app.OpenAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var first = await OpportunitiesApp.ReadAsync(await rep.PostAsJsonAsync($"/api/opportunities/{id}/quotes",
            new { lines = new[] { new { product = code, quantity = 1m } }, validUntil = today.AddDays(1) }));
        var second = await OpportunitiesApp.ReadAsync(await rep.PostAsJsonAsync($"/api/opportunities/{id}/quotes",
            new { lines = new[] { new { product = code, quantity = 2m } }, validUntil = today.AddDays(30) }));
        using var past = await rep.PostAsJsonAsync($"/api/opportunities/{id}/quotes", new { lines = new[] { new { product = code, quantity = 1m } }, validUntil = today.AddDays(-1) });

        app.Clock.Advance(TimeSpan.FromDays(2));
        using var expired = await rep.PostAsync($"/api/opportunities/{id}/quotes/{first.GetProperty("id").GetGuid()}/accept", null);
        using var accepted = await rep.PostAsync($"/api/opportunities/{id}/quotes/{second.GetProperty("id").GetGuid()}/accept", null);
        using var again = await rep.PostAsync($"/api/opportunities/{id}/quotes/{second.GetProperty("id").GetGuid()}/accept", null);

        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, expired.StatusCode);
        Assert.Contains("quote.expired", await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        var opportunity = await OpportunitiesApp.ReadAsync(await rep.GetAsync($"/api/opportunities/{id}"));
        Assert.Equal(2_000m, opportunity.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task AUsdDeal_IsWonWithItsAmountInCnyAtTheRateOfTheDay_AndTheRateDate()
    {
        await app.SavePolicyAsync(new ExchangeRatePolicy([new("USD", new DateOnly(2026, 1, 1), 7.10m), new("USD", new DateOnly(2026, 10, 15), 7.20m)]));
        var code = await app.ProductAsync("USD-" + Guid.NewGuid().ToString("N")[..6], 1_000m, 100m, currency: "USD");
        var rep = app.Rep();
        var id = await app.OpenAsync();
        await rep.PostAsJsonAsync($"/api/opportunities/{id}/activities", new { kind = "电话", note = "首次沟通" });
        await Stage(rep, id, "needs-confirmation");
        await rep.PutAsJsonAsync($"/api/opportunities/{id}/needs", new { painPoints = "p", budget = "b", decisionProcess = "d", decisionMakers = new[] { "CFO" } });
        await Stage(rep, id, "solution-matching");
        var quote = await OpportunitiesApp.ReadAsync(await rep.PostAsJsonAsync($"/api/opportunities/{id}/quotes", new { lines = new[] { new { product = code, quantity = 3m } } }));
        await Stage(rep, id, "decision-follow-up");
        await rep.PostAsJsonAsync($"/api/opportunities/{id}/activities", new { kind = "POC", note = "POC 通过" });
        await rep.PostAsync($"/api/opportunities/{id}/quotes/{quote.GetProperty("id").GetGuid()}/accept", null);
        await Stage(rep, id, "won");

        var won = Assert.Single(await app.EventsAsync<OpportunityWon>(id));
        Assert.Equal(("USD", 3_000m), (won.GetProperty("amount").GetProperty("currency").GetString(), won.GetProperty("amount").GetProperty("amount").GetDecimal()));
        var converted = won.GetProperty("baseAmount");
        Assert.Equal((21_600m, 7.20m, "2026-10-15"), (converted.GetProperty("amount").GetProperty("amount").GetDecimal(), converted.GetProperty("rate").GetDecimal(),
            converted.GetProperty("rateDate").GetString()));
        var board = await OpportunitiesApp.ReadAsync(await app.Admin().GetAsync("/api/opportunities/board"));
        Assert.True(board.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "won").GetProperty("amount").GetDecimal() >= 21_600m);
    }

    [Fact]
    public async Task Scope_AnotherRepGets404_TheManagerAndACollaboratorSeeIt_TheListFilters()
    {
        var rep = app.Rep();
        using var created = await rep.PostAsJsonAsync("/api/opportunities", new
        {
            name = "协同商机", customerName = "无锡新材料", amount = 100_000m, collaborators = new[] { OpportunitiesApp.Presales },
        });
        var id = (await OpportunitiesApp.ReadAsync(created)).GetProperty("id").GetGuid();
        using var missingCustomer = await rep.PostAsJsonAsync("/api/opportunities", new { name = "x", amount = 1m });
        using var otherTeam = await rep.PostAsJsonAsync("/api/opportunities", new { name = "x", customerName = "y", amount = 1m, ownerId = OpportunitiesApp.RepB });

        using var other = await app.Client(Roles.Rep, OpportunitiesApp.RepB).GetAsync($"/api/opportunities/{id}");
        using var otherStage = await app.Client(Roles.Rep, OpportunitiesApp.RepB).PostAsJsonAsync($"/api/opportunities/{id}/stage", new { stage = "lost", reason = "价格" });
        using var manager = await app.Client(Roles.CitySupervisor, OpportunitiesApp.Manager).GetAsync($"/api/opportunities/{id}");
        using var presales = await app.Client(Roles.Rep, OpportunitiesApp.Presales).GetAsync($"/api/opportunities/{id}");
        var list = await OpportunitiesApp.ReadAsync(await rep.GetAsync("/api/opportunities?stage=潜在客户识别&q=协同&limit=500"));
        using var badStage = await rep.GetAsync("/api/opportunities?stage=maybe");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (missingCustomer.StatusCode, otherTeam.StatusCode));
        Assert.Contains("customerId", await missingCustomer.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (other.StatusCode, otherStage.StatusCode));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (manager.StatusCode, presales.StatusCode));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.BadRequest, badStage.StatusCode);
    }

    [Fact]
    public async Task Grpc_GetAcceptedQuote_AnswersTheLinesAsExactDecimals_NotFoundWithoutOne()
    {
        var code = await app.ProductAsync("GRPC-" + Guid.NewGuid().ToString("N")[..6], 1_234.56m, 900m);
        var rep = app.Rep();
        var id = await app.OpenAsync();
        var none = await app.OpenAsync();
        var quote = await OpportunitiesApp.ReadAsync(await rep.PostAsJsonAsync($"/api/opportunities/{id}/quotes", new { lines = new[] { new { product = code, quantity = 3m } } }));
        await rep.PostAsync($"/api/opportunities/{id}/quotes/{quote.GetProperty("id").GetGuid()}/accept", null);
        using var channel = GrpcChannel.ForAddress(app.Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = app.Factory.Server.CreateHandler() });
        var client = new Protos.Opportunities.Opportunities.OpportunitiesClient(channel);

        var accepted = await client.GetAcceptedQuoteAsync(new GetAcceptedQuoteRequest { OpportunityId = id.ToString() });
        var opportunity = await client.GetOpportunityAsync(new GetOpportunityRequest { OpportunityId = id.ToString() });
        var missing = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(async () =>
            await client.GetAcceptedQuoteAsync(new GetAcceptedQuoteRequest { OpportunityId = none.ToString() }));

        Assert.Equal(("3703.68", "CNY", 1), (accepted.Total, accepted.Currency, accepted.Lines.Count));
        Assert.Equal((code, "3", "1234.56"), (accepted.Lines[0].ProductCode, accepted.Lines[0].Quantity.TrimEnd('0').TrimEnd('.'), accepted.Lines[0].UnitPrice));
        Assert.Equal((accepted.QuoteId, "3703.68"), (opportunity.AcceptedQuoteId, opportunity.Amount));
        Assert.Equal(global::Grpc.Core.StatusCode.NotFound, missing.StatusCode);
    }
}
