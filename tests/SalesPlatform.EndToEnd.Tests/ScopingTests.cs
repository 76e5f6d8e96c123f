using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace SalesPlatform.EndToEnd.Tests;

/// <summary>Data scoping through the gateway on the real leads service: partners, reps, managers, roles.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ScopingTests(PlatformFixture platform)
{
    [Fact]
    public async Task PartnerLeads_AreInvisibleToAnotherPartner_ByIdAndInTheList()
    {
        var (partnerA, clientA) = await platform.PartnerAsync("E2E Partner A " + Guid.NewGuid().ToString("N")[..6]);
        var (_, clientB) = await platform.PartnerAsync("E2E Partner B " + Guid.NewGuid().ToString("N")[..6]);

        var created = await clientA.PostAsJsonAsync("/api/leads", PlatformFixture.Lead("Partner A Referral Co"));
        var createdBody = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdBody);
        var lead = JsonDocument.Parse(createdBody).RootElement;
        var leadId = lead.GetProperty("id").GetGuid();
        Assert.Equal(partnerA, lead.GetProperty("partnerId").GetGuid());

        Assert.Equal(HttpStatusCode.OK, (await clientA.GetAsync($"/api/leads/{leadId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync($"/api/leads/{leadId}")).StatusCode);
        Assert.Contains(leadId, await ListIdsAsync(clientA));
        Assert.DoesNotContain(leadId, await ListIdsAsync(clientB));
        // A partner may not work leads, even its own.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await clientA.PostAsJsonAsync($"/api/leads/{leadId}/disqualify", new { reason = "test" })).StatusCode);
    }

    [Fact]
    public async Task StaffLead_IsScopedByRoleAndHierarchy()
    {
        using var rep = await platform.StaffAsync("rep.east@demo");
        var created = await rep.PostAsJsonAsync("/api/leads", PlatformFixture.Lead("Scoping Matrix Co"));
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var leadId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        await platform.WaitUntilAssignedAsync(leadId);

        using var anonymous = platform.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/leads/{leadId}")).StatusCode);

        // The owner and everyone above them in the hierarchy see it; staff outside the line do not.
        foreach (var (email, expected) in new[]
                 {
                     ("rep.east@demo", HttpStatusCode.OK),
                     ("supervisor.suzhou@demo", HttpStatusCode.OK),
                     ("manager.jiangsu@demo", HttpStatusCode.OK),
                     ("manager.east@demo", HttpStatusCode.OK),
                     ("admin@demo", HttpStatusCode.OK),
                     ("finance@demo", HttpStatusCode.NotFound),
                     ("service@demo", HttpStatusCode.NotFound),
                 })
        {
            using var client = await platform.StaffAsync(email);
            Assert.True(expected == (await client.GetAsync($"/api/leads/{leadId}")).StatusCode, $"{email} reading the rep's lead");
        }

        // Reassignment is a manager's action: the rep is refused with 403.
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsJsonAsync($"/api/leads/{leadId}/assign",
            new { ownerId = Guid.NewGuid(), reason = "test" })).StatusCode);
    }

    [Fact]
    public async Task TokenFromIdentity_IsAcceptedByTheLeadsServiceDirectly()
    {
        var direct = platform.Platform.App.GetEndpoint("leads", "http");
        using var rep = await platform.StaffAsync("rep.east@demo", direct);

        var response = await rep.GetAsync("/api/leads");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<List<Guid>> ListIdsAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/leads?limit=200");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }
}
