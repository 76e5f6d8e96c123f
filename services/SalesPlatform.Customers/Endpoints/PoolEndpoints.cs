using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Endpoints;

// Several types in one file: the pool and follow-up endpoints with their request and response records.
public sealed record ReasonBody([property: MultilineText] string? Reason);

public sealed record AssignRequest(Guid? OwnerId, [property: MultilineText] string? Reason);

public sealed record LockRequest(bool Locked, [property: MultilineText] string? Reason);

public sealed record FollowUpRequest(string? Kind, [property: MultilineText] string? Note, DateTimeOffset? At);

public sealed record OwnershipChangeDto(Guid CustomerId, Guid? FromOwner, Guid? ToOwner, string Kind, string? Reason, string ChangedBy, DateTimeOffset ChangedAt)
{
    public static OwnershipChangeDto From(CustomerOwnershipChange c) => new(c.CustomerId, c.FromOwner, c.ToOwner, c.Kind, c.Reason, c.ChangedBy, c.ChangedAt);
}

/// <summary>A customer as the pool and its owner see it: who has it since when, the last follow-up and deal, the lock, and when it is reclaimed.</summary>
public sealed record PoolCustomerDto(Guid Id, string Name, string? Industry, string? Region, string? Province, string? City, Guid? OwnerId,
    DateTimeOffset? OwnerSince, DateTimeOffset? LastFollowUpAt, DateTimeOffset? LastDealAt, string? ValueTier, bool Locked, string? LockReason,
    DateTimeOffset? ReclaimAt, string? ReclaimReason)
{
    public static PoolCustomerDto From(Customer c, CustomerPoolPolicy policy)
    {
        var due = policy.ReclaimDue(c);
        return new(c.Id, c.Name, c.Industry, c.Region, c.Province, c.City, c.OwnerId, c.OwnerSince, c.LastFollowUpAt, c.LastDealAt, c.Segment?.ValueTier,
            c.Locked, c.LockReason, due?.Due, due?.Reason);
    }
}

/// <summary>
/// The customer pool (公海) and ownership: <c>GET /api/customers/pool</c>, <c>POST .../{id}/claim</c> (owned cap and cool-down
/// from policy <c>customer-pool</c>), <c>/release</c>, <c>/assign</c> (a manager, to someone in their team), <c>PUT .../{id}/lock</c>
/// (managers: never reclaimed), <c>POST .../{id}/follow-ups</c> (restarts the reclaim clock), <c>GET .../{id}/ownership</c>.
/// </summary>
public static class PoolEndpoints
{
    public static IEndpointRouteBuilder MapPoolEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customer pool").RequireAuthorization(Policies.Staff)
            .Refuses(StatusCodes.Status503ServiceUnavailable);
        customers.MapGet("/pool", ListPool);
        customers.MapPost("/{id:guid}/claim", Claim);
        customers.MapPost("/{id:guid}/release", Release).WithRequestExample(new { reason = "客户已转由渠道伙伴服务" });
        customers.MapPost("/{id:guid}/assign", Assign).WithRequestExample(new { ownerId = Guid.Empty, reason = "区域调整" });
        customers.MapPut("/{id:guid}/lock", Lock).WithRequestExample(new { locked = true, reason = "战略客户，集团统一维护" });
        customers.MapPost("/{id:guid}/follow-ups", FollowUp).WithRequestExample(new { kind = "拜访", note = "拜访采购经理，确认明年扩产计划" });
        customers.MapGet("/{id:guid}/ownership", ListOwnership);
        customers.MapGet("/{id:guid}/reclaim", GetReclaim);
        var policies = app.MapGroup("/api/customers/policies").WithTags("Customer policies").RequireAuthorization(Policies.Staff);
        policies.MapPolicy<CustomersDbContext, CustomerPoolPolicy>();
        return app;
    }

    private static async Task<Ok<ListPage<PoolCustomerDto>>> ListPool(ListQuery list, string? industry, string? region, string? tier, Caller caller,
        CustomersDbContext db, CancellationToken ct)
    {
        RefusePartners(caller);
        var policy = await PolicyStore.LoadAsync<CustomerPoolPolicy>(db, ct);
        var query = db.Customers.AsNoTracking().Where(c => c.OwnerId == null);
        if (Vocabularies.Industries.Resolve(industry)?.Code is { } code)
        {
            query = query.Where(c => c.Industry == code);
        }

        if (Vocabularies.Regions.Resolve(region)?.Code is { } place)
        {
            query = query.Where(c => c.Region == place);
        }

        if (!string.IsNullOrWhiteSpace(tier))
        {
            var t = CustomerVocabularies.ValueTiers.Resolve(tier)?.Code
                ?? throw new RequestValidationException("tier", "Tier must be one of: " + CustomerVocabularies.ValueTiers.Describe() + ".");
            query = query.Where(c => c.Segment!.ValueTier == t);
        }

        query = query.Search(list, pattern => c => EF.Functions.ILike(c.Name, pattern));
        return TypedResults.Ok(await query.ToPageAsync(list, c => c.Id, c => PoolCustomerDto.From(c, policy), ct));
    }

    private static async Task<Ok<PoolCustomerDto>> Claim(Guid id, Caller caller, DataScope scope, CustomersDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        RefusePartners(caller);
        var me = caller.RequirePerson();
        var policy = await PolicyStore.LoadAsync<CustomerPoolPolicy>(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One claim of a customer at a time, and one count of a claimer's customers at a time.
        var customer = await db.Customers.FromSqlInterpolated($"SELECT * FROM customers WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (customer is null || (customer.OwnerId is { } owner && !scope.SeesOwner(owner)))
        {
            throw new NotFoundException("Customer", id);
        }

        if (customer.OwnerId is not null)
        {
            throw new ConflictException("customer.owned", customer.OwnerId == me ? "You own this customer already." : "This customer has an owner; it is not in the pool.");
        }

        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"customer-claims:" + me}, 0))", ct);
        await RefuseOverCapAsync(db, policy, me, ct);
        var now = clock.GetUtcNow();
        var cooledFrom = now.AddDays(-policy.ReclaimCooldownDays);
        if (await db.OwnershipChanges.AnyAsync(c => c.CustomerId == id && c.FromOwner == me && c.ToOwner != me && c.ChangedAt > cooledFrom, ct))
        {
            throw new BusinessRuleException("customer.claim-cooldown",
                $"You had this customer in the last {policy.ReclaimCooldownDays} days; a former owner waits out the cool-down before claiming it again.");
        }

        customer.ChangeOwner(me, "claimed", null, caller.Name ?? me.ToString(), now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(PoolCustomerDto.From(customer, policy));
    }

    private static async Task<Ok<PoolCustomerDto>> Release(Guid id, ReasonBody? body, Caller caller, DataScope scope, CustomersDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var reason = RequireReason(body?.Reason);
        var customer = await FindOwnedAsync(db, scope, id, ct);
        if (!(caller.IsAdmin || caller.IsManager || customer.OwnerId == caller.PersonId))
        {
            throw new ForbiddenException("Only the customer's owner, their manager or an admin may release it to the pool.");
        }

        customer.ChangeOwner(null, "released", reason, caller.Name ?? caller.PersonId?.ToString() ?? "unknown", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PoolCustomerDto.From(customer, await PolicyStore.LoadAsync<CustomerPoolPolicy>(db, ct)));
    }

    private static async Task<Ok<PoolCustomerDto>> Assign(Guid id, AssignRequest? body, Caller caller, DataScope scope, CustomersDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var to = body?.OwnerId is { } o && o != Guid.Empty ? o : throw new RequestValidationException("ownerId", "The new owner's person id is required.");
        var reason = RequireReason(body.Reason);
        if (!(caller.IsAdmin || caller.IsManager))
        {
            throw new ForbiddenException("Only a manager or an admin reassigns customers.");
        }

        if (!scope.SeesOwner(to))
        {
            throw new RequestValidationException("ownerId", "The new owner is not in your team.");
        }

        var policy = await PolicyStore.LoadAsync<CustomerPoolPolicy>(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.Customers.FromSqlInterpolated($"SELECT * FROM customers WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (customer is null || (customer.OwnerId is { } owner && !scope.SeesOwner(owner)))
        {
            throw new NotFoundException("Customer", id);
        }

        if (customer.OwnerId == to)
        {
            throw new ConflictException("customer.owned", "That person owns this customer already.");
        }

        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"customer-claims:" + to}, 0))", ct);
        await RefuseOverCapAsync(db, policy, to, ct);
        customer.ChangeOwner(to, "reassigned", reason, caller.Name ?? caller.PersonId?.ToString() ?? "admin", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(PoolCustomerDto.From(customer, policy));
    }

    private static async Task<Ok<PoolCustomerDto>> Lock(Guid id, LockRequest? body, Caller caller, DataScope scope, CustomersDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        if (!(caller.IsAdmin || caller.IsManager))
        {
            throw new ForbiddenException("Only a manager or an admin locks a customer.");
        }

        var reason = body?.Locked == true ? RequireReason(body.Reason) : body?.Reason?.Trim();
        var customer = await FindOwnedAsync(db, scope, id, ct);
        var now = clock.GetUtcNow();
        customer.SetLock(body?.Locked == true, reason, now);
        db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(now), CustomerId = id, Kind = customer.Locked ? "ownership.locked" : "ownership.unlocked", OccurredAt = now,
            Summary = customer.Locked ? $"锁定，不回收公海：{reason} / Locked against reclaim: {reason}" : "解除锁定 / Unlocked",
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PoolCustomerDto.From(customer, await PolicyStore.LoadAsync<CustomerPoolPolicy>(db, ct)));
    }

    private static async Task<Created<TimelineEntryDto>> FollowUp(Guid id, FollowUpRequest? body, DataScope scope, Caller caller, CustomersDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = CustomerVocabularies.FollowUpKinds.Resolve(body?.Kind)?.Code;
        if (kind is null)
        {
            errors["kind"] = ["Kind must be one of: " + CustomerVocabularies.FollowUpKinds.Describe() + "."];
        }

        var note = Normalizer.Text(body?.Note);
        if (note is null || note.Length > 2000)
        {
            errors["note"] = ["What happened is required (at most 2000 characters)."];
        }

        var now = clock.GetUtcNow();
        var at = body?.At?.ToUniversalTime() ?? now;
        if (at > now.AddMinutes(5) || at < now.AddDays(-30))
        {
            errors["at"] = ["A follow-up is logged within 30 days of when it happened, never ahead of time."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var customer = await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        var tracked = await db.Customers.SingleAsync(c => c.Id == customer.Id, ct);
        tracked.FollowedUp(at);
        var entry = new TimelineEntry
        {
            Id = Guid.CreateVersion7(at), CustomerId = id, Kind = "follow-up." + kind, OccurredAt = at,
            Subject = caller.PersonId is { } p ? $"person:{p}" : null,
            Summary = $"{CustomerVocabularies.FollowUpKinds.Resolve(kind)!.ZhCn}跟进：{note} / {CustomerVocabularies.FollowUpKinds.Resolve(kind)!.EnUs} follow-up: {note}",
        };
        db.Timeline.Add(entry);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/customers/{id}/timeline", TimelineEntryDto.From(entry));
    }

    private static async Task<Ok<ListPage<OwnershipChangeDto>>> ListOwnership(Guid id, ListQuery list, DataScope scope, CustomersDbContext db,
        CancellationToken ct)
    {
        await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        return TypedResults.Ok(await db.OwnershipChanges.AsNoTracking().Where(c => c.CustomerId == id)
            .ToPageAsync(list, c => (int)c.Id, OwnershipChangeDto.From, ct, ListSort.Oldest));
    }

    private static async Task<Ok<PoolCustomerDto>> GetReclaim(Guid id, DataScope scope, CustomersDbContext db, CancellationToken ct) =>
        TypedResults.Ok(PoolCustomerDto.From(await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct), await PolicyStore.LoadAsync<CustomerPoolPolicy>(db, ct)));

    private static async Task RefuseOverCapAsync(CustomersDbContext db, CustomerPoolPolicy policy, Guid person, CancellationToken ct)
    {
        var owned = await db.Customers.CountAsync(c => c.OwnerId == person && (policy.CountCustomersWithDeals || c.LastDealAt == null), ct);
        if (owned >= policy.OwnedCap)
        {
            throw new BusinessRuleException("customer.owned-cap",
                $"{owned} customers are owned already{(policy.CountCustomersWithDeals ? "" : " (not counting customers with a deal)")}; the cap is {policy.OwnedCap}.")
            {
                Details = new Dictionary<string, object?> { ["owned"] = owned, ["cap"] = policy.OwnedCap },
            };
        }
    }

    private static async Task<Customer> FindOwnedAsync(CustomersDbContext db, DataScope scope, Guid id, CancellationToken ct)
    {
        var visible = await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        if (visible.OwnerId is null)
        {
            throw new ConflictException("customer.in-pool", "This customer is in the pool: nobody owns it.");
        }

        return await db.Customers.SingleAsync(c => c.Id == id, ct);
    }

    private static string RequireReason(string? reason) =>
        Normalizer.Text(reason) is { Length: <= 500 } r ? r : throw new RequestValidationException("reason", "A reason is required (at most 500 characters).");

    private static void RefusePartners(Caller caller)
    {
        if (caller.IsPartner)
        {
            throw new ForbiddenException("Partners do not work the customer pool.");
        }
    }
}
