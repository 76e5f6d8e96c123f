using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Events.Leads;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Tests.Api;

/// <summary>The leads service with its background work on: assignment queue every 200 ms, import worker polling every 200 ms.</summary>
public sealed class QueueJobApp : LeadsApp
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Jobs:AssignmentQueue:Enabled"] = "true";
        settings["Jobs:AssignmentQueue:Interval"] = "00:00:00.200";
        settings["Jobs:ImportQueue:Enabled"] = "true";
        settings["Jobs:ImportQueue:Interval"] = "00:00:00.200";
    }
}

public sealed class AssignmentQueueTests(QueueJobApp app) : IClassFixture<QueueJobApp>
{
    [Fact]
    public async Task PostLead_TeamPerformanceDownThenBack_QueuedThenAssignedByQueueJob()
    {
        var client = app.Client(Roles.Rep);
        var ids = new List<Guid>();
        await app.TeamPerformance.StopAsync();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var lead = await client.PostJsonAsync("/api/leads", LeadsApp.LeadBody($"down-{Guid.NewGuid():N}@example.com"), HttpStatusCode.Created);
                Assert.True(lead.GetProperty("queued").GetBoolean());
                Assert.Equal("queued: team performance unavailable", lead.GetProperty("queueReason").GetString());
                ids.Add(lead.GetProperty("id").GetGuid());
            }
        }
        finally
        {
            await app.TeamPerformance.StartAgainAsync();
        }

        var admin = app.Client(Roles.Admin);
        await Eventually.UntilAsync(async () =>
        {
            foreach (var id in ids)
            {
                var lead = await admin.GetJsonAsync($"/api/leads/{id}");
                if (lead.GetProperty("ownerId").ValueKind != JsonValueKind.String)
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(30), "the queue job assigns the queued leads once team performance is back");

        foreach (var id in ids)
        {
            var lead = await admin.GetJsonAsync($"/api/leads/{id}");
            Assert.Contains(lead.GetProperty("ownerId").GetGuid(), new[] { LeadsApp.EastRep, LeadsApp.EastRep2 });
            Assert.Equal("assigned", lead.GetProperty("status").GetString());
            Assert.StartsWith("rule 'East China by territory and industry'", lead.GetProperty("assignmentReason").GetString());
            // The clock ran from capture while the lead waited in the queue.
            Assert.Equal(TimeSpan.FromHours(2), lead.GetProperty("firstContactDueAt").GetDateTimeOffset() - lead.GetProperty("capturedAt").GetDateTimeOffset());
            Assert.True(lead.GetProperty("assignedAt").GetDateTimeOffset() > lead.GetProperty("capturedAt").GetDateTimeOffset());
            Assert.Single(await app.EventsAsync<LeadAssigned>(id));
        }
    }

    [Fact]
    public async Task QueueJob_NoRuleMatches_LeadStaysQueuedWithReasonAndBacksOff()
    {
        var policy = SalesPlatform.Leads.Domain.AssignmentPolicy.Default with { RetryMinSeconds = 1, RetryMaxSeconds = 2 };
        using var saved = await app.Client(Roles.Admin).PutAsJsonAsync("/api/leads/policies/assignment", policy, LeadsApp.Json);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var id = (await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody($"north-{Guid.NewGuid():N}@example.com", region: "Overseas", province: null, city: null),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // Captured = attempt 1 (retry after 1 s); the job's vain attempts 2 and 3 wait 2 s each (the cap), not 200 ms.
        await Eventually.UntilAsync(() => app.DbAsync(db => db.Leads.AnyAsync(l => l.Id == id && l.QueueAttempts >= 3)),
            TimeSpan.FromSeconds(15), "the queue job tried the lead twice");
        var tried = await app.DbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == id));
        var lead = await app.Client(Roles.Admin).GetJsonAsync($"/api/leads/{id}");

        Assert.True(lead.GetProperty("queued").GetBoolean());
        Assert.Equal("queued: no assignment rule matched", lead.GetProperty("queueReason").GetString());
        Assert.Equal(TimeSpan.FromSeconds(2), tried.NextQueueAttemptAt - tried.UpdatedAt);
        // Without back-off the 200 ms job would have tried it about 15 times in those 3 s.
        Assert.InRange(tried.QueueAttempts, 3, 4);
    }

    [Fact]
    public async Task ListLeads_TeamPerformanceDown_ManagerGets503RepStillServed()
    {
        await app.TeamPerformance.StopAsync();
        try
        {
            var manager = await app.Client(Roles.CitySupervisor, Guid.CreateVersion7()).GetAsync("/api/leads");
            var rep = await app.Client(Roles.Rep).GetAsync("/api/leads");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, manager.StatusCode);
            Assert.Equal(HttpStatusCode.OK, rep.StatusCode);
        }
        finally
        {
            await app.TeamPerformance.StartAgainAsync();
        }
    }

    [Fact]
    public async Task PostImport_WorkerRunning_Returns202AndCompletesInBackground()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = "company,contact_name,email,lawful_basis\n" + string.Join('\n',
            Enumerable.Range(1, 10).Select(i => $"Firm {i} {tag},Person {i},p{i % 7}@bg-{tag}.cn,consent"));
        var client = app.Client(Roles.Admin);

        var response = await client.PostAsync("/api/leads/imports", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetGuid();

        await Eventually.UntilAsync(async () => (await client.GetJsonAsync($"/api/leads/imports/{id}")).GetProperty("status").GetString() == "completed",
            TimeSpan.FromSeconds(30), "the import worker finishes the job");
        var job = await client.GetJsonAsync($"/api/leads/imports/{id}");
        Assert.Equal((10, 7, 3, 0), (job.GetProperty("processed").GetInt32(), job.GetProperty("imported").GetInt32(),
            job.GetProperty("merged").GetInt32(), job.GetProperty("rejected").GetInt32()));
    }
}
