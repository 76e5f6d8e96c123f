using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Leads.FakeTeamPerformance;
using SalesPlatform.Leads.Jobs;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Tests.Api;

/// <summary>Holes found from outside (issue 9): NUL bytes and control characters, and who sees the unowned queue.</summary>
public sealed class SecurityTests(LeadsApp app) : IClassFixture<LeadsApp>
{
    private static readonly Guid ZhejiangManager = Guid.CreateVersion7();
    private static readonly Guid JiangsuManager = Guid.CreateVersion7();
    private static readonly Guid JiangsuEnergyManager = Guid.CreateVersion7();

    private static string Email() => $"sec-{Guid.NewGuid():N}@example.com";

    private void CoverTerritories()
    {
        app.TeamPerformance.Coverage[ZhejiangManager] = [new FakeArea("East China", "Zhejiang")];
        app.TeamPerformance.Coverage[JiangsuManager] = [new FakeArea("East China", "Jiangsu", "Suzhou", "manufacturing")];
        app.TeamPerformance.Coverage[JiangsuEnergyManager] = [new FakeArea("East China", "Jiangsu", null, "energy")];
    }

    [Fact]
    public async Task PostLead_WithNulInCompanyName_Returns400NamingTheFieldAndStoresNothing()
    {
        var email = Email();
        var body = JsonSerializer.Serialize(LeadsApp.LeadBody(email), LeadsApp.Json).Replace("\"Acme ", "\"Ac\\u0000me ", StringComparison.Ordinal);

        using var response = await app.Client(Roles.Rep).PostAsync("/api/leads", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("company.name", out var error), problem.ToString());
        Assert.Contains("U+0000", error[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.DbAsync(db => Task.FromResult(db.Leads.Count(l => l.Email == email))));
    }

    [Theory]
    [InlineData("\\u0007")]
    [InlineData("\\n")]
    [InlineData("\\ud800")]
    public async Task PostLead_WithControlCharacterInContactName_Returns400(string escaped)
    {
        var body = JsonSerializer.Serialize(LeadsApp.LeadBody(Email()), LeadsApp.Json).Replace("\"Li Wei\"", $"\"Li{escaped}Wei\"", StringComparison.Ordinal);

        using var response = await app.Client(Roles.Rep).PostAsync("/api/leads", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("contact.name", out _));
    }

    [Fact]
    public async Task PostActivity_WithLineBreaksInOutcome_IsAccepted_WithNul_Returns400()
    {
        var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created);
        var owner = app.Client(Roles.Rep, lead.GetProperty("ownerId").GetGuid());
        var url = $"/api/leads/{lead.GetProperty("id").GetGuid()}/activities";

        using var multiline = await owner.PostAsJsonAsync(url, new { kind = "call", outcome = "第一行\n第二行\tok" }, LeadsApp.Json);
        using var nul = await owner.PostAsJsonAsync(url, new { kind = "call", outcome = "bad\0" }, LeadsApp.Json);

        Assert.True(multiline.IsSuccessStatusCode, await multiline.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.True((await nul.ReadJsonAsync()).GetProperty("errors").TryGetProperty("outcome", out _));
    }

    [Fact]
    public async Task Collaborator_AddedToAnActivity_ReadsTheLeadButCannotWorkIt_OthersStill404()
    {
        var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created);
        var id = lead.GetProperty("id").GetGuid();
        var owner = app.Client(Roles.Rep, lead.GetProperty("ownerId").GetGuid());
        var presales = Guid.CreateVersion7();
        var before = await app.Client(Roles.Rep, presales).GetAsync($"/api/leads/{id}");

        await owner.PostJsonAsync($"/api/leads/{id}/activities", new { kind = "demo", outcome = "技术交流，售前演示", participants = new[] { presales } },
            HttpStatusCode.Created);

        var asCollaborator = app.Client(Roles.Rep, presales);
        using var read = await asCollaborator.GetAsync($"/api/leads/{id}");
        var listed = await asCollaborator.GetJsonAsync("/api/leads");
        using var work = await asCollaborator.PostAsJsonAsync($"/api/leads/{id}/disqualify", new { reason = "x" }, LeadsApp.Json);
        using var stranger = await app.Client(Roles.Rep, Guid.CreateVersion7()).GetAsync($"/api/leads/{id}");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(1, listed.GetProperty("total").GetInt64());
        Assert.Equal(id, listed.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, work.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task PostSuppression_WithNul_Returns400NamingEmail()
    {
        using var response = await app.Client(Roles.Admin).PostAsJsonAsync("/api/leads/suppressions", new { email = "x\0@example.com" }, LeadsApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task ListLeads_WithNulInQuery_Returns400NamingTheParameter()
    {
        using var response = await app.Client(Roles.Admin).GetAsync("/api/leads?source=web%00form");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("source", out _));
    }

    [Fact]
    public async Task Import_RowWithNul_IsRejectedWithReason_OtherRowsImported()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = string.Join('\n',
            "company,contact_name,email,industry,region,lawful_basis",
            $"Good {tag},Wang Fang,wang@good-{tag}.cn,manufacturing,East China,consent",
            $"Bad\0 {tag},Li Na,li@bad-{tag}.cn,manufacturing,East China,consent",
            $"Fine {tag},Zhou Yu,zhou@fine-{tag}.cn,manufacturing,East China,consent");
        var supervisor = app.Client(Roles.CitySupervisor, LeadsApp.Supervisor);

        using var upload = await supervisor.PostAsync("/api/leads/imports?fileName=nul.csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var job = (await upload.ReadJsonAsync()).GetProperty("id").GetGuid();
        await app.ServiceAsync<ImportProcessor, bool>(async p =>
        {
            await p.RunAsync(job, CancellationToken.None);
            return true;
        });

        var status = await supervisor.GetJsonAsync($"/api/leads/imports/{job}");
        var rejected = (await supervisor.GetJsonAsync($"/api/leads/imports/{job}/rows?outcome=rejected")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(2, status.GetProperty("imported").GetInt32());
        Assert.Equal(1, status.GetProperty("rejected").GetInt32());
        Assert.Equal(2, rejected.GetProperty("row").GetInt32());
        Assert.Contains("company", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("U+0000", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueuedLead_IsSeenAndClaimedOnlyByManagersWhoseTerritoryCoversIt()
    {
        CoverTerritories();
        // 江苏/苏州, energy: the East China rule matches but no rep covers energy, so it waits in the unowned queue.
        var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email(), region: "华东", industry: "能源"),
            HttpStatusCode.Created);
        var id = lead.GetProperty("id").GetGuid();
        Assert.True(lead.GetProperty("queued").GetBoolean(), lead.ToString());
        Assert.Equal("energy", lead.GetProperty("company").GetProperty("industry").GetString());

        var zhejiang = app.Client(Roles.ProvinceManager, ZhejiangManager);
        var jiangsu = app.Client(Roles.ProvinceManager, JiangsuEnergyManager); // Jiangsu, energy: covers it
        var energy = app.Client(Roles.ProvinceManager, JiangsuManager); // Suzhou, manufacturing only: does not
        var director = app.Client(Roles.SalesDirector, Guid.CreateVersion7());

        using var zhejiangGet = await zhejiang.GetAsync($"/api/leads/{id}");
        using var energyGet = await energy.GetAsync($"/api/leads/{id}");
        using var zhejiangClaim = await zhejiang.PostAsJsonAsync($"/api/leads/{id}/assign", new { ownerId = ZhejiangManager, reason = "mine" });
        var zhejiangList = await zhejiang.GetJsonAsync("/api/leads?limit=200");
        using var jiangsuGet = await jiangsu.GetAsync($"/api/leads/{id}");
        using var directorGet = await director.GetAsync($"/api/leads/{id}");
        var jiangsuList = await jiangsu.GetJsonAsync("/api/leads?limit=200");

        Assert.Equal(HttpStatusCode.NotFound, zhejiangGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, energyGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, zhejiangClaim.StatusCode);
        Assert.DoesNotContain(zhejiangList.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.OK, jiangsuGet.StatusCode);
        Assert.Equal(HttpStatusCode.OK, directorGet.StatusCode);
        Assert.Contains(jiangsuList.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetGuid() == id);

        using var jiangsuClaim = await jiangsu.PostAsJsonAsync($"/api/leads/{id}/assign", new { ownerId = JiangsuEnergyManager, reason = "江苏能源" });
        Assert.Equal(HttpStatusCode.OK, jiangsuClaim.StatusCode);
    }
}
