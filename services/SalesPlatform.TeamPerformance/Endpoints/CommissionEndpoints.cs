using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Endpoints;

// Several types in one file: The commission endpoints with their response record.
public sealed record CommissionPlanDto(Guid Id, string Name, bool IsDefault, IReadOnlyList<CommissionTier> Tiers, decimal AcceleratorRate, string Basis)
{
    public static CommissionPlanDto From(CommissionPlan p) => new(p.Id, p.Name, p.IsDefault, p.Tiers, p.AcceleratorRate, p.Basis);
}

/// <summary>Commission plans (tiered rates with an accelerator above 100% attainment) and per-rep statements.</summary>
public static class CommissionEndpoints
{
    public static IEndpointRouteBuilder MapCommissionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/performance/commissions").WithTags("Commissions").RequireAuthorization(Policies.Staff);
        group.MapGet("/plans", ListPlans);
        group.MapGet("/statements", GetStatement);
        return app;
    }

    /// <summary>The commission plans (a view of the <c>commission</c> policy, which is where they change).</summary>
    private static async Task<Ok<List<CommissionPlanDto>>> ListPlans(TeamPerformanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await PolicyStore.LoadAsync<CommissionPolicy>(db, ct)).Plans.OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(CommissionPlanDto.From).ToList());

    /// <summary>The commission statement of a rep (default: the caller) for a period under a plan (default: the default plan).</summary>
    private static async Task<Ok<CommissionStatement>> GetStatement(Guid? personId, string? period, Guid? planId, Caller caller, DataScope scope,
        TeamPerformanceDbContext db, IOptions<TeamPerformanceOptions> options, CancellationToken ct)
    {
        var parsed = Period.Parse(period);
        var pid = personId ?? caller.RequirePerson();
        await Readable.PersonAsync(db, scope, pid, ct);
        var policy = await PolicyStore.LoadAsync<CommissionPolicy>(db, ct);
        var plan = (planId is null ? policy.PlanOf(pid) : policy.Find(planId))
            ?? throw new NotFoundException("Commission plan", planId?.ToString() ?? "default");
        var currency = options.Value.Currency;
        // The plan's basis: signed contract value against the revenue target, or cash collected against the collections target.
        var collected = plan.Basis == CommissionPlan.CollectedBasis;
        var kind = collected ? FactKinds.Payment : FactKinds.ContractSigned;
        var revenue = await db.Facts.Where(f => f.PersonId == pid && f.Kind == kind && f.Currency == currency
            && f.Month >= parsed.From && f.Month <= parsed.To).SumAsync(f => f.Amount, ct);
        var targets = await KpiQueries.TargetRowsAsync(db, TargetOwner.Person(pid), parsed.Year, ct);
        var target = TargetLookup.For(targets, collected ? TargetMetrics.Collections : TargetMetrics.Revenue, TargetOwner.Person(pid), parsed) ?? 0;
        return TypedResults.Ok(plan.Statement(pid, parsed.Key, revenue, target, currency));
    }
}
