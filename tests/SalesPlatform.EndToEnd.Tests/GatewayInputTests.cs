using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SalesPlatform.EndToEnd.Tests;

/// <summary>What a user or an attacker sends through the gateway: other people's records, Chinese input, bad input.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayInputTests(PlatformFixture platform)
{
    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task AnotherRep_ReadingARepsLeadById_Gets404()
    {
        using var rep = await platform.StaffAsync("rep.east@demo");
        var leadId = (await CreatedAsync(await rep.PostAsJsonAsync("/api/leads", PlatformFixture.Lead("Other Rep Probe Co"))))
            .GetProperty("id").GetGuid();

        // A second rep, made by the admin at identity; their data scope is their own leads.
        using var admin = await platform.StaffAsync("admin@demo");
        var email = $"rep.{Guid.NewGuid():N}@demo";
        using var createdUser = await admin.PostAsJsonAsync("/api/identity/users",
            new { personId = Guid.CreateVersion7(), email, name = "第二位销售", roles = new[] { "rep" }, password = "Second-rep-1" });
        Assert.Equal(HttpStatusCode.Created, createdUser.StatusCode);
        using var anonymous = platform.Anonymous();
        using var token = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "salesplatform-cli", ["username"] = email, ["password"] = "Second-rep-1",
        }));
        token.EnsureSuccessStatusCode();
        using var otherRep = platform.Anonymous();
        otherRep.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString());

        using var read = await otherRep.GetAsync($"/api/leads/{leadId}");
        using var activity = await otherRep.PostAsJsonAsync($"/api/leads/{leadId}/activities", new { kind = "call", outcome = "x" });

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, activity.StatusCode);
    }

    [Fact]
    public async Task SameLead_InChineseAndInEnglish_ScoresAndRoutesAlike()
    {
        var (_, partner) = await platform.PartnerAsync("E2E 渠道 " + Guid.NewGuid().ToString("N")[..6]);
        var english = await CreatedAsync(await partner.PostAsJsonAsync("/api/leads", new
        {
            source = "partner-referral",
            company = new { name = "Suzhou Precision " + Guid.NewGuid().ToString("N")[..6], industry = "manufacturing", size = "1000+",
                region = "East China", province = "Jiangsu", city = "Suzhou" },
            contact = new { name = "Wang Fang", title = "Procurement Manager", email = $"wf.{Guid.NewGuid():N}@example.cn" },
            budget = new { amount = 800000m, currency = "CNY", confirmed = true },
            purchasingCycle = "annual-budget",
            consent = new { lawfulBasis = "consent", optOut = false },
        }));
        var chinese = await CreatedAsync(await partner.PostAsJsonAsync("/api/leads", new
        {
            source = "渠道推荐",
            company = new { name = "苏州精密制造有限公司" + Guid.NewGuid().ToString("N")[..6], industry = "制造业", size = "1000人以上",
                region = "华东", province = "江苏省", city = "苏州" },
            contact = new { name = "王芳", title = "采购经理", email = $"wf.{Guid.NewGuid():N}@example.cn" },
            budget = new { amount = 800000m, currency = "CNY", confirmed = true },
            purchasingCycle = "年度预算",
            consent = new { lawfulBasis = "个人同意", optOut = false },
        }));

        Assert.Equal(english.GetProperty("score").GetDecimal(), chinese.GetProperty("score").GetDecimal());
        Assert.Equal(english.GetProperty("grade").GetString(), chinese.GetProperty("grade").GetString());
        Assert.Equal(english.GetProperty("source").GetString(), chinese.GetProperty("source").GetString());
        foreach (var field in new[] { "industry", "size", "region", "province", "city" })
        {
            Assert.Equal(english.GetProperty("company").GetProperty(field).GetString(), chinese.GetProperty("company").GetProperty(field).GetString());
        }

        Assert.Equal(english.GetProperty("assignmentReason").GetString()?.Split(':')[0], chinese.GetProperty("assignmentReason").GetString()?.Split(':')[0]);
    }

    [Fact]
    public async Task NulByte_InABodyAndInAQuery_Is400NamingTheField()
    {
        using var rep = await platform.StaffAsync("rep.east@demo");
        var body = JsonSerializer.Serialize(PlatformFixture.Lead("NUL Probe Co")).Replace("NUL Probe Co", "NUL\\u0000 Probe Co", StringComparison.Ordinal);

        using var posted = await rep.PostAsync("/api/leads", new StringContent(body, Encoding.UTF8, "application/json"));
        using var queried = await rep.GetAsync("/api/leads?source=web%00form");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("company.name", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, queried.StatusCode);
        Assert.Contains("source", await queried.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewServices_RefuseANulByteNamingTheField_AndAnotherRepsOrAPartnersReadIs404()
    {
        using var rep = await platform.StaffAsync("rep.east@demo");
        using var otherRep = await platform.StaffAsync("rep.north@demo");
        var (_, partner) = await platform.PartnerAsync("NUL Probe Partner " + Guid.NewGuid().ToString("N")[..6], ["customers:read", "contracts:read"]);
        const string nul = "二期\u0000产线";

        using var customer = await rep.PostAsync("/api/customers", new StringContent($"{{\"name\": \"{nul}\"}}", Encoding.UTF8, "application/json"));
        using var opportunity = await rep.PostAsync("/api/opportunities",
            new StringContent($"{{\"name\": \"{nul}\", \"customerName\": \"x\", \"amount\": 1}}", Encoding.UTF8, "application/json"));
        using var contract = await rep.PostAsync("/api/contracts",
            new StringContent($"{{\"title\": \"{nul}\", \"customerId\": \"{Guid.NewGuid()}\", \"amount\": 1}}", Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (customer.StatusCode, opportunity.StatusCode, contract.StatusCode));
        Assert.Contains("name", await customer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("title", await contract.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var customerId = (await CreatedAsync(await rep.PostAsJsonAsync("/api/customers", new { name = "范围探测客户" + Guid.NewGuid().ToString("N")[..6], industry = "制造业" })))
            .GetProperty("id").GetGuid();
        var contractId = (await CreatedAsync(await rep.PostAsJsonAsync("/api/contracts", new
        {
            title = "范围探测合同", customerId, amount = 1_000m,
            lines = new[] { new { productCode = "VIS-200", productName = "视觉检测工作站", quantity = 1m, unitPrice = 1_000m } },
        }))).GetProperty("id").GetGuid();
        foreach (var path in new[] { $"/api/customers/{customerId}", $"/api/contracts/{contractId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherRep.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync(path)).StatusCode);
        }

        // The same customer in Chinese and in English: 制造业 and manufacturing are one industry.
        var byChinese = JsonDocument.Parse(await rep.GetStringAsync($"/api/customers?industry={Uri.EscapeDataString("制造业")}&limit=500")).RootElement;
        var byEnglish = JsonDocument.Parse(await rep.GetStringAsync("/api/customers?industry=manufacturing&limit=500")).RootElement;
        Assert.Equal(byChinese.GetProperty("total").GetInt64(), byEnglish.GetProperty("total").GetInt64());
        Assert.Contains(byEnglish.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == customerId);
    }

    [Fact]
    public async Task TenMegabyteBody_UnderTheGatewayLimit_Is400FromTheServiceNamingTheField()
    {
        using var rep = await platform.StaffAsync("rep.east@demo");
        rep.Timeout = TimeSpan.FromSeconds(120);

        using var response = await rep.PostAsJsonAsync("/api/leads", new { source = "web-form", campaign = new string('x', 10_000_000) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("campaign", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedAdminToken_And_KeyOutsideItsScopes_AreRefusedAtTheGateway()
    {
        using var forged = platform.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            SalesPlatform.Testing.TestTokens.Forge("development-only-signing-key-change-me-0123456789"));
        using var forgedRead = await forged.GetAsync("/api/leads");

        var (_, scoped) = await platform.PartnerAsync("E2E Scoped " + Guid.NewGuid().ToString("N")[..6], ["performance"]);
        using var outside = await scoped.GetAsync("/api/leads");

        Assert.Equal(HttpStatusCode.Unauthorized, forgedRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("leads:read", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
