using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Endpoints;

/// <summary>
/// Team performance's policies in the shared store: everyone on the staff reads them, admins change them
/// (validated, versioned, with history at <c>/api/performance/policies/{name}/history</c>).
/// </summary>
public static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/performance/policies").WithTags("Policies").RequireAuthorization(Policies.Staff);
        group.MapPolicy<TeamPerformanceDbContext, CommissionPolicy>();
        group.MapPolicy<TeamPerformanceDbContext, RebatePolicy>();
        group.MapPolicy<TeamPerformanceDbContext, ImprovementPlanPolicy>();
        group.MapPolicy<TeamPerformanceDbContext, AssigneeSearchPolicy>();
        group.MapPolicy<TeamPerformanceDbContext, LeaderboardPolicy>();
        group.MapPolicy<TeamPerformanceDbContext, ExchangeRatePolicy>(writers: Policies.Admin);
        group.MapPolicyHistory<TeamPerformanceDbContext>("");
        return app;
    }
}
