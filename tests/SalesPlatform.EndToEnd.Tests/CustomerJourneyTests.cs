using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesPlatform.Testing;

namespace SalesPlatform.EndToEnd.Tests;

/// <summary>From a converted lead to a customer, through the gateway, the real services and RabbitMQ.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CustomerJourneyTests(PlatformFixture platform)
{
    [Fact]
    public async Task ConvertedLead_BecomesTheRepsCustomerAndOpportunity_AndItsContractPassesTheCreditGate_OtherRepsGet404()
    {
        using var rep = await platform.StaffAsync("rep.east@demo");
        var company = "苏州旭日精密" + Guid.NewGuid().ToString("N")[..6] + "有限公司";
        var created = await rep.PostAsJsonAsync("/api/leads", PlatformFixture.Lead(company));
        var lead = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(created.StatusCode == HttpStatusCode.Created, lead.ToString());
        var leadId = lead.GetProperty("id").GetGuid();
        await platform.WaitUntilAssignedAsync(leadId);

        Assert.Equal(HttpStatusCode.Created, (await rep.PostAsJsonAsync($"/api/leads/{leadId}/activities",
            new { kind = "拜访", outcome = "确认需求与预算" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsJsonAsync($"/api/leads/{leadId}/convert", new { opportunityName = "二期产线" })).StatusCode);

        JsonElement customer = default;
        await Eventually.UntilAsync(async () =>
        {
            var page = JsonDocument.Parse(await rep.GetStringAsync($"/api/customers?q={Uri.EscapeDataString(company)}")).RootElement;
            if (page.GetProperty("total").GetInt64() != 1)
            {
                return false;
            }

            customer = page.GetProperty("items")[0];
            return true;
        }, TimeSpan.FromSeconds(30), "the converted lead's customer appears for its rep");

        Assert.Equal("manufacturing", customer.GetProperty("industry").GetString());
        using var other = await platform.StaffAsync("rep.north@demo");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/customers/{customer.GetProperty("id").GetGuid()}")).StatusCode);
        var timeline = JsonDocument.Parse(await rep.GetStringAsync($"/api/customers/{customer.GetProperty("id").GetGuid()}/timeline")).RootElement;
        Assert.Equal("lead.converted", timeline.GetProperty("items")[0].GetProperty("kind").GetString());

        // The same conversion opened exactly one opportunity, which learnt its customer from customers' event.
        var customerId = customer.GetProperty("id").GetGuid();
        JsonElement opportunity = default;
        await Eventually.UntilAsync(async () =>
        {
            var page = JsonDocument.Parse(await rep.GetStringAsync($"/api/opportunities?q={Uri.EscapeDataString(company)}")).RootElement;
            if (page.GetProperty("total").GetInt64() != 1 || page.GetProperty("items")[0].GetProperty("customerId").ValueKind != JsonValueKind.String)
            {
                return false;
            }

            opportunity = page.GetProperty("items")[0];
            return true;
        }, TimeSpan.FromSeconds(30), "the converted lead's opportunity appears with its customer");
        Assert.Equal(customerId, opportunity.GetProperty("customerId").GetGuid());
        Assert.Equal(("二期产线", "prospect-identification"), (opportunity.GetProperty("name").GetString(), opportunity.GetProperty("stage").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/opportunities/{opportunity.GetProperty("id").GetGuid()}")).StatusCode);

        // A contract for that customer passes the credit gate: contracts asks customers over gRPC, found through service discovery.
        using var drafted = await rep.PostAsJsonAsync("/api/contracts", new
        {
            title = "二期产线视觉检测合同", customerId, customerName = company, amount = 499_999.99m, currency = "CNY",
            lines = new[] { new { productCode = "VIS-200", productName = "视觉检测工作站", quantity = 1m, unitPrice = 499_999.99m } },
        });
        var contract = JsonDocument.Parse(await drafted.Content.ReadAsStringAsync()).RootElement;
        Assert.True(drafted.StatusCode == HttpStatusCode.Created, contract.ToString());
        using var submitted = await rep.PostAsync($"/api/contracts/{contract.GetProperty("id").GetGuid()}/submit", null);
        var submission = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement;
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, submission.ToString());
        Assert.Equal(("low", "sales-director"), (submission.GetProperty("riskRating").GetString(),
            submission.GetProperty("requiredApprovals")[0].GetProperty("roles")[0].GetString()));
    }
}
