using System.Net;
using Microsoft.Extensions.Time.Testing;
using SalesPlatform.Events.Leads;
using SalesPlatform.Leads.Jobs;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Tests.Api;

/// <summary>The leads service on a fake clock; the SLA scan is run by the tests.</summary>
public sealed class FakeClockApp : LeadsApp
{
    public FakeTimeProvider FakeClock { get; } = new(DateTimeOffset.UtcNow);

    public override TimeProvider Clock => FakeClock;

    protected override void Configure(IDictionary<string, string?> settings) => settings["Messaging:Outbox:RelayEnabled"] = "false";

    public Task<int> ScanAsync() => ServiceAsync<SlaScan, int>(scan => scan.RunOnceAsync(CancellationToken.None));
}

public sealed class SlaTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private async Task<Guid> CaptureAsync(string title, bool confirmed, string expectedGrade)
    {
        var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads",
            LeadsApp.LeadBody($"sla-{Guid.NewGuid():N}@example.com", title: title, confirmed: confirmed), HttpStatusCode.Created);
        Assert.Equal(expectedGrade, lead.GetProperty("grade").GetString());
        Assert.Equal(LeadsApp.EastRep, lead.GetProperty("ownerId").GetGuid());
        return lead.GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("CFO", true, "A", 2)]
    [InlineData("manager", false, "B", 24)]
    public async Task SlaScan_FirstContactAroundDue_BreachesOnlyAfterAndOnce(string title, bool confirmed, string grade, int hours)
    {
        var id = await CaptureAsync(title, confirmed, grade);

        app.FakeClock.Advance(TimeSpan.FromHours(hours) - TimeSpan.FromMinutes(1));
        await app.ScanAsync();
        Assert.Empty(await app.EventsAsync<LeadSlaBreached>(id));

        app.FakeClock.Advance(TimeSpan.FromMinutes(2));
        await app.ScanAsync();
        await app.ScanAsync();

        var breach = Assert.Single(await app.EventsAsync<LeadSlaBreached>(id));
        Assert.Equal("first-contact", breach.GetProperty("kind").GetString());
        Assert.Equal(grade, breach.GetProperty("grade").GetString());
    }

    [Fact]
    public async Task ListOverdue_AfterBreach_ShowsToOwnerAndManagerNotOtherRep()
    {
        var id = await CaptureAsync("CFO", true, "A");
        var contacted = await CaptureAsync("CFO", true, "A");
        await app.Client(Roles.Rep, LeadsApp.EastRep).PostJsonAsync($"/api/leads/{contacted}/activities", new { kind = "call", outcome = "ok" }, HttpStatusCode.Created);

        app.FakeClock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));

        static async Task<List<Guid>> OverdueAsync(HttpClient client) =>
            [.. (await client.GetJsonAsync("/api/leads?overdue=true&limit=200")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
        var own = await OverdueAsync(app.Client(Roles.Rep, LeadsApp.EastRep));
        var manager = await OverdueAsync(app.Client(Roles.CitySupervisor, LeadsApp.Supervisor));
        var other = await OverdueAsync(app.Client(Roles.Rep));

        Assert.Contains(id, own);
        Assert.DoesNotContain(contacted, own);
        Assert.Contains(id, manager);
        Assert.Empty(other);
    }

    [Fact]
    public async Task SlaScan_FollowUpOverdue_BreachesOncePerDueTime()
    {
        var id = await CaptureAsync("CFO", true, "A");
        var owner = app.Client(Roles.Rep, LeadsApp.EastRep);
        await owner.PostJsonAsync($"/api/leads/{id}/activities", new { kind = "visit", outcome = "met", nextStep = "send quote",
            nextStepAt = app.FakeClock.GetUtcNow().AddDays(1) }, HttpStatusCode.Created);

        app.FakeClock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.ScanAsync();
        await app.ScanAsync();

        var breach = Assert.Single(await app.EventsAsync<LeadSlaBreached>(id));
        Assert.Equal("follow-up", breach.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task SlaScan_BeforeAndAtBreach_OwnerAndManagerAreNotifiedOnceEach()
    {
        var id = await CaptureAsync("CFO", true, "A");
        var owner = app.Client(Roles.Rep, LeadsApp.EastRep);
        var manager = app.Client(Roles.CitySupervisor, LeadsApp.Supervisor);
        async Task<List<string>> KindsAsync(HttpClient client) =>
            [.. (await client.GetJsonAsync("/api/leads/notifications?limit=500")).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("subject").GetString() == $"lead:{id}").Select(n => n.GetProperty("kind").GetString()!)];

        app.FakeClock.Advance(TimeSpan.FromMinutes(89)); // 31 minutes before the 2-hour deadline: not yet
        await app.ScanAsync();
        Assert.Empty(await KindsAsync(owner));

        app.FakeClock.Advance(TimeSpan.FromMinutes(2));  // 29 minutes before: the reminder
        await app.ScanAsync();
        await app.ScanAsync();
        Assert.Equal(["lead.first-contact-due-soon"], await KindsAsync(owner));
        Assert.Equal(["lead.first-contact-due-soon"], await KindsAsync(manager));

        app.FakeClock.Advance(TimeSpan.FromMinutes(30)); // 1 minute past the deadline: the breach
        await app.ScanAsync();
        await app.ScanAsync();
        Assert.Equal(["lead.first-contact-overdue", "lead.first-contact-due-soon"], await KindsAsync(owner));
        Assert.Equal(["lead.first-contact-overdue", "lead.first-contact-due-soon"], await KindsAsync(manager));
        Assert.Empty(await KindsAsync(app.Client(Roles.Rep, LeadsApp.EastRep2)));

        var notification = (await owner.GetJsonAsync("/api/leads/notifications?unread=true")).GetProperty("items")[0];
        await owner.PostJsonAsync($"/api/leads/notifications/{notification.GetProperty("id").GetGuid()}/read", new { }, HttpStatusCode.OK);
        await app.Client(Roles.Rep, LeadsApp.EastRep2)
            .PostJsonAsync($"/api/leads/notifications/{notification.GetProperty("id").GetGuid()}/read", new { }, HttpStatusCode.NotFound);
        Assert.Contains("首次联系已超时", notification.GetProperty("message").GetString());
        Assert.DoesNotContain((await owner.GetJsonAsync("/api/leads/notifications?unread=true")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("id").GetGuid() == notification.GetProperty("id").GetGuid());
    }
}
