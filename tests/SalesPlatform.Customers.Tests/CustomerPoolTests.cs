using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Customers.Jobs;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Customers;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Messaging;

namespace SalesPlatform.Customers.Tests;

/// <summary>The customer pool on a fake clock: reclaim at N days and not a minute before, the warning, locks, claim caps, cool-downs, the history.</summary>
public sealed class CustomerPoolTests(ClockedCustomersApp app) : IClassFixture<ClockedCustomersApp>
{
    private async Task<List<string>> NotificationKindsAsync(Guid person, Guid customer)
    {
        var notes = await CustomersApp.ReadAsync(await app.Client(Roles.Rep, person).GetAsync("/api/customers/notifications?limit=500"));
        return [.. notes.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("subject").GetString() == $"customer:{customer}")
            .Select(n => n.GetProperty("kind").GetString()!)];
    }

    [Fact]
    public async Task UnfollowedCustomer_IsReclaimedAtThirtyDays_NotAMinuteBefore_WarnedAWeekAhead_LockedOnesNever()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var id = await CustomersApp.CreateCustomerAsync(rep, "公海回收" + Guid.NewGuid().ToString("N")[..6]);
        var locked = await CustomersApp.CreateCustomerAsync(rep, "锁定客户" + Guid.NewGuid().ToString("N")[..6]);
        var manager = app.Client(Roles.CitySupervisor, CustomersApp.Manager);
        using var lockWithoutReason = await manager.PutAsJsonAsync($"/api/customers/{locked}/lock", new { locked = true });
        using var lockByRep = await rep.PutAsJsonAsync($"/api/customers/{locked}/lock", new { locked = true, reason = "x" });
        using var lockIt = await manager.PutAsJsonAsync($"/api/customers/{locked}/lock", new { locked = true, reason = "集团战略客户" });

        // Not yet a customer with a deal: the unrated rule, 30 days without a follow-up, warned 7 days before.
        app.FakeClock.Advance(TimeSpan.FromDays(23) - TimeSpan.FromMinutes(1));
        await app.RunAsync<CustomerPoolReclaim>();
        Assert.Empty(await NotificationKindsAsync(CustomersApp.RepA, id));
        app.FakeClock.Advance(TimeSpan.FromMinutes(2));
        await app.RunAsync<CustomerPoolReclaim>();
        await app.RunAsync<CustomerPoolReclaim>();
        Assert.Equal(["customer.reclaim-soon"], await NotificationKindsAsync(CustomersApp.RepA, id));

        app.FakeClock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(2));
        await app.RunAsync<CustomerPoolReclaim>();
        var stillOwned = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}"));
        app.FakeClock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await app.RunAsync<CustomerPoolReclaim>() >= 1);

        var pool = await CustomersApp.ReadAsync(await app.Client(Roles.Rep, CustomersApp.RepB).GetAsync("/api/customers/pool?limit=500"));
        using var ownerReads = await rep.GetAsync($"/api/customers/{id}");
        var history = await CustomersApp.ReadAsync(await app.Client(Roles.Admin, Guid.CreateVersion7()).GetAsync($"/api/customers/{id}/ownership"));
        var events = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == typeof(CustomerOwnerChanged).FullName).Select(m => m.Payload).ToListAsync());
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.OK), (lockWithoutReason.StatusCode, lockByRep.StatusCode, lockIt.StatusCode));
        Assert.Equal(CustomersApp.RepA, stillOwned.GetProperty("ownerId").GetGuid());
        Assert.Contains(pool.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(pool.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == locked);
        Assert.Equal(HttpStatusCode.NotFound, ownerReads.StatusCode);
        var change = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.Equal(("reclaimed", CustomersApp.RepA), (change.GetProperty("kind").GetString(), change.GetProperty("fromOwner").GetGuid()));
        Assert.Contains("30", change.GetProperty("reason").GetString());
        Assert.Single(events, p => p.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.Contains("customer.reclaimed", await NotificationKindsAsync(CustomersApp.RepA, id));
    }

    [Fact]
    public async Task AFollowUp_RestartsTheClock()
    {
        var rep = app.Client(Roles.Rep, CustomersApp.RepA);
        var id = await CustomersApp.CreateCustomerAsync(rep, "跟进客户" + Guid.NewGuid().ToString("N")[..6]);
        app.FakeClock.Advance(TimeSpan.FromDays(20));
        using var noKind = await rep.PostAsJsonAsync($"/api/customers/{id}/follow-ups", new { kind = "飞鸽", note = "x" });
        using var future = await rep.PostAsJsonAsync($"/api/customers/{id}/follow-ups", new { kind = "拜访", note = "x", at = app.FakeClock.GetUtcNow().AddHours(1) });
        using var logged = await rep.PostAsJsonAsync($"/api/customers/{id}/follow-ups", new { kind = "拜访", note = "拜访采购经理，确认扩产计划" });
        app.FakeClock.Advance(TimeSpan.FromDays(29));
        await app.RunAsync<CustomerPoolReclaim>();

        var reclaim = await CustomersApp.ReadAsync(await rep.GetAsync($"/api/customers/{id}/reclaim"));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Created), (noKind.StatusCode, future.StatusCode, logged.StatusCode));
        Assert.Contains("kind", await noKind.Content.ReadAsStringAsync());
        Assert.Equal(CustomersApp.RepA, reclaim.GetProperty("ownerId").GetGuid());
        Assert.Equal(app.FakeClock.GetUtcNow().AddDays(1), reclaim.GetProperty("reclaimAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Claims_StopAtTheOwnedCap_NotCountingCustomersWithADeal_AndAFormerOwnerWaitsOutTheCoolDown()
    {
        await app.SavePolicyAsync(CustomerPoolPolicy.Default with { OwnedCap = 1 });
        var person = Guid.CreateVersion7();
        var former = Guid.CreateVersion7();
        var claimer = app.Client(Roles.Rep, person);
        var formerClient = app.Client(Roles.Rep, former);
        var manager = app.Client(Roles.Admin, Guid.CreateVersion7());
        var first = await CustomersApp.CreateCustomerAsync(formerClient, "领取一" + Guid.NewGuid().ToString("N")[..6]);
        var second = await CustomersApp.CreateCustomerAsync(manager, "领取二" + Guid.NewGuid().ToString("N")[..6]);
        using var releaseWithout = await formerClient.PostAsJsonAsync($"/api/customers/{first}/release", new { });
        using var released = await formerClient.PostAsJsonAsync($"/api/customers/{first}/release", new { reason = "转给区域同事" });
        await manager.PostAsJsonAsync($"/api/customers/{second}/release", new { reason = "待分配" });

        using var claimedFirst = await claimer.PostAsync($"/api/customers/{first}/claim", null);
        using var overCap = await claimer.PostAsync($"/api/customers/{second}/claim", null);
        using var claimedAgain = await claimer.PostAsync($"/api/customers/{first}/claim", null);
        await app.PublishAndWaitAsync(new OpportunityWon(Guid.NewGuid(), first, person, new Money(1000m, "CNY"), app.FakeClock.GetUtcNow(), null, null, true)
        {
            OccurredAt = app.FakeClock.GetUtcNow(),
        });
        using var releasedByClaimer = await claimer.PostAsJsonAsync($"/api/customers/{first}/release", new { reason = "x" });
        using var formerTooSoon = await formerClient.PostAsync($"/api/customers/{first}/claim", null);
        using var afterDeal = await claimer.PostAsync($"/api/customers/{second}/claim", null);
        app.FakeClock.Advance(TimeSpan.FromDays(31));
        using var formerAfterCoolDown = await formerClient.PostAsync($"/api/customers/{first}/claim", null);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK), (releaseWithout.StatusCode, released.StatusCode));
        Assert.Equal(HttpStatusCode.OK, claimedFirst.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, overCap.StatusCode);
        Assert.Contains("customer.owned-cap", await overCap.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, claimedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, releasedByClaimer.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, formerTooSoon.StatusCode);
        Assert.Contains("customer.claim-cooldown", await formerTooSoon.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, afterDeal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, formerAfterCoolDown.StatusCode);
        var history = await CustomersApp.ReadAsync(await manager.GetAsync($"/api/customers/{first}/ownership"));
        Assert.Equal(["released", "claimed", "released", "claimed"], history.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
        await app.SavePolicyAsync(CustomerPoolPolicy.Default);
    }

    [Fact]
    public async Task AManagerReassignsOnlyWithinTheirTeam_AndARepCannotClaimAnotherRepsCustomer()
    {
        var repA = app.Client(Roles.Rep, CustomersApp.RepA);
        var id = await CustomersApp.CreateCustomerAsync(app.Client(Roles.Rep, CustomersApp.RepB), "改派客户" + Guid.NewGuid().ToString("N")[..6]);
        var mine = await CustomersApp.CreateCustomerAsync(repA, "本人客户" + Guid.NewGuid().ToString("N")[..6]);
        var manager = app.Client(Roles.CitySupervisor, CustomersApp.Manager);

        using var claimOthers = await repA.PostAsync($"/api/customers/{id}/claim", null);
        using var outsideTeam = await manager.PostAsJsonAsync($"/api/customers/{mine}/assign", new { ownerId = CustomersApp.RepB, reason = "调整" });
        using var byRep = await repA.PostAsJsonAsync($"/api/customers/{mine}/assign", new { ownerId = CustomersApp.RepA, reason = "调整" });
        var admin = app.Client(Roles.Admin, Guid.CreateVersion7());
        using var byAdmin = await admin.PostAsJsonAsync($"/api/customers/{id}/assign", new { ownerId = CustomersApp.RepA, reason = "区域调整" });

        Assert.Equal(HttpStatusCode.NotFound, claimOthers.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outsideTeam.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        var timeline = await CustomersApp.ReadAsync(await repA.GetAsync($"/api/customers/{id}/timeline"));
        Assert.Contains(timeline.GetProperty("items").EnumerateArray(), e => e.GetProperty("kind").GetString() == "ownership.reassigned");
    }
}
