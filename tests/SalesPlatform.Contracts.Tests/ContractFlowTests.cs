using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Leads.FakeTeamPerformance;

namespace SalesPlatform.Contracts.Tests;

/// <summary>Contracts on real servers: the matrix, the modes, wrong and double approvals, rejection, the credit gate, signing, plans and payments.</summary>
public sealed class ContractFlowTests(ContractsApp app) : IClassFixture<ContractsApp>
{
    private static async Task<JsonElement> Post(HttpClient client, string url, object? body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(url, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    private HttpClient As(string role) => app.Client(role, Guid.CreateVersion7());

    [Theory]
    [InlineData("499999.99", "sales-director")]
    [InlineData("500000.00", "finance,legal,vp")]
    public async Task Submit_AnswersTheRequiredApprovalsOfTheAmountsBand(string amount, string roles)
    {
        var (id, _) = await app.DraftAsync(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));

        var submitted = await Post(app.Rep(), $"/api/contracts/{id}/submit", null, HttpStatusCode.OK);

        var step = Assert.Single(submitted.GetProperty("requiredApprovals").EnumerateArray());
        Assert.Equal(roles, string.Join(",", step.GetProperty("roles").EnumerateArray().Select(r => r.GetString())));
        Assert.Equal(roles.Contains(',') ? "all" : "any", step.GetProperty("mode").GetString());
        Assert.Equal(("in-review", "pending", 1), (submitted.GetProperty("contract").GetProperty("status").GetString(),
            submitted.GetProperty("contract").GetProperty("approvalStatus").GetString(), submitted.GetProperty("contract").GetProperty("round").GetInt32()));
    }

    [Fact]
    public async Task CoSigning_FinanceLegalAndVpInAnyOrder_OncePerRole_AWrongRoleIs403_ApprovedOnlyWithLegalsReview()
    {
        var (id, _) = await app.DraftAsync(900_000m);
        await Post(app.Rep(), $"/api/contracts/{id}/submit", null, HttpStatusCode.OK);

        await Post(As(Roles.SalesDirector), $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.Forbidden);
        await Post(app.Rep(), $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.Forbidden);
        await Post(As(Roles.Vp), $"/api/contracts/{id}/approvals", new { decision = "approve", comment = "同意" }, HttpStatusCode.OK);
        await Post(As(Roles.Vp), $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.Conflict);
        await Post(As(Roles.Finance), $"/api/contracts/{id}/approvals", new { decision = "同意" }, HttpStatusCode.OK);
        var afterAll = await Post(As(Roles.Legal), $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.OK);
        Assert.Equal(("in-review", "pending"), (afterAll.GetProperty("status").GetString(), afterAll.GetProperty("approvalStatus").GetString()));

        await app.PassLegalAsync(id);
        var contract = await ContractsApp.ReadAsync(await app.Rep().GetAsync($"/api/contracts/{id}"));
        Assert.Equal(("approved", "approved"), (contract.GetProperty("status").GetString(), contract.GetProperty("approvalStatus").GetString()));
        Assert.Single(await app.EventsAsync<ContractApproved>(id));
        Assert.Equal(3, (await app.EventsAsync<ContractApprovalRecorded>(id)).Count);
        var audit = await ContractsApp.ReadAsync(await As(Roles.Auditor).GetAsync($"/api/contracts/{id}/audit"));
        Assert.Equal(["drafted", "submitted", "approved:vp", "approved:finance", "approved:legal", "legal-review-passed", "approval-complete"],
            audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task InSequence_OnlyTheNextRoleMayDecide()
    {
        await app.SavePolicyAsync(ApprovalPolicyWithSequence());
        try
        {
            var (id, _) = await app.DraftAsync(2_000_000m);
            await Post(app.Rep(), $"/api/contracts/{id}/submit", null, HttpStatusCode.OK);

            await Post(As(Roles.Vp), $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.Forbidden);
            await Post(As(Roles.Legal), $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.OK);
            await Post(As(Roles.Vp), $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.Forbidden);
            await Post(As(Roles.Finance), $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.OK);
            var last = await Post(As(Roles.Vp), $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.OK);
            Assert.Empty(last.GetProperty("awaitingRoles").EnumerateArray());
        }
        finally
        {
            await app.SavePolicyAsync(SalesPlatform.Contracts.Domain.ApprovalPolicy.Default);
        }
    }

    private static SalesPlatform.Contracts.Domain.ApprovalPolicy ApprovalPolicyWithSequence() => SalesPlatform.Contracts.Domain.ApprovalPolicy.Default with
    {
        Bands =
        [
            new(0m, 1_000_000m, [new([Roles.SalesDirector], "any")]),
            new(1_000_000m, null, [new([Roles.Legal, Roles.Finance, Roles.Vp], "in-sequence")]),
        ],
    };

    [Fact]
    public async Task ARejection_ReturnsTheDraftWithTheReason_AndResubmissionStartsANewRound()
    {
        var (id, _) = await app.DraftAsync(100_000m);
        await Post(app.Rep(), $"/api/contracts/{id}/submit", null, HttpStatusCode.OK);
        var director = As(Roles.SalesDirector);
        await Post(director, $"/api/contracts/{id}/approvals", new { decision = "reject" }, HttpStatusCode.BadRequest);

        var rejected = await Post(director, $"/api/contracts/{id}/approvals", new { decision = "驳回", comment = "付款条件过于宽松" }, HttpStatusCode.OK);
        Assert.Equal(("draft", "rejected", "付款条件过于宽松"), (rejected.GetProperty("status").GetString(), rejected.GetProperty("approvalStatus").GetString(),
            rejected.GetProperty("rejectionReason").GetString()));
        await Post(director, $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.Conflict);
        var again = await Post(app.Rep(), $"/api/contracts/{id}/submit", null, HttpStatusCode.OK);
        var approved = await Post(director, $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.OK);

        Assert.Equal(2, again.GetProperty("contract").GetProperty("round").GetInt32());
        Assert.Equal("pending", approved.GetProperty("approvalStatus").GetString());
        Assert.Single(await app.EventsAsync<ContractRejected>(id));
    }

    [Fact]
    public async Task CreditGate_BlacklistedIsRefusedWithTheReason_HighRiskNeedsThirtyPercentDeposit()
    {
        var (blacklisted, customer) = await app.DraftAsync(100_000m);
        app.Customers.Profiles[customer] = FakeCustomersServer.Profile(customer, "high", blacklisted: true, reason: "连续三期逾期");
        var (risky, riskyCustomer) = await app.DraftAsync(100_000m, deposit: 0.29m);
        app.Customers.Profiles[riskyCustomer] = FakeCustomersServer.Profile(riskyCustomer, "high");

        var refused = await Post(app.Rep(), $"/api/contracts/{blacklisted}/submit", null, HttpStatusCode.UnprocessableEntity);
        var deposit = await Post(app.Rep(), $"/api/contracts/{risky}/submit", null, HttpStatusCode.UnprocessableEntity);
        using var patched = await app.Rep().PatchAsJsonAsync($"/api/contracts/{risky}", new { depositShare = 0.30m });
        var submitted = await Post(app.Rep(), $"/api/contracts/{risky}/submit", null, HttpStatusCode.OK);

        Assert.Contains("连续三期逾期", refused.GetProperty("detail").GetString());
        Assert.Equal("contract.customer-blacklisted", refused.GetProperty("code").GetString());
        Assert.Equal(["depositShare"], deposit.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("high", submitted.GetProperty("riskRating").GetString());
    }

    [Fact]
    public async Task CustomersDown_SubmitIs503_AndNothingChanged()
    {
        var (id, _) = await app.DraftAsync(100_000m);
        await app.Customers.StopAsync();
        try
        {
            var down = await Post(app.Rep(), $"/api/contracts/{id}/submit", null, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("customers.unavailable", down.GetProperty("code").GetString());
        }
        finally
        {
            await app.Customers.StartAgainAsync();
        }

        var contract = await ContractsApp.ReadAsync(await app.Rep().GetAsync($"/api/contracts/{id}"));
        Assert.Equal(("draft", "none", 0), (contract.GetProperty("status").GetString(), contract.GetProperty("approvalStatus").GetString(), contract.GetProperty("round").GetInt32()));
        Assert.Empty(await app.EventsAsync<ContractSubmitted>(id));
    }

    private async Task<Guid> ApprovedAsync(decimal amount)
    {
        var (id, _) = await app.DraftAsync(amount);
        await app.PassLegalAsync(id);
        await Post(app.Rep(), $"/api/contracts/{id}/submit", null, HttpStatusCode.OK);
        await Post(As(Roles.SalesDirector), $"/api/contracts/{id}/approvals", new { decision = "approve" }, HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task Signing_StoresTheDocumentsHash_TheDownloadIsExactlyThoseBytes_TheContractIsImmutable_AnAmendmentIsANewVersion()
    {
        var id = await ApprovedAsync(300_000m);
        await Post(app.Rep(), $"/api/contracts/{id}/sign", new { signer = "王芳" }, HttpStatusCode.UnprocessableEntity);
        using var plan = await app.Rep().PutAsJsonAsync($"/api/contracts/{id}/plan",
            new { instalments = new[] { new { dueDate = "2027-01-31", amount = 90_000m }, new { dueDate = "2027-04-30", amount = 210_000m } } });
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        var signed = await Post(app.Rep(), $"/api/contracts/{id}/sign", new { signer = "王芳（苏州精密机械有限公司）" }, HttpStatusCode.OK);

        using var document = await app.Rep().GetAsync($"/api/contracts/{id}/document");
        var bytes = await document.Content.ReadAsByteArrayAsync();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(signed.GetProperty("documentSha256").GetString(), hash);
        Assert.Equal(hash, document.Headers.GetValues("X-Content-SHA256").Single());
        Assert.Contains("300000.00", System.Text.Encoding.UTF8.GetString(bytes));

        using var edit = await app.Rep().PatchAsJsonAsync($"/api/contracts/{id}", new { title = "改" });
        using var replan = await app.Rep().PutAsJsonAsync($"/api/contracts/{id}/plan", new { instalments = new[] { new { dueDate = "2027-01-31", amount = 300_000m } } });
        await Post(app.Rep(), $"/api/contracts/{id}/sign", new { signer = "x" }, HttpStatusCode.Conflict);
        await Post(app.Rep(), $"/api/contracts/{id}/submit", null, HttpStatusCode.Conflict);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (edit.StatusCode, replan.StatusCode));
        var amendment = await Post(app.Rep(), $"/api/contracts/{id}/amendments", null, HttpStatusCode.Created);
        Assert.Equal((2, id, "draft"), (amendment.GetProperty("version").GetInt32(), amendment.GetProperty("previousVersionId").GetGuid(),
            amendment.GetProperty("status").GetString()));
        using var again = await app.Rep().GetAsync($"/api/contracts/{id}/document");
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
        var signedEvent = Assert.Single(await app.EventsAsync<ContractSigned>(id));
        Assert.Equal(300_000m, signedEvent.GetProperty("baseAmount").GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal("VIS-200", signedEvent.GetProperty("lines")[0].GetProperty("productCode").GetString());
    }

    [Fact]
    public async Task PaymentPlan_MustAddUpExactly_PaymentsMayBePartial_NeverMoreThanOwed_TheLastCompletesTheContract()
    {
        var id = await ApprovedAsync(100_000m);
        using var short1 = await app.Rep().PutAsJsonAsync($"/api/contracts/{id}/plan",
            new { instalments = new[] { new { dueDate = "2027-01-31", amount = 30_000m }, new { dueDate = "2027-03-31", amount = 69_999.99m } } });
        var problem = await ContractsApp.ReadAsync(short1);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, short1.StatusCode);
        Assert.Equal(0.01m, problem.GetProperty("difference").GetDecimal());
        Assert.Contains("0.01", problem.GetProperty("detail").GetString());
        var plan = await ContractsApp.ReadAsync(await app.Rep().PutAsJsonAsync($"/api/contracts/{id}/plan",
            new { instalments = new[] { new { dueDate = "2027-01-31", amount = 30_000m }, new { dueDate = "2027-03-31", amount = 70_000m } } }));
        await Post(app.Rep(), $"/api/contracts/{id}/sign", new { signer = "王芳" }, HttpStatusCode.OK);
        var first = plan.GetProperty("instalments")[0].GetProperty("id").GetGuid();
        var second = plan.GetProperty("instalments")[1].GetProperty("id").GetGuid();
        var finance = As(Roles.Finance);

        await Post(app.Rep(), $"/api/contracts/{id}/payments", new { instalmentId = first, amount = 10_000m }, HttpStatusCode.Forbidden);
        var partly = await Post(finance, $"/api/contracts/{id}/payments", new { instalmentId = first, amount = 10_000m, reference = "回单 001" }, HttpStatusCode.Created);
        var over = await Post(finance, $"/api/contracts/{id}/payments", new { instalmentId = first, amount = 20_000.01m }, HttpStatusCode.UnprocessableEntity);
        await Post(finance, $"/api/contracts/{id}/payments", new { instalmentId = first, amount = 20_000m }, HttpStatusCode.Created);
        await Post(finance, $"/api/contracts/{id}/payments", new { instalmentId = second, amount = 70_000m }, HttpStatusCode.Created);

        Assert.Equal(("partly-paid", 20_000m), (partly.GetProperty("status").GetString(), partly.GetProperty("outstanding").GetDecimal()));
        Assert.Equal("payment.overpaid", over.GetProperty("code").GetString());
        var contract = await ContractsApp.ReadAsync(await app.Rep().GetAsync($"/api/contracts/{id}"));
        Assert.Equal("completed", contract.GetProperty("status").GetString());
        Assert.Equal(3, (await app.EventsAsync<PaymentReceived>(id)).Count);
        Assert.Single(await app.EventsAsync<ContractFullyPaid>(id));
    }

    [Fact]
    public async Task ADuplicatedOpportunityWon_DraftsExactlyOneContract_WithTheQuoteLines()
    {
        var (opportunity, customer) = (Guid.NewGuid(), Guid.NewGuid());
        var line = new QuoteLine("KIT-VISION", "视觉检测套装", "bundle", 10, new Money(12_500m, "CNY"), new Money(12_000m, "CNY"), 0.04m, new Money(7_000m, "CNY"),
            new Money(120_000m, "CNY"));
        var won = new OpportunityWon(opportunity, customer, ContractsApp.RepA, new Money(120_000m, "CNY"), DateTimeOffset.UtcNow.AddDays(-30), null, null, true,
            Guid.NewGuid(), [line], null, new Money(70_000m, "CNY"));

        await app.PublishAndWaitAsync(won);
        await app.PublishAndWaitAsync(won);
        await app.PublishAndWaitAsync(won with { EventId = Guid.CreateVersion7() });

        var drafts = await app.WithDbAsync(db => db.Contracts.AsNoTracking().Where(c => c.OpportunityId == opportunity).ToListAsync());
        var draft = Assert.Single(drafts);
        Assert.Equal((customer, 120_000m, "draft", "KIT-VISION", 10m), (draft.CustomerId, draft.Amount, draft.Status, draft.Lines[0].ProductCode, draft.Lines[0].Quantity));
        Assert.Single(await app.EventsAsync<ContractDrafted>(draft.Id));
    }

    [Fact]
    public async Task Scope_AnotherRepGets404_TheAuditorAndFinanceReadEveryContract()
    {
        var (id, _) = await app.DraftAsync(50_000m);

        using var other = await app.Client(Roles.Rep, ContractsApp.RepB).GetAsync($"/api/contracts/{id}");
        using var otherSubmit = await app.Client(Roles.Rep, ContractsApp.RepB).PostAsync($"/api/contracts/{id}/submit", null);
        using var auditor = await As(Roles.Auditor).GetAsync($"/api/contracts/{id}/audit");
        using var finance = await As(Roles.Finance).GetAsync($"/api/contracts/{id}");
        using var manager = await app.Client(Roles.CitySupervisor, ContractsApp.Manager).GetAsync($"/api/contracts/{id}");
        using var legalByRep = await app.Rep().PutAsJsonAsync($"/api/contracts/{id}/legal-review", new { items = Array.Empty<object>() });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (other.StatusCode, otherSubmit.StatusCode));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (auditor.StatusCode, finance.StatusCode, manager.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, legalByRep.StatusCode);
    }

    [Fact]
    public async Task Void_NeedsAReason_EndsAnUnsignedContract_NeverASignedOne()
    {
        var (draft, _) = await app.DraftAsync(10_000m);
        var signed = await ApprovedAsync(20_000m);
        await app.Rep().PutAsJsonAsync($"/api/contracts/{signed}/plan", new { instalments = new[] { new { dueDate = "2027-01-31", amount = 20_000m } } });
        await Post(app.Rep(), $"/api/contracts/{signed}/sign", new { signer = "王芳" }, HttpStatusCode.OK);

        await Post(app.Rep(), $"/api/contracts/{draft}/void", new { }, HttpStatusCode.BadRequest);
        var voided = await Post(app.Rep(), $"/api/contracts/{draft}/void", new { reason = "客户取消采购" }, HttpStatusCode.OK);
        await Post(app.Rep(), $"/api/contracts/{draft}/submit", null, HttpStatusCode.Conflict);
        await Post(app.Rep(), $"/api/contracts/{signed}/void", new { reason = "x" }, HttpStatusCode.Conflict);

        Assert.Equal("void", voided.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ADraftByHandFromAWonOpportunity_TakesTheAcceptedQuoteOverGrpc_OnceOnly()
    {
        var (opportunity, none) = (Guid.NewGuid(), Guid.NewGuid());
        var quote = new SalesPlatform.Protos.Opportunities.AcceptedQuote
        {
            QuoteId = Guid.NewGuid().ToString(), OpportunityId = opportunity.ToString(), Version = 2, Currency = "CNY", Total = "27000.00", Cost = "18000",
            PenaltyClause = "逾期交付每日 0.05% 违约金",
        };
        quote.Lines.Add(new SalesPlatform.Protos.Opportunities.QuoteLine { ProductCode = "VIS-200", ProductName = "视觉检测工作站", Quantity = "3", UnitPrice = "9000.00", Total = "27000.00" });
        app.Opportunities.Quotes[opportunity] = quote;
        var body = new { title = "赢单合同", customerId = Guid.NewGuid(), opportunityId = opportunity };

        var drafted = await Post(app.Rep(), "/api/contracts", body, HttpStatusCode.Created);
        await Post(app.Rep(), "/api/contracts", body, HttpStatusCode.Conflict);
        await Post(app.Rep(), "/api/contracts", new { title = "无报价", customerId = Guid.NewGuid(), opportunityId = none }, HttpStatusCode.UnprocessableEntity);
        await app.Opportunities.StopAsync();
        try
        {
            await Post(app.Rep(), "/api/contracts", new { title = "下线", customerId = Guid.NewGuid(), opportunityId = Guid.NewGuid() }, HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await app.Opportunities.StartAgainAsync();
        }

        Assert.Equal((27_000m, "VIS-200", 3m, "逾期交付每日 0.05% 违约金"), (drafted.GetProperty("amount").GetDecimal(), drafted.GetProperty("lines")[0].GetProperty("productCode").GetString(),
            drafted.GetProperty("lines")[0].GetProperty("quantity").GetDecimal(), drafted.GetProperty("penaltyClause").GetString()));
        Assert.Equal(opportunity, drafted.GetProperty("opportunityId").GetGuid());
    }
}
