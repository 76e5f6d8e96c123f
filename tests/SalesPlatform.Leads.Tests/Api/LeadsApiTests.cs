using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Events.Leads;
using SalesPlatform.Leads.Domain;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Tests.Api;

public sealed class LeadsApiTests(LeadsApp app) : IClassFixture<LeadsApp>
{
    private static string Email() => $"lead-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task PostLead_RuleHit_Returns201WithBreakdownGradeLeastLoadedOwnerAndDueTime()
    {
        var before = DateTimeOffset.UtcNow;
        var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created);

        Assert.Equal("A", lead.GetProperty("grade").GetString());
        Assert.Equal(85m, lead.GetProperty("score").GetDecimal());
        Assert.Equal(4, lead.GetProperty("breakdown").GetProperty("dimensions").GetArrayLength());
        Assert.Equal(LeadsApp.EastRep, lead.GetProperty("ownerId").GetGuid());
        Assert.StartsWith("rule 'East China by territory and industry'", lead.GetProperty("assignmentReason").GetString());
        var due = lead.GetProperty("firstContactDueAt").GetDateTimeOffset();
        var assigned = lead.GetProperty("assignedAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(2), due - assigned);
        Assert.True(assigned >= before.AddSeconds(-1));
        var id = lead.GetProperty("id").GetGuid();
        Assert.Single(await app.EventsAsync<LeadCaptured>(id));
        Assert.Single(await app.EventsAsync<LeadAssigned>(id));
    }

    [Fact]
    public async Task PostLead_InChinese_ScoresAndRoutesLikeTheSameLeadInEnglish()
    {
        var english = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created);
        var json = System.Text.Json.JsonSerializer.Serialize(LeadsApp.LeadBody(Email(), region: "华东", industry: "制造业"), LeadsApp.Json)
            .Replace("\"Jiangsu\"", "\"江苏省\"", StringComparison.Ordinal).Replace("\"Suzhou\"", "\"苏州\"", StringComparison.Ordinal)
            .Replace("\"1000+\"", "\"1000人以上\"", StringComparison.Ordinal).Replace("\"web-form\"", "\"官网表单\"", StringComparison.Ordinal);
        using var response = await app.Client(Roles.Rep).PostAsync("/api/leads", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var chinese = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(english.GetProperty("score").GetDecimal(), chinese.GetProperty("score").GetDecimal());
        Assert.Equal(english.GetProperty("grade").GetString(), chinese.GetProperty("grade").GetString());
        Assert.Equal("web-form", chinese.GetProperty("source").GetString());
        var company = chinese.GetProperty("company");
        Assert.Equal(("manufacturing", "1000+", "East China", "Jiangsu", "Suzhou"), (company.GetProperty("industry").GetString(),
            company.GetProperty("size").GetString(), company.GetProperty("region").GetString(), company.GetProperty("province").GetString(),
            company.GetProperty("city").GetString()));
        Assert.StartsWith("rule 'East China by territory and industry'", chinese.GetProperty("assignmentReason").GetString());
    }

    [Fact]
    public async Task OpenApi_ListLeads_DocumentsTheListParametersAndPostsTheIdempotencyKey()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await app.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var list = paths.EnumerateObject().Single(p => p.Name.TrimEnd('/') == "/api/leads").Value;

        var listParameters = list.GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        var postParameters = list.GetProperty("post").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();

        Assert.Superset(new HashSet<string?> { "limit", "cursor", "q", "sort", "grade" }, listParameters.ToHashSet());
        Assert.Contains("Idempotency-Key", postParameters);
    }

    [Fact]
    public async Task OpenApi_EveryOperation_ListsItsRefusalsAsProblemDetails()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await app.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Responses: op.Value.GetProperty("responses"))))
            .ToList();
        static bool Problem(System.Text.Json.JsonElement responses, string status) =>
            responses.TryGetProperty(status, out var response) && response.GetProperty("content").TryGetProperty("application/problem+json", out _);

        Assert.NotEmpty(operations);
        Assert.All(operations, op => Assert.True(Problem(op.Responses, "400"), $"{op.Method} {op.Path} lists no 400"));
        Assert.All(operations.Where(op => op.Path.Contains('{')), op => Assert.True(Problem(op.Responses, "404"), $"{op.Method} {op.Path} lists no 404"));
        var convert = operations.Single(op => op.Path.EndsWith("/convert", StringComparison.Ordinal)).Responses;
        Assert.All(new[] { "401", "403", "404", "409", "422", "503" }, status => Assert.True(Problem(convert, status), "convert lists no " + status));
        var read = operations.Single(op => op.Path == "/api/leads/{id}" && op.Method == "get").Responses;
        Assert.False(read.TryGetProperty("422", out _));
    }

    [Fact]
    public async Task PolicyChange_ShowsInItsHistoryWithWhoAndWhy_StaleVersionIs409()
    {
        var admin = app.Client(Roles.Admin);
        var current = await admin.GetJsonAsync("/api/leads/policies/sla");
        var version = current.GetProperty("version").GetInt32();
        var policy = current.GetProperty("policy").GetRawText();

        using var changed = await admin.PutAsync($"/api/leads/policies/sla?version={version}&reason={Uri.EscapeDataString("A 级线索 2 小时内联系")}",
            new StringContent(policy, System.Text.Encoding.UTF8, "application/json"));
        using var stale = await admin.PutAsync($"/api/leads/policies/sla?version={version}",
            new StringContent(policy, System.Text.Encoding.UTF8, "application/json"));
        var history = await app.Client(Roles.Rep).GetJsonAsync("/api/leads/policies/sla/history");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(version + 1, items[0].GetProperty("version").GetInt32());
        Assert.Equal("A 级线索 2 小时内联系", items[0].GetProperty("reason").GetString());
        Assert.Equal("Test admin", items[0].GetProperty("changedBy").GetString());
        Assert.Contains(items, i => i.GetProperty("version").GetInt32() == version); // the version before the change stays readable
    }

    [Fact]
    public async Task GetVocabulary_Industries_ListsCodesWithChineseAndEnglishLabels()
    {
        var vocabulary = await app.Client(Roles.Rep).GetJsonAsync("/api/leads/vocabularies/industries");
        using var missing = await app.Client(Roles.Rep).GetAsync("/api/leads/vocabularies/planets");

        var manufacturing = vocabulary.GetProperty("terms").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "manufacturing");
        Assert.Equal("制造业", manufacturing.GetProperty("zhCn").GetString());
        Assert.Equal("Manufacturing", manufacturing.GetProperty("enUs").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task PostLead_NoRuleMatches_QueuedWithReason()
    {
        var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email(), region: "Overseas", province: null, city: null),
            HttpStatusCode.Created);

        Assert.True(lead.GetProperty("queued").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lead.GetProperty("ownerId").ValueKind);
        Assert.Equal("queued: no assignment rule matched", lead.GetProperty("queueReason").GetString());
        // A grade A lead waiting for an owner is already on the clock: 2 hours from capture.
        Assert.Equal(TimeSpan.FromHours(2), lead.GetProperty("firstContactDueAt").GetDateTimeOffset() - lead.GetProperty("capturedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task PostLead_PartnerReferral_GoesToChannelRepByFirstRule()
    {
        var partner = Guid.CreateVersion7();
        var lead = await app.Client(Roles.Partner, partner: partner)
            .PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email(), source: "partner-referral"), HttpStatusCode.Created);

        Assert.True(lead.GetProperty("ownerId").ValueKind == JsonValueKind.String, lead.ToString());
        Assert.Equal(LeadsApp.ChannelRep, lead.GetProperty("ownerId").GetGuid());
        Assert.Equal(partner, lead.GetProperty("partnerId").GetGuid());
    }

    [Fact]
    public async Task PostLead_BadFields_Returns400NamingEachField()
    {
        var body = new
        {
            source = "billboard",
            company = new { name = "", size = "huge" },
            contact = new { name = "Li", email = "nope", phone = "12" },
            budget = new { amount = -5, currency = "yuan" },
            consent = new { lawfulBasis = "" },
        };

        var problem = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", body, HttpStatusCode.BadRequest);

        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["budget.amount", "budget.currency", "company.name", "company.size", "consent.lawfulBasis", "contact.email", "contact.phone", "source"], fields);
    }

    [Fact]
    public async Task PostLead_NormalisesEmailAndPhone()
    {
        var email = Email();
        var body = JsonSerializer.SerializeToNode(LeadsApp.LeadBody("  " + email.ToUpperInvariant() + " "), LeadsApp.Json)!;
        body["contact"]!["phone"] = "138 1234 5678";

        var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", body, HttpStatusCode.Created);

        Assert.Equal(email, lead.GetProperty("contact").GetProperty("email").GetString());
        Assert.Equal("+8613812345678", lead.GetProperty("contact").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task PostLead_OnSuppressionList_Returns422()
    {
        var email = Email();
        await app.Client(Roles.Admin).PostJsonAsync("/api/leads/suppressions", new { email, reason = "unsubscribed" }, HttpStatusCode.NoContent);

        var problem = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(email), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("lead.suppressed", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetLead_ByOtherRep_Returns404AndByOwnerAndManager_Returns200()
    {
        var id = (await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await app.Client(Roles.Rep).GetJsonAsync($"/api/leads/{id}", HttpStatusCode.NotFound);
        await app.Client(Roles.Partner).GetJsonAsync($"/api/leads/{id}", HttpStatusCode.NotFound);
        await app.Client(Roles.Rep, LeadsApp.EastRep).GetJsonAsync($"/api/leads/{id}");
        await app.Client(Roles.CitySupervisor, LeadsApp.Supervisor).GetJsonAsync($"/api/leads/{id}");
    }

    [Fact]
    public async Task ListLeads_Partner_SeesOnlyItsReferrals()
    {
        var partner = Guid.CreateVersion7();
        var client = app.Client(Roles.Partner, partner: partner);
        await client.PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email(), source: "partner-referral"), HttpStatusCode.Created);
        await client.PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email(), source: "partner-referral"), HttpStatusCode.Created);
        await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created);

        var page = await client.GetJsonAsync("/api/leads");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal(partner, i.GetProperty("partnerId").GetGuid()));
    }

    [Fact]
    public async Task ListLeads_TotalCountsOnlyWhatTheCallerMaySeeWithTheFilters()
    {
        var partner = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        var client = app.Client(Roles.Partner, partner: partner);
        for (var i = 0; i < 3; i++)
        {
            await client.PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email(), source: "partner-referral"), HttpStatusCode.Created);
        }

        await app.Client(Roles.Partner, partner: other).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email(), source: "partner-referral"),
            HttpStatusCode.Created);

        var page = await client.GetJsonAsync("/api/leads?limit=2");
        var graded = await client.GetJsonAsync("/api/leads?limit=2&grade=D");

        Assert.Equal(3, page.GetProperty("total").GetInt64());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.String, page.GetProperty("nextCursor").ValueKind);
        Assert.Equal(0, graded.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task ListLeads_SearchInChineseAndSortOldest()
    {
        var partner = Guid.CreateVersion7();
        var client = app.Client(Roles.Partner, partner: partner);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var body = System.Text.Json.JsonSerializer.Serialize(LeadsApp.LeadBody(Email(), source: "partner-referral"), LeadsApp.Json)
            .Replace("\"Acme ", $"\"苏州精密制造{tag} ", StringComparison.Ordinal);
        using var created = await client.PostAsync("/api/leads", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await client.PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email(), source: "partner-referral"), HttpStatusCode.Created);

        var found = await client.GetJsonAsync($"/api/leads?q={Uri.EscapeDataString("精密制造" + tag)}");
        var oldest = await client.GetJsonAsync("/api/leads?sort=oldest&limit=1");

        Assert.Equal(1, found.GetProperty("total").GetInt64());
        Assert.StartsWith("苏州精密制造", found.GetProperty("items")[0].GetProperty("company").GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal((await created.ReadJsonAsync()).GetProperty("id").GetGuid(), oldest.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("精密", 1)]      // a two-character Chinese word: the character-pair index
    [InlineData("密制", 1)]
    [InlineData("精", 1)]        // one character: ILIKE
    [InlineData("precision", 1)] // three or more: ILIKE over trigram indexes
    [InlineData("PRECISION", 1)]
    [InlineData("精工", 0)]
    [InlineData("tools", 1)]
    public async Task ListLeads_SearchShortChineseWordsAndEnglish_CountsOnlyMatches(string q, int expected)
    {
        var client = app.Client(Roles.Partner, partner: Guid.CreateVersion7());
        foreach (var company in new[] { "苏州精密制造", "Precision Tools", "Harbour Trading" })
        {
            var body = System.Text.Json.JsonSerializer.Serialize(LeadsApp.LeadBody(Email(), source: "partner-referral"), LeadsApp.Json)
                .Replace("\"Acme ", $"\"{company} ", StringComparison.Ordinal);
            using var created = await client.PostAsync("/api/leads", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var found = await client.GetJsonAsync($"/api/leads?q={Uri.EscapeDataString(q)}");

        Assert.Equal(expected, found.GetProperty("total").GetInt64());
        Assert.Equal(expected, found.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("sort=score", "sort")]
    [InlineData("cursor=%21%21", "cursor")]
    public async Task ListLeads_BadListParameter_Returns400NamingIt(string query, string field)
    {
        using var response = await app.Client(Roles.Admin).GetAsync($"/api/leads?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ListLeads_ByCursor_PagesWithoutOverlap()
    {
        var partner = Guid.CreateVersion7();
        var client = app.Client(Roles.Partner, partner: partner);
        for (var i = 0; i < 5; i++)
        {
            await client.PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email(), source: "partner-referral"), HttpStatusCode.Created);
        }

        var first = await client.GetJsonAsync("/api/leads?limit=2");
        var second = await client.GetJsonAsync($"/api/leads?limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        var third = await client.GetJsonAsync($"/api/leads?limit=2&cursor={second.GetProperty("nextCursor").GetString()}");

        var ids = new[] { first, second, third }.SelectMany(p => p.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())).ToList();
        Assert.Equal(5, ids.Distinct().Count());
        Assert.Equal(JsonValueKind.Null, third.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task PostInteractions_Rescores()
    {
        var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email(), title: "engineer", confirmed: false), HttpStatusCode.Created);
        var id = lead.GetProperty("id").GetGuid();
        var owner = app.Client(Roles.Rep, LeadsApp.EastRep);

        await owner.PostJsonAsync($"/api/leads/{id}/interactions", new { kind = "event" }, HttpStatusCode.OK);
        var after = await owner.PostJsonAsync($"/api/leads/{id}/interactions", new { kind = "form" }, HttpStatusCode.OK);

        // 0.15 weight x (15 + 10) interaction points.
        Assert.Equal(lead.GetProperty("score").GetDecimal() + 3.75m, after.GetProperty("score").GetDecimal());
        Assert.Equal(1, after.GetProperty("interactions").GetProperty("events").GetInt32());
    }

    [Fact]
    public async Task PostActivities_FirstStopsClockAndPublishesFirstContactedOnce()
    {
        var id = (await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var owner = app.Client(Roles.Rep, LeadsApp.EastRep);

        await app.Client(Roles.Partner).PostJsonAsync($"/api/leads/{id}/activities", new { kind = "call", outcome = "x" }, HttpStatusCode.Forbidden);
        await owner.PostJsonAsync($"/api/leads/{id}/activities", new { kind = "fax", outcome = "" }, HttpStatusCode.BadRequest);
        await owner.PostJsonAsync($"/api/leads/{id}/activities",
            new { kind = "call", outcome = "interested", nextStep = "demo", nextStepAt = DateTimeOffset.UtcNow.AddDays(3) }, HttpStatusCode.Created);
        await owner.PostJsonAsync($"/api/leads/{id}/activities", new { kind = "demo", outcome = "went well" }, HttpStatusCode.Created);

        var lead = await owner.GetJsonAsync($"/api/leads/{id}");
        Assert.Equal("contacted", lead.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, lead.GetProperty("firstContactedAt").ValueKind);
        var first = Assert.Single(await app.EventsAsync<LeadFirstContacted>(id));
        Assert.True(first.GetProperty("withinSla").GetBoolean());
        Assert.Equal(2, (await app.EventsAsync<LeadActivityLogged>(id)).Count);
        var activities = await owner.GetJsonAsync($"/api/leads/{id}/activities");
        Assert.Equal(2, activities.GetProperty("items").GetArrayLength());
        Assert.Equal(2, activities.GetProperty("total").GetInt64());
        Assert.Equal("call", activities.GetProperty("items")[0].GetProperty("kind").GetString()); // oldest first
    }

    [Fact]
    public async Task ConvertLead_ConcurrentAndRepeated_PublishesLeadConvertedExactlyOnce()
    {
        var id = (await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var owner = app.Client(Roles.Rep, LeadsApp.EastRep);
        await owner.PostJsonAsync($"/api/leads/{id}/activities", new { kind = "call", outcome = "needs confirmed" }, HttpStatusCode.Created);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            owner.PostJsonAsync($"/api/leads/{id}/convert", new { opportunityName = "Acme line 2" }, HttpStatusCode.OK)));
        var again = await owner.PostJsonAsync($"/api/leads/{id}/convert", new { opportunityName = "something else" }, HttpStatusCode.OK);

        Assert.Single(results.Append(again).Select(r => r.GetProperty("convertedAt").GetDateTimeOffset()).Distinct());
        Assert.Equal("Acme line 2", again.GetProperty("opportunityName").GetString());
        var converted = Assert.Single(await app.EventsAsync<LeadConverted>(id));
        Assert.Equal("CNY", converted.GetProperty("estimatedAmount").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task ConvertLead_DGradeNeverContacted_Is422ListingWhatIsMissing()
    {
        var body = LeadsApp.LeadBody(Email(), title: "intern", confirmed: false);
        var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", body, HttpStatusCode.Created);
        var id = lead.GetProperty("id").GetGuid();
        var owner = app.Client(Roles.Rep, lead.GetProperty("ownerId").GetGuid());

        using var refused = await owner.PostAsJsonAsync($"/api/leads/{id}/convert", new { }, LeadsApp.Json);
        var problem = await refused.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("lead.not-qualified", problem.GetProperty("code").GetString());
        var missing = problem.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(missing, m => m.StartsWith("firstContact:", StringComparison.Ordinal));
        Assert.Equal(lead.GetProperty("grade").GetString() is "A" or "B" or "C" ? 1 : 2, missing.Count);
        Assert.Empty(await app.EventsAsync<LeadConverted>(id));
    }

    [Fact]
    public async Task ReactivateAndReopen_NurturingByOwner_DisqualifiedOnlyByAManager()
    {
        var client = app.Client(Roles.Rep);
        var owner = app.Client(Roles.Rep, LeadsApp.EastRep);
        var nurtured = (await client.PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var dropped = (await client.PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await owner.PostJsonAsync($"/api/leads/{nurtured}/recycle", new { reason = "明年预算" }, HttpStatusCode.OK);
        await owner.PostJsonAsync($"/api/leads/{dropped}/disqualify", new { reason = "no budget" }, HttpStatusCode.OK);

        await owner.PostJsonAsync($"/api/leads/{nurtured}/reactivate", new { reason = "" }, HttpStatusCode.BadRequest);
        var reactivated = await owner.PostJsonAsync($"/api/leads/{nurtured}/reactivate", new { reason = "预算已批" }, HttpStatusCode.OK);
        await owner.PostJsonAsync($"/api/leads/{dropped}/reopen", new { reason = "x" }, HttpStatusCode.Forbidden);
        await owner.PostJsonAsync($"/api/leads/{dropped}/reactivate", new { reason = "x" }, HttpStatusCode.UnprocessableEntity);
        var reopened = await app.Client(Roles.CitySupervisor, LeadsApp.Supervisor)
            .PostJsonAsync($"/api/leads/{dropped}/reopen", new { reason = "new contact at the customer" }, HttpStatusCode.OK);

        Assert.Equal("assigned", reactivated.GetProperty("status").GetString());
        Assert.Equal(LeadsApp.EastRep, reopened.GetProperty("ownerId").ValueKind == JsonValueKind.String ? reopened.GetProperty("ownerId").GetGuid() : Guid.Empty);
        Assert.Equal("assigned", reopened.GetProperty("status").GetString());
        Assert.Equal("nurturing", Assert.Single(await app.EventsAsync<LeadReopened>(nurtured)).GetProperty("fromStatus").GetString());
        Assert.Equal("disqualified", Assert.Single(await app.EventsAsync<LeadReopened>(dropped)).GetProperty("fromStatus").GetString());
    }

    [Fact]
    public async Task PostLead_Duplicate_Is409WithTheExistingId_OrMergedWhenAsked_AndAPartnerLearnsNoId()
    {
        var email = Email();
        var admin = app.Client(Roles.Admin);
        var first = await admin.PostJsonAsync("/api/leads", LeadsApp.LeadBody(email), HttpStatusCode.Created);
        var id = first.GetProperty("id").GetGuid();

        using var again = await admin.PostAsJsonAsync("/api/leads", LeadsApp.LeadBody(email.ToUpperInvariant()), LeadsApp.Json);
        var problem = await again.ReadJsonAsync();
        var withPhone = System.Text.Json.JsonSerializer.Serialize(LeadsApp.LeadBody(email), LeadsApp.Json)
            .Replace("\"phone\":null", "\"phone\":\"138 0000 0099\"", StringComparison.Ordinal);
        using var merged = await admin.PostAsync("/api/leads?onDuplicate=merge", new StringContent(withPhone, System.Text.Encoding.UTF8, "application/json"));
        using var fromPartner = await app.Client(Roles.Partner, partner: Guid.CreateVersion7())
            .PostAsJsonAsync("/api/leads", LeadsApp.LeadBody(email, source: "partner-referral"), LeadsApp.Json);
        var partnerProblem = await fromPartner.ReadJsonAsync();
        using var badOption = await admin.PostAsJsonAsync("/api/leads?onDuplicate=overwrite", LeadsApp.LeadBody(Email()), LeadsApp.Json);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("lead.duplicate", problem.GetProperty("code").GetString());
        Assert.Equal(id, problem.GetProperty("existingId").GetGuid());
        Assert.Equal("e-mail", problem.GetProperty("matchedBy").GetString());
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var mergedLead = await merged.ReadJsonAsync();
        Assert.Equal(id, mergedLead.GetProperty("id").GetGuid());
        Assert.Equal("+8613800000099", mergedLead.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.Conflict, fromPartner.StatusCode);
        Assert.False(partnerProblem.TryGetProperty("existingId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badOption.StatusCode);
        Assert.Equal(1, await app.DbAsync(db => db.Leads.CountAsync(l => l.Email == email)));
    }

    [Fact]
    public async Task DisqualifyAndRecycle_WithReason_CloseTheLead()
    {
        var client = app.Client(Roles.Rep);
        var owner = app.Client(Roles.Rep, LeadsApp.EastRep);
        var a = (await client.PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var b = (await client.PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await owner.PostJsonAsync($"/api/leads/{a}/disqualify", new { reason = "" }, HttpStatusCode.BadRequest);
        var disqualified = await owner.PostJsonAsync($"/api/leads/{a}/disqualify", new { reason = "no budget" }, HttpStatusCode.OK);
        var recycled = await owner.PostJsonAsync($"/api/leads/{b}/recycle", new { reason = "next year" }, HttpStatusCode.OK);
        await owner.PostJsonAsync($"/api/leads/{a}/convert", new { }, HttpStatusCode.UnprocessableEntity);

        Assert.Equal("disqualified", disqualified.GetProperty("status").GetString());
        Assert.Equal("nurturing", recycled.GetProperty("status").GetString());
        Assert.Single(await app.EventsAsync<LeadDisqualified>(a));
        Assert.Single(await app.EventsAsync<LeadRecycled>(b));
    }

    [Fact]
    public async Task AssignLead_RepForbiddenManagerWithReasonReassigns()
    {
        var id = (await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var manager = app.Client(Roles.CitySupervisor, LeadsApp.Supervisor);

        await app.Client(Roles.Rep, LeadsApp.EastRep).PostJsonAsync($"/api/leads/{id}/assign", new { ownerId = LeadsApp.EastRep2, reason = "x" }, HttpStatusCode.Forbidden);
        await manager.PostJsonAsync($"/api/leads/{id}/assign", new { ownerId = LeadsApp.EastRep2 }, HttpStatusCode.BadRequest);
        var lead = await manager.PostJsonAsync($"/api/leads/{id}/assign", new { ownerId = LeadsApp.EastRep2, reason = "speaks the dialect" }, HttpStatusCode.OK);

        Assert.Equal(LeadsApp.EastRep2, lead.GetProperty("ownerId").GetGuid());
        Assert.Contains("speaks the dialect", lead.GetProperty("assignmentReason").GetString());
        var events = await app.EventsAsync<LeadAssigned>(id);
        Assert.Equal(2, events.Count);
        Assert.Contains(events, e => e.GetProperty("previousOwnerId").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task PutScoringPolicy_NonAdminForbiddenInvalidNamesFieldValidChangesGrades()
    {
        var admin = app.Client(Roles.Admin);
        var current = await admin.GetJsonAsync("/api/leads/policies/scoring");
        var policy = JsonSerializer.Deserialize<ScoringPolicy>(current.GetProperty("policy").GetRawText(), LeadsApp.Json)!;
        var version = current.GetProperty("version").GetInt32();

        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(Roles.Rep).PutAsJsonAsync("/api/leads/policies/scoring", policy, LeadsApp.Json)).StatusCode);
        var invalid = await admin.PutAsJsonAsync("/api/leads/policies/scoring", policy with { Weights = policy.Weights with { NeedFit = 0.9m } }, LeadsApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.ReadJsonAsync()).GetProperty("errors").TryGetProperty("weights", out _));

        // Raise band A above what the test lead scores (85) ... and put it back afterwards.
        var stricter = policy with { Bands = [new("A", 90), new("B", 60), new("C", 40), new("D", 0)] };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/leads/policies/scoring?version={version}", stricter, LeadsApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"/api/leads/policies/scoring?version={version}", stricter, LeadsApp.Json)).StatusCode);
        try
        {
            var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created);
            Assert.Equal("B", lead.GetProperty("grade").GetString());
            Assert.Equal(TimeSpan.FromHours(24), lead.GetProperty("firstContactDueAt").GetDateTimeOffset() - lead.GetProperty("assignedAt").GetDateTimeOffset());
        }
        finally
        {
            await admin.PutAsJsonAsync("/api/leads/policies/scoring", policy, LeadsApp.Json);
        }
    }

    [Fact]
    public async Task ListLeads_UnknownStatus_Returns400() =>
        await app.Client(Roles.Rep).GetJsonAsync("/api/leads?status=lost", HttpStatusCode.BadRequest);

    [Fact]
    public async Task Leads_AreStoredWithScoreBreakdown()
    {
        var id = (await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email()), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var stored = await app.DbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == id));

        Assert.Equal(4, stored.Breakdown.Dimensions.Count);
        Assert.Equal(stored.Score, stored.Breakdown.Score);
    }

    [Fact]
    public async Task PutSlaPolicy_NegativeDuration_Returns400NamingField()
    {
        var response = await app.Client(Roles.Admin).PutAsJsonAsync("/api/leads/policies/sla",
            new SlaPolicy([new GradeSla("A", TimeSpan.FromHours(-2), null)]), LeadsApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("grades.firstContactWithin", out _));
    }

    [Fact]
    public async Task PutAssignmentPolicy_NewRule_RoutesMatchingLeadsByIt()
    {
        var admin = app.Client(Roles.Admin);
        var current = await admin.GetJsonAsync("/api/leads/policies/assignment");
        var policy = JsonSerializer.Deserialize<AssignmentPolicy>(current.GetProperty("policy").GetRawText(), LeadsApp.Json)!;
        var withRule = policy with { Rules = [.. policy.Rules, new AssignmentRule("North China via channel", Region: "North China", AskRegion: "", AskSpecialty: "channel")] };

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/leads/policies/assignment", withRule, LeadsApp.Json)).StatusCode);
        try
        {
            var lead = await app.Client(Roles.Rep).PostJsonAsync("/api/leads", LeadsApp.LeadBody(Email(), region: "North China", province: null, city: null),
                HttpStatusCode.Created);

            Assert.Equal(LeadsApp.ChannelRep, lead.GetProperty("ownerId").GetGuid());
            Assert.StartsWith("rule 'North China via channel'", lead.GetProperty("assignmentReason").GetString());
        }
        finally
        {
            await admin.PutAsJsonAsync("/api/leads/policies/assignment", policy, LeadsApp.Json);
        }
    }
}
