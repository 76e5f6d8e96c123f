using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Leads;

namespace SalesPlatform.Customers.Tests;

/// <summary>Customers on real PostgreSQL, Redis and RabbitMQ: validation, duplicates, data scope and customers from converted leads.</summary>
public sealed class CustomersApiTests(CustomersApp app) : IClassFixture<CustomersApp>
{
    private static object Body(string name, string? creditCode = null) => new
    {
        name, creditCode, industry = "制造业", size = "1000人以上", region = "华东", province = "江苏", city = "苏州",
        contacts = new[] { new { name = "王芳", title = "采购经理", role = "采购", email = "wang.fang@example.cn" } },
        tags = new[] { "重点客户" },
    };

    [Fact]
    public async Task Create_ChineseInput_ResolvesToCodes_AndAWrongCreditCodeIs400NamingIt()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);

        using var created = await rep.PostAsJsonAsync("/api/customers", Body("苏州精密机械" + Guid.NewGuid().ToString("N")[..6] + "有限公司"));
        using var wrong = await rep.PostAsJsonAsync("/api/customers", Body("错误代码公司", "91440300708461136X"));
        var customer = await CustomersApp.ReadAsync(created);
        var problem = await CustomersApp.ReadAsync(wrong);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(("manufacturing", "1000+", "East China", "Jiangsu", "Suzhou"), (customer.GetProperty("industry").GetString(),
            customer.GetProperty("size").GetString(), customer.GetProperty("region").GetString(), customer.GetProperty("province").GetString(),
            customer.GetProperty("city").GetString()));
        Assert.Equal("procurement", customer.GetProperty("contacts")[0].GetProperty("role").GetString());
        Assert.Equal(CustomersApp.RepA, customer.GetProperty("ownerId").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("check character", problem.GetProperty("errors").GetProperty("creditCode")[0].GetString());
    }

    [Fact]
    public async Task Create_CreditCodeOrNameThatExists_Is409WithTheExistingId()
    {
        var admin = app.Client(Roles.Admin, Guid.CreateVersion7());
        var first = await CustomersApp.ReadAsync(await admin.PostAsJsonAsync("/api/customers", Body("深圳市腾讯计算机系统有限公司", "91440300708461136T")));
        var named = await CustomersApp.ReadAsync(await admin.PostAsJsonAsync("/api/customers", Body("Harbour Trading Co., Ltd.")));

        using var sameCode = await admin.PostAsJsonAsync("/api/customers", Body("腾讯（另一写法）", "91440300708461136t"));
        using var sameName = await admin.PostAsJsonAsync("/api/customers", Body("HARBOUR TRADING LIMITED"));

        Assert.Equal(HttpStatusCode.Conflict, sameCode.StatusCode);
        Assert.Equal(first.GetProperty("id").GetGuid(), (await CustomersApp.ReadAsync(sameCode)).GetProperty("existingId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, sameName.StatusCode);
        Assert.Equal(named.GetProperty("id").GetGuid(), (await CustomersApp.ReadAsync(sameName)).GetProperty("existingId").GetGuid());
    }

    [Fact]
    public async Task DataScope_ARepCannotReadAnotherRepsCustomer_TheirManagerCan()
    {
        var mine = await CustomersApp.ReadAsync(await app.Client(Roles.Rep, CustomersApp.RepA)
            .PostAsJsonAsync("/api/customers", Body("无锡宏达" + Guid.NewGuid().ToString("N")[..6])));
        var id = mine.GetProperty("id").GetGuid();

        using var other = await app.Client(Roles.Rep, CustomersApp.RepB).GetAsync($"/api/customers/{id}");
        using var otherTimeline = await app.Client(Roles.Rep, CustomersApp.RepB).GetAsync($"/api/customers/{id}/timeline");
        using var manager = await app.Client(Roles.CitySupervisor, CustomersApp.Manager).GetAsync($"/api/customers/{id}");
        var repBList = await CustomersApp.ReadAsync(await app.Client(Roles.Rep, CustomersApp.RepB).GetAsync("/api/customers?limit=500"));

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTimeline.StatusCode);
        Assert.Equal(HttpStatusCode.OK, manager.StatusCode);
        Assert.DoesNotContain(repBList.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task LeadConverted_DeliveredTwice_CreatesOneCustomerWithTheContact_AndASecondLeadOfTheCompanyLinksToIt()
    {
        var company = "常州新能源" + Guid.NewGuid().ToString("N")[..6] + "有限公司";
        var first = Converted(company, "李娜", CustomersApp.RepA);
        var second = Converted(company, "周杰", CustomersApp.RepA);

        await app.PublishAndWaitAsync(first);
        await app.PublishAndWaitAsync(first); // redelivered
        await app.PublishAndWaitAsync(second);

        var customers = await app.WithDbAsync(db => db.Customers.AsNoTracking().Where(c => c.Name == company).ToListAsync());
        var customer = Assert.Single(customers);
        Assert.Equal(first.LeadId, customer.SourceLeadId);
        Assert.Equal(CustomersApp.RepA, customer.OwnerId);
        Assert.Equal(["李娜", "周杰"], customer.Contacts.Select(c => c.Name));
        var timeline = await CustomersApp.ReadAsync(await app.Client(Roles.Rep, CustomersApp.RepA).GetAsync($"/api/customers/{customer.Id}/timeline"));
        Assert.Equal(2, timeline.GetProperty("total").GetInt64());
        Assert.All(timeline.GetProperty("items").EnumerateArray(), e => Assert.Equal("lead.converted", e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task List_SearchesTwoCharacterChineseNamesAndCountsUnderScope()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var tag = Guid.NewGuid().ToString("N")[..6];
        await rep.PostAsJsonAsync("/api/customers", Body($"杭州精工{tag}有限公司"));
        await rep.PostAsJsonAsync("/api/customers", Body($"宁波港务{tag}有限公司"));

        var found = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers?q={Uri.EscapeDataString("精工" + tag)}"));
        var pair = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers?q={Uri.EscapeDataString("港务")}&limit=500"));

        Assert.Equal(1, found.GetProperty("total").GetInt64());
        Assert.Contains(pair.GetProperty("items").EnumerateArray(), c => c.GetProperty("name").GetString() == $"宁波港务{tag}有限公司");
        Assert.Equal(pair.GetProperty("items").GetArrayLength(), pair.GetProperty("total").GetInt64());
    }

    private static LeadConverted Converted(string company, string contact, Guid owner) => new(Guid.NewGuid(), owner, null, "web-form", null, company,
        "energy", "200-999", "East China", "Jiangsu", "Changzhou", contact, "采购经理", $"{Guid.NewGuid():N}@example.cn", null, null,
        company + "：储能项目", new Money(800_000m, "CNY"), DateTimeOffset.UtcNow.AddDays(-3)) { OccurredAt = DateTimeOffset.UtcNow };
}
