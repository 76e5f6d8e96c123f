using System.Net;
using System.Text;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.Jobs;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Tests.Api;

/// <summary>The leads service with a switch that makes the database fail mid-chunk, like a crash before commit.</summary>
public sealed class CrashableApp : LeadsApp
{
    public CrashBeforeCommit Crash { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureDbContext<LeadsDbContext>(o => o.AddInterceptors(Crash));
}

/// <summary>When armed, fails the statement that records a chunk's row results: after the chunk's leads were inserted, before commit.</summary>
public sealed class CrashBeforeCommit : DbCommandInterceptor
{
    public bool Armed { get; set; }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Armed && command.CommandText.Contains("UPDATE import_rows", StringComparison.Ordinal))
        {
            Armed = false;
            throw new InvalidOperationException("simulated crash in the middle of a chunk");
        }

        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public sealed class ImportTests(CrashableApp app) : IClassFixture<CrashableApp>
{
    private const string Header = "company,contact_name,title,email,phone,industry,company_size,region,budget_amount,budget_currency,lawful_basis,opt_out";

    private async Task<Guid> UploadAsync(string csv, string campaign, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        var response = await app.Client(Roles.CitySupervisor, LeadsApp.Supervisor)
            .PostAsync($"/api/leads/imports?fileName=list.csv&campaign={campaign}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        return expected == HttpStatusCode.Accepted ? System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid() : Guid.Empty;
    }

    private Task RunWorkerAsync(Guid job) => app.ServiceAsync<ImportProcessor, bool>(async p =>
    {
        await p.RunAsync(job, CancellationToken.None);
        return true;
    });

    [Fact]
    public async Task Import_WithDuplicatesBadRowsAndOptOuts_ReportsExactCounts()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await app.Client(Roles.Admin).PostJsonAsync("/api/leads/suppressions", new { email = $"li@epsilon-{tag}.cn" }, HttpStatusCode.NoContent);
        var existing = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody($"old@iota-{tag}.cn"), HttpStatusCode.Created);
        var csv = string.Join('\n',
            Header,
            $"Alpha Co {tag},Wang Fang,CFO,wang@alpha-{tag}.cn,,manufacturing,1000+,East China,600000,CNY,consent,false",        // 1 imported
            $"Beta {tag} Ltd,Zhao Lei,engineer,zhao@beta-{tag}.cn,13800000011,energy,,East China,,,contract,",                   // 2 imported
            $"\"Alpha Co {tag}, Ltd.\",Wang Fang,,WANG@ALPHA-{tag}.CN,13800000012,,,,,,consent,no",                               // 3 merged (e-mail), fills phone
            $"Gamma {tag},Sun Li,,sun@gamma-{tag}.cn,,,,,,,,",                                                                 // 4 rejected: no lawful basis
            $"Delta {tag},Qian Yu,,qian@delta-{tag}.cn,,,,,,,consent,true",                                                   // 5 rejected: opted out
            $"Epsilon {tag},Li Na,,li@epsilon-{tag}.cn,,,,,,,consent,false",                                                  // 6 rejected: suppression list
            $",Nobody,,nobody-{tag}@x.cn,,,,,,,consent,false",                                                               // 7 rejected: no company
            $"Zeta {tag},Zhou Jie,,zhou@,,,,,,,consent,false",                                                               // 8 rejected: bad e-mail
            $"Iota {tag},Old Contact,,OLD@iota-{tag}.cn,,,,,,,consent,false",                                                 // 9 merged with the existing lead
            $"Beta {tag} Limited,Zhao  Lei,,zhao.lei@beta2-{tag}.cn,,,,,,,consent,false",                                      // 10 merged (company + name)
            $"Eta {tag},Wu Hao,,,+86 138 0000 0013,,,,,,legitimate-interest,false",                                            // 11 imported
            $"Theta {tag},Zheng Yi,,zheng@theta-{tag}.cn,,,,,lots,CNY,consent,false");                                         // 12 rejected: budget

        var job = await UploadAsync(csv, "list-" + tag);
        await RunWorkerAsync(job);

        var supervisor = app.Client(Roles.CitySupervisor, LeadsApp.Supervisor);
        var status = await supervisor.GetJsonAsync($"/api/leads/imports/{job}");
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(12, status.GetProperty("totalRows").GetInt32());
        Assert.Equal(3, status.GetProperty("imported").GetInt32());
        Assert.Equal(3, status.GetProperty("merged").GetInt32());
        Assert.Equal(6, status.GetProperty("rejected").GetInt32());

        var rows = (await supervisor.GetJsonAsync($"/api/leads/imports/{job}/rows")).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("row").GetInt32());
        Assert.Contains("lawful_basis", rows[4].GetProperty("reason").GetString());
        Assert.Equal("opted out", rows[5].GetProperty("reason").GetString());
        Assert.Contains("suppression", rows[6].GetProperty("reason").GetString());
        Assert.Contains("company", rows[7].GetProperty("reason").GetString());
        Assert.Contains("email", rows[8].GetProperty("reason").GetString());
        Assert.Contains("budget_amount", rows[12].GetProperty("reason").GetString());
        Assert.Equal(rows[1].GetProperty("leadId").GetGuid(), rows[3].GetProperty("leadId").GetGuid());
        Assert.Contains("filled phone", rows[3].GetProperty("reason").GetString());
        Assert.Equal(existing.GetProperty("id").GetGuid(), rows[9].GetProperty("leadId").GetGuid());
        Assert.Equal(rows[2].GetProperty("leadId").GetGuid(), rows[10].GetProperty("leadId").GetGuid());
        Assert.Equal(6, (await supervisor.GetJsonAsync($"/api/leads/imports/{job}/rows?outcome=rejected")).GetProperty("items").GetArrayLength());

        var merged = await app.DbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == rows[1].GetProperty("leadId").GetGuid()));
        Assert.Equal("+8613800000012", merged.Phone);
        Assert.Equal(LeadStatus.Queued, merged.Status);
        Assert.Equal(3, await app.DbAsync(db => db.Leads.CountAsync(l => l.Campaign == "list-" + tag)));
    }

    [Fact]
    public async Task Import_MergedRowAddsTheTitle_LeadIsRescored()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = string.Join('\n',
            Header,
            $"Kappa {tag},Liu Yang,,liu@kappa-{tag}.cn,,manufacturing,1000+,华东,600000,CNY,consent,false",  // no title: unknown authority
            $"Kappa {tag},Liu Yang,采购总监,LIU@kappa-{tag}.cn,,,,,,,consent,false");                        // the same contact with a title

        var job = await UploadAsync(csv, "rescore-" + tag);
        await RunWorkerAsync(job);

        var lead = await app.DbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Campaign == "rescore-" + tag));
        var authority = lead.Breakdown.Dimensions.Single(d => d.Dimension == "decision-authority");
        Assert.Equal("采购总监", lead.ContactTitle);
        Assert.Equal(90, authority.Points);
        Assert.Equal(lead.Score, lead.Breakdown.Score);
        Assert.Equal(SlaPolicy.Default.FirstContactDue(lead.Grade, lead.CapturedAt), lead.FirstContactDueAt);
    }

    [Fact]
    public async Task Import_StoppedAfterSomeChunks_ResumesWithoutDuplicates()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var lines = new List<string> { Header };
        for (var i = 1; i <= 30; i++)
        {
            var n = i <= 20 ? i : i - 20; // rows 21..30 repeat rows 1..10
            lines.Add($"Company {n} {tag},Person {n},,p{n}@resume-{tag}.cn,,,,,,,consent,false");
        }

        var job = await UploadAsync(string.Join('\n', lines), "resume-" + tag);

        // A worker that stops (crash, deploy) after three chunks of four rows...
        await app.ServiceAsync<ImportProcessor, bool>(async p =>
        {
            for (var chunk = 0; chunk < 3; chunk++)
            {
                Assert.True(await p.ProcessChunkAsync(job, CancellationToken.None));
            }

            return true;
        });
        var stopped = await app.DbAsync(db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == job));
        Assert.Equal((12, 12, ImportStatus.Staged), (stopped.Checkpoint, stopped.Imported, stopped.Status));

        // ...then one that dies in the middle of the fourth chunk, after inserting its leads, before commit.
        app.Crash.Armed = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.ServiceAsync<ImportProcessor, bool>(p => p.ProcessChunkAsync(job, CancellationToken.None)));
        Assert.Equal(12, await app.DbAsync(db => db.Leads.CountAsync(l => l.Campaign == "resume-" + tag)));
        Assert.Equal(12, await app.DbAsync(db => db.ImportJobs.Where(j => j.Id == job).Select(j => j.Checkpoint).SingleAsync()));

        // A restarted worker resumes from the checkpoint.
        await RunWorkerAsync(job);

        var done = await app.DbAsync(db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == job));
        Assert.Equal((ImportStatus.Completed, 30, 20, 10, 0), (done.Status, done.Checkpoint, done.Imported, done.Merged, done.Rejected));
        Assert.Equal(20, await app.DbAsync(db => db.Leads.CountAsync(l => l.Campaign == "resume-" + tag)));
        Assert.Equal(20, await app.DbAsync(db => db.Leads.Where(l => l.Campaign == "resume-" + tag).Select(l => l.Email).Distinct().CountAsync()));
        Assert.Equal(0, await app.DbAsync(db => db.ImportRows.CountAsync(r => r.JobId == job && r.Outcome == null)));
    }

    [Fact]
    public async Task Import_CrashedAndResumed_WritesOneLeadCapturedPerImportedLead()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var lines = new List<string> { Header };
        for (var i = 1; i <= 10; i++)
        {
            var n = i <= 8 ? i : i - 8; // rows 9 and 10 repeat rows 1 and 2
            lines.Add($"Company {n} {tag},Person {n},CFO,p{n}@outbox-{tag}.cn,,manufacturing,1000+,East China,600000,CNY,consent,false");
        }

        var job = await UploadAsync(string.Join('\n', lines), "outbox-" + tag);
        Assert.True(await app.ServiceAsync<ImportProcessor, bool>(p => p.ProcessChunkAsync(job, CancellationToken.None)));
        app.Crash.Armed = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.ServiceAsync<ImportProcessor, bool>(p => p.ProcessChunkAsync(job, CancellationToken.None)));
        await RunWorkerAsync(job);

        var leads = await app.DbAsync(db => db.Leads.AsNoTracking().Where(l => l.Campaign == "outbox-" + tag).ToListAsync());
        Assert.Equal(8, leads.Count);
        foreach (var lead in leads)
        {
            var captured = Assert.Single(await app.EventsAsync<SalesPlatform.Events.Leads.LeadCaptured>(lead.Id));
            Assert.Equal(lead.Grade, captured.GetProperty("grade").GetString());
            Assert.Equal(lead.Score, captured.GetProperty("score").GetDecimal());
            Assert.Equal(lead.Company, captured.GetProperty("company").GetString());
            Assert.Equal("outbox-" + tag, captured.GetProperty("campaign").GetString());
            // PostgreSQL keeps microseconds, the JSON payload the clock's full precision.
            Assert.Equal(lead.CapturedAt, captured.GetProperty("occurredAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        }

        var payloads = await app.DbAsync(db => db.Set<SalesPlatform.Messaging.OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == typeof(SalesPlatform.Events.Leads.LeadCaptured).FullName).Select(m => m.Payload).ToListAsync());
        Assert.Equal(8, payloads.Count(p => p.Contains($"outbox-{tag}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Import_MissingColumns_Returns400NamingFile()
    {
        await UploadAsync("name,mail\nx,y", "bad", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Import_ByRep_Returns403()
    {
        var response = await app.Client(Roles.Rep).PostAsync("/api/leads/imports", new StringContent(Header, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Import_TwoWorkersAtOnce_ProcessEachRowOnce()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = Header + "\n" + string.Join('\n', Enumerable.Range(1, 40).Select(i => $"Co {i} {tag},P {i},,p{i}@two-{tag}.cn,,,,,,,consent,false"));
        var job = await UploadAsync(csv, "two-" + tag);

        await Task.WhenAll(RunWorkerAsync(job), RunWorkerAsync(job));
        await RunWorkerAsync(job); // whichever stepped back early: nothing left to do

        var done = await app.DbAsync(db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == job));
        Assert.Equal((ImportStatus.Completed, 40, 0, 0), (done.Status, done.Imported, done.Merged, done.Rejected));
        Assert.Equal(40, await app.DbAsync(db => db.Leads.CountAsync(l => l.Campaign == "two-" + tag)));
    }

    [Fact]
    public async Task RecordFailure_AtMaxAttempts_MarksJobFailedWithError()
    {
        var job = await UploadAsync(Header + "\nCo,P,,p@fail.cn,,,,,,,consent,false", "fail");

        var marked = new List<bool>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            marked.Add(await app.ServiceAsync<ImportProcessor, bool>(p => p.RecordFailureAsync(job, "disk full", CancellationToken.None)));
        }

        Assert.Equal([false, false, false, false, true], marked);
        var status = await app.Client(Roles.CitySupervisor, LeadsApp.Supervisor).GetJsonAsync($"/api/leads/imports/{job}");
        Assert.Equal(("failed", "disk full"), (status.GetProperty("status").GetString(), status.GetProperty("error").GetString()));
    }
}
