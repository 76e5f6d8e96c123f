using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Endpoints;

public sealed record CommissionPlanDto(Guid Id, string Name, bool IsDefault, IReadOnlyList<CommissionTier> Tiers, decimal AcceleratorRate)
{
    public static CommissionPlanDto From(CommissionPlan p) => new(p.Id, p.Name, p.IsDefault, p.Tiers, p.AcceleratorRate);
}

public sealed record ChangeCommissionPlanRequest(string Name, IReadOnlyList<CommissionTier> Tiers, decimal AcceleratorRate);

/// <summary>Commission plans (tiered rates with an accelerator above 100% attainment) and per-rep statements.</summary>
public static class CommissionEndpoints
{
    public static IEndpointRouteBuilder MapCommissionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/performance/commissions").WithTags("Commissions").RequireAuthorization(Policies.Staff);
        group.MapGet("/plans", ListPlans);
        group.MapPut("/plans/{id:guid}", ChangePlan).RequireAuthorization(Policies.Admin);
        group.MapGet("/statements", GetStatement);
        return app;
    }

    private static async Task<Ok<List<CommissionPlanDto>>> ListPlans(TeamPerformanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.CommissionPlans.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct)).Select(CommissionPlanDto.From).ToList());

    private static async Task<Ok<CommissionPlanDto>> ChangePlan(Guid id, ChangeCommissionPlanRequest request, TeamPerformanceDbContext db,
        CancellationToken ct)
    {
        var plan = await db.CommissionPlans.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Commission plan", id);
        plan.Change(request.Name, request.Tiers ?? [], request.AcceleratorRate);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CommissionPlanDto.From(plan));
    }

    /// <summary>The commission statement of a rep (default: the caller) for a period under a plan (default: the default plan).</summary>
    private static async Task<Ok<CommissionStatement>> GetStatement(Guid? personId, string? period, Guid? planId, Caller caller, DataScope scope,
        TeamPerformanceDbContext db, IOptions<TeamPerformanceOptions> options, CancellationToken ct)
    {
        var parsed = Period.Parse(period);
        var pid = personId ?? caller.RequirePerson();
        await Readable.PersonAsync(db, scope, pid, ct);
        var plan = await db.CommissionPlans.AsNoTracking()
            .Where(p => planId == null ? p.IsDefault : p.Id == planId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Commission plan", planId?.ToString() ?? "default");
        var currency = options.Value.Currency;
        var revenue = await db.Facts.Where(f => f.PersonId == pid && f.Kind == FactKinds.ContractSigned && f.Currency == currency
            && f.Month >= parsed.From && f.Month <= parsed.To).SumAsync(f => f.Amount, ct);
        var targets = await KpiQueries.TargetRowsAsync(db, TargetOwner.Person(pid), parsed.Year, ct);
        var target = TargetLookup.For(targets, TargetMetrics.Revenue, TargetOwner.Person(pid), parsed) ?? 0;
        return TypedResults.Ok(plan.Statement(pid, parsed.Key, revenue, target, currency));
    }
}
