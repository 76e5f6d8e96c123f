using System.Net;
using System.Net.Http.Json;
using SalesPlatform.Events.Leads;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Tests.Api;

/// <summary>A portal that retries a lead capture after a timeout gets the first lead, not a second one.</summary>
public sealed class IdempotentCaptureTests(LeadsApp app) : IClassFixture<LeadsApp>
{
    [Fact]
    public async Task PostLead_RetriedWithTheSameIdempotencyKey_CreatesOneLeadAndOneEvent()
    {
        var partner = Guid.CreateVersion7();
        var client = app.Client(Roles.Partner, partner: partner);
        var body = LeadsApp.LeadBody($"retry-{Guid.NewGuid():N}@example.com", source: "partner-referral");
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/leads") { Content = JsonContent.Create(body, options: LeadsApp.Json) };
            request.Headers.Add(IdempotencyMiddleware.HeaderName, key);
            return await client.SendAsync(request);
        }

        using var first = await PostAsync();
        using var retry = await PostAsync();
        var id = (await first.ReadJsonAsync()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(id, (await retry.ReadJsonAsync()).GetProperty("id").GetGuid());
        Assert.Single(await app.EventsAsync<LeadCaptured>(id));
        Assert.Equal(1, await app.DbAsync(db => Task.FromResult(db.Leads.Count(l => l.PartnerId == partner))));
    }
}
