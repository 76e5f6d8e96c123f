using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesPlatform.Domain;
using SalesPlatform.Events.Leads;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.FakeTeamPerformance;
using SalesPlatform.Leads.Jobs;

namespace SalesPlatform.Leads.Tests.Api;

/// <summary>The lead pool (線索池) on a fake clock: claim rules, release, automatic return with a warning, and the ownership history.</summary>
public sealed class PoolTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private static readonly Guid Claimer = Guid.CreateVersion7(), Outsider = Guid.CreateVersion7();

    private async Task<Guid> PoolLeadAsync()
    {
        // Energy in Suzhou: the East China rule matches, but no rep there does energy, so it waits in the pool.
        var lead = await app.Client(Roles.Admin).PostJsonAsync("/api/leads",
            LeadsApp.LeadBody($"pool-{Guid.NewGuid():N}@example.com", industry: "energy"), HttpStatusCode.Created);
        Assert.True(lead.GetProperty("queued").GetBoolean(), lead.ToString());
        return lead.GetProperty("id").GetGuid();
    }

    private async Task SetPolicyAsync(PoolPolicy policy)
    {
        var admin = app.Client(Roles.Admin);
        var version = (await admin.GetJsonAsync("/api/leads/policies/pool")).GetProperty("version").GetInt32();
        using var saved = await admin.PutAsJsonAsync($"/api/leads/policies/pool?version={version}&reason=test", policy, LeadsApp.Json);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static async Task<HttpStatusCode> ClaimAsync(HttpClient client, Guid id)
    {
        using var response = await client.PostAsync($"/api/leads/{id}/claim", null);
        return response.StatusCode;
    }

    [Fact]
    public async Task Claim_InTerritory_CappedPerBeijingDay_FormerOwnerCoolsDown_OutsiderSeesNothing()
    {
        app.TeamPerformance.Coverage[Claimer] = [new FakeArea("East China", "Jiangsu")];
        await SetPolicyAsync(PoolPolicy.Default with { DailyClaimCap = 3 });
        // 23:00 Beijing time: the next reporting day starts an hour later.
        var beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeZoneInfo.ConvertTime(app.FakeClock.GetUtcNow(), beijing);
        app.FakeClock.Advance(local.Date.AddHours(23) > local.DateTime ? local.Date.AddHours(23) - local.DateTime : local.Date.AddDays(1).AddHours(23) - local.DateTime);
        var leads = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            leads.Add(await PoolLeadAsync());
        }

        var claimer = app.Client(Roles.Rep, Claimer);
        var pool = (await claimer.GetJsonAsync("/api/leads/pool?limit=500")).GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetGuid());
        Assert.Superset(leads.ToHashSet(), pool.ToHashSet());
        Assert.Empty((await app.Client(Roles.Rep, Outsider).GetJsonAsync("/api/leads/pool")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, await ClaimAsync(app.Client(Roles.Rep, Outsider), leads[0]));

        Assert.Equal(HttpStatusCode.OK, await ClaimAsync(claimer, leads[0]));
        Assert.Equal(HttpStatusCode.NotFound, await ClaimAsync(claimer, leads[0])); // no longer in the pool
        Assert.Equal(HttpStatusCode.OK, await ClaimAsync(claimer, leads[1]));
        await claimer.PostJsonAsync($"/api/leads/{leads[0]}/release", new { reason = "客户暂无需求" }, HttpStatusCode.OK);
        using (var again = await claimer.PostAsync($"/api/leads/{leads[0]}/claim", null))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
            Assert.Equal("lead.claim-cooldown", (await again.ReadJsonAsync()).GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, await ClaimAsync(claimer, leads[2]));
        using (var capped = await claimer.PostAsync($"/api/leads/{leads[3]}/claim", null))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, capped.StatusCode);
            Assert.Equal("lead.claim-cap", (await capped.ReadJsonAsync()).GetProperty("code").GetString());
        }

        app.FakeClock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1)); // 00:01 Beijing: a new day, a new cap
        Assert.Equal(HttpStatusCode.OK, await ClaimAsync(claimer, leads[3]));

        var history = (await app.Client(Roles.Admin).GetJsonAsync($"/api/leads/{leads[0]}/ownership")).GetProperty("items").EnumerateArray()
            .Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("toOwner").ValueKind == JsonValueKind.Null ? (Guid?)null : c.GetProperty("toOwner").GetGuid()))
            .ToList();
        Assert.Equal([("claimed", Claimer), ("released", null)], history);
        Assert.Single(await app.EventsAsync<LeadReturnedToPool>(leads[0]));
        Assert.Equal(2, (await app.EventsAsync<LeadAssigned>(leads[0])).Count + (await app.EventsAsync<LeadAssigned>(leads[1])).Count);
    }

    [Fact]
    public async Task PoolReturn_LeadNotWorked_OwnerWarnedOnceThenItGoesBackToThePool()
    {
        await SetPolicyAsync(PoolPolicy.Default);
        var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody($"ret-{Guid.NewGuid():N}@example.com"), HttpStatusCode.Created);
        var id = lead.GetProperty("id").GetGuid();
        Assert.Equal("A", lead.GetProperty("grade").GetString());
        var owner = app.Client(Roles.Rep, lead.GetProperty("ownerId").GetGuid());
        Task<int> RunAsync() => app.ServiceAsync<PoolReturn, int>(job => job.RunOnceAsync(CancellationToken.None));
        async Task<List<string>> KindsAsync() =>
            [.. (await owner.GetJsonAsync("/api/leads/notifications?limit=500")).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("subject").GetString() == $"lead:{id}" && n.GetProperty("kind").GetString()!.Contains("pool", StringComparison.Ordinal))
                .Select(n => n.GetProperty("kind").GetString()!)];

        app.FakeClock.Advance(TimeSpan.FromDays(11) - TimeSpan.FromMinutes(1)); // grade A returns after 14 days, warned 3 days before
        await RunAsync();
        Assert.Empty(await KindsAsync());

        app.FakeClock.Advance(TimeSpan.FromMinutes(2));
        await RunAsync();
        await RunAsync();
        Assert.Equal(["lead.pool-return-soon"], await KindsAsync());

        app.FakeClock.Advance(TimeSpan.FromDays(3));
        Assert.True(await RunAsync() >= 1);

        var back = await app.Client(Roles.Admin).GetJsonAsync($"/api/leads/{id}");
        Assert.Equal(JsonValueKind.Null, back.GetProperty("ownerId").ValueKind);
        Assert.Equal("queued", back.GetProperty("status").GetString());
        Assert.Equal(["lead.returned-to-pool", "lead.pool-return-soon"], await KindsAsync());
        Assert.Equal("returned", Assert.Single(await app.EventsAsync<LeadReturnedToPool>(id)).GetProperty("kind").GetString());
        var history = (await app.Client(Roles.Admin).GetJsonAsync($"/api/leads/{id}/ownership")).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["assigned", "returned"], history);
    }

    [Fact]
    public void PoolPolicy_WarningOutsideAGradesPeriod_NamesTheField()
    {
        Assert.Empty(PoolPolicy.Default.Validate());
        Assert.Contains("warnDaysBefore", (PoolPolicy.Default with { WarnDaysBefore = 14 }).Validate().Keys);
        Assert.Contains("dailyClaimCap", (PoolPolicy.Default with { DailyClaimCap = 0 }).Validate().Keys);
    }
}
