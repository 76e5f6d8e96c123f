using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Endpoints;

// Several types in one file: the credit endpoints with their request record.
/// <summary>Finance's blacklist decision, with its reason.</summary>
public sealed record BlacklistRequest(bool Blacklisted, [property: MultilineText] string? Reason);

/// <summary>
/// The credit profile (<c>GET /api/customers/{id}/credit</c>, in the caller's data scope; contracts read it over
/// gRPC) and the blacklist (<c>PUT /api/customers/{id}/blacklist</c>, finance and admins only, on the
/// customer's timeline with who and why).
/// </summary>
public static class CreditEndpoints
{
    public static IEndpointRouteBuilder MapCreditEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customer credit").RequireAuthorization(Policies.Staff);
        customers.MapGet("/{id:guid}/credit", GetCredit);
        customers.MapPut("/{id:guid}/blacklist", SetBlacklist).WithRequestExample(new { blacklisted = true, reason = "连续三期逾期，法务已发函" });
        var policies = app.MapGroup("/api/customers/policies").WithTags("Customer policies").RequireAuthorization(Policies.Staff);
        policies.MapPolicy<CustomersDbContext, CreditPolicy>();
        policies.MapPolicyHistory<CustomersDbContext>("");
        return app;
    }

    private static async Task<Ok<CreditProfile>> GetCredit(Guid id, DataScope scope, CustomersDbContext db, CancellationToken ct)
    {
        var customer = await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        return TypedResults.Ok(await ProfileAsync(db, customer, ct));
    }

    private static async Task<Ok<CreditProfile>> SetBlacklist(Guid id, BlacklistRequest? body, Caller caller, CustomersDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (!(caller.IsInRole(Roles.Finance) || caller.IsAdmin))
        {
            throw new ForbiddenException("Only finance sets or lifts the blacklist.");
        }

        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? throw new RequestValidationException("reason", "A reason is required.") : body.Reason.Trim();
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Customer", id);
        var now = clock.GetUtcNow();
        var by = caller.Name ?? caller.PersonId?.ToString() ?? "finance";
        customer.SetBlacklist(body!.Blacklisted, reason, by, now);
        db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(now), CustomerId = id, Kind = body.Blacklisted ? "credit.blacklisted" : "credit.blacklist-lifted", OccurredAt = now,
            Summary = body.Blacklisted ? $"{by} 列入黑名单：{reason} / Blacklisted by {by}: {reason}" : $"{by} 解除黑名单：{reason} / Blacklist lifted by {by}: {reason}",
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ProfileAsync(db, customer, ct));
    }

    /// <summary>The customer's payment history rated by the credit policy.</summary>
    public static async Task<CreditProfile> ProfileAsync(CustomersDbContext db, Customer customer, CancellationToken ct)
    {
        var records = await db.Payments.AsNoTracking().Where(p => p.CustomerId == customer.Id).ToListAsync(ct);
        var policy = await PolicyStore.LoadAsync<CreditPolicy>(db, ct);
        return policy.Rate(customer.Id, records, customer.Blacklisted, customer.BlacklistReason, customer.BlacklistedBy);
    }
}
