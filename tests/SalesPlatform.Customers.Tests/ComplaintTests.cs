using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Customers.Jobs;
using SalesPlatform.Domain;
using SalesPlatform.Events.Customers;
using SalesPlatform.Messaging;

namespace SalesPlatform.Customers.Tests;

/// <summary>The customers service on a fake clock.</summary>
public sealed class ClockedCustomersApp : CustomersApp
{
    public FakeTimeProvider FakeClock { get; } = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

    public override TimeProvider Clock => FakeClock;

    public async Task<int> ScanAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ComplaintSlaScan>().RunOnceAsync(CancellationToken.None);
    }
}

/// <summary>Complaints: the 48-hour response SLA on a fake clock, escalation to the owner's manager, resolution, closure, re-opening.</summary>
public sealed class ComplaintTests(ClockedCustomersApp app) : IClassFixture<ClockedCustomersApp>
{
    private async Task<(Guid Customer, Guid Complaint, HttpClient Rep)> OpenAsync(string severity)
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var customer = (await CustomersApp.ReadAsync(await rep.PostAsJsonAsync("/api/customers", new { name = "客诉测试" + Guid.NewGuid().ToString("N")[..6] })))
            .GetProperty("id").GetGuid();
        app.FakeClock.Advance(TimeSpan.FromMinutes(1));
        using var opened = await rep.PostAsJsonAsync($"/api/customers/{customer}/complaints",
            new { category = "产品", severity, description = "主轴异响，影响验收" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var complaint = await CustomersApp.ReadAsync(opened);
        return (customer, complaint.GetProperty("id").GetGuid(), rep);
    }

    [Theory]
    [InlineData(47, 59, false)]
    [InlineData(48, 1, true)]
    public async Task NormalComplaint_NotAnsweredIn48Hours_IsEscalatedOnceToTheOwnerAndTheirManager(int hours, int minutes, bool breached)
    {
        var (customer, complaint, rep) = await OpenAsync("一般");

        app.FakeClock.Advance(new TimeSpan(hours, minutes, 0));
        await app.ScanAsync();
        await app.ScanAsync();

        var payloads = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == typeof(ComplaintSlaBreached).FullName).Select(m => m.Payload).ToListAsync());
        var events = payloads.Count(p => p.Contains(complaint.ToString(), StringComparison.Ordinal));
        var managerNotes = await CustomersApp.ReadAsync(await app.Client(Roles.CitySupervisor, CustomersApp.Manager).GetAsync("/api/customers/notifications?limit=500"));
        var escalated = managerNotes.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("subject").GetString() == $"complaint:{complaint}");
        var ownerNotes = await CustomersApp.ReadAsync(await rep.GetAsync("/api/customers/notifications?limit=500"));
        Assert.Equal(breached ? 1 : 0, events);
        Assert.Equal(breached ? 1 : 0, escalated);
        Assert.Equal(breached ? 1 : 0, ownerNotes.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("subject").GetString() == $"complaint:{complaint}"));
        Assert.NotEqual(Guid.Empty, customer);
    }

    [Fact]
    public async Task Complaint_ResolvedWithCorrectiveAction_ClosedOnlyOnTheCustomersConfirmation_ReopenedWithAFreshClock()
    {
        var (customer, complaint, rep) = await OpenAsync("紧急");
        var url = $"/api/customers/{customer}/complaints/{complaint}";

        using var closeTooEarly = await rep.PostAsJsonAsync($"{url}/close", new { confirmedBy = "王芳" });
        using var noAction = await rep.PostAsJsonAsync($"{url}/resolve", new { resolution = "更换主轴" });
        app.FakeClock.Advance(TimeSpan.FromHours(5));
        var resolved = await CustomersApp.ReadAsync(await rep.PostAsJsonAsync($"{url}/resolve",
            new { resolution = "更换主轴", correctiveAction = "供应商来料检验增加噪声测试" }));
        using var noConfirmation = await rep.PostAsJsonAsync($"{url}/close", new { });
        app.FakeClock.Advance(TimeSpan.FromDays(1));
        var closed = await CustomersApp.ReadAsync(await rep.PostAsJsonAsync($"{url}/close", new { confirmedBy = "王芳（采购经理）" }));
        app.FakeClock.Advance(TimeSpan.FromDays(3));
        var reopened = await CustomersApp.ReadAsync(await rep.PostAsync($"{url}/reopen", null));
        using var stranger = await app.Client(Roles.Rep, CustomersApp.RepB).PostAsync($"{url}/respond", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, closeTooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noAction.StatusCode);
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noConfirmation.StatusCode);
        Assert.Equal(("closed", "王芳（采购经理）"), (closed.GetProperty("status").GetString(), closed.GetProperty("confirmedBy").GetString()));
        Assert.Equal(("open", 1), (reopened.GetProperty("status").GetString(), reopened.GetProperty("reopened").GetInt32()));
        Assert.Equal(app.FakeClock.GetUtcNow().AddHours(24), reopened.GetProperty("responseDueAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        var timeline = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{customer}/timeline"));
        Assert.Equal(["customer.created", "complaint.opened", "complaint.resolved", "complaint.closed", "complaint.reopened"],
            timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public void ComplaintPolicy_DefaultTimes_AndTheOrderBetweenSeverities()
    {
        Assert.Equal(TimeSpan.FromHours(48), ComplaintPolicy.Default.ResponseWithin("normal"));
        Assert.Equal(TimeSpan.FromHours(4), ComplaintPolicy.Default.ResponseWithin("major"));
        Assert.NotEmpty((ComplaintPolicy.Default with { Major = TimeSpan.FromHours(30) }).Validate());
    }
}
