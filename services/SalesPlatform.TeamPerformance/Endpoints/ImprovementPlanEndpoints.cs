using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.TeamPerformance.Jobs;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Endpoints;

// Several types in one file: The improvement-plan endpoints with their response record.
public sealed record ImprovementPlanDto(Guid Id, Guid PersonId, Guid? ManagerId, string TriggerPeriod, string Reason, string Status,
    DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string Quadrant, IReadOnlyList<string> Actions, DateTimeOffset ReviewAt)
{
    public static ImprovementPlanDto From(ImprovementPlan p) =>
        new(p.Id, p.PersonId, p.ManagerId, p.TriggerPeriod, p.Reason, p.Status, p.OpenedAt, p.ClosedAt, p.Quadrant, p.Actions, p.ReviewAt);
}

/// <summary>Improvement plans: visible to the person and everyone above them; evaluated by the job or on demand by an admin.</summary>
public static class ImprovementPlanEndpoints
{
    public static IEndpointRouteBuilder MapImprovementPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/performance/improvement-plans").WithTags("Improvement plans").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListPlans);
        group.MapPost("/evaluate", Evaluate).RequireAuthorization(Policies.Admin);
        group.MapPost("/{id:guid}/close", ClosePlan).RequireAuthorization(Policies.Manager);
        return app;
    }

    /// <summary>Plans of the caller's subtree (everyone's for admins, analysts, directors).</summary>
    private static async Task<Ok<ListPage<ImprovementPlanDto>>> ListPlans(string? status, ListQuery list, Caller caller, DataScope scope, TeamPerformanceDbContext db,
        CancellationToken ct)
    {
        var query = db.ImprovementPlans.AsNoTracking();
        query = scope.Apply(query, p => (Guid?)p.PersonId);

        if (status is not null)
        {
            query = query.Where(p => p.Status == status);
        }

        return TypedResults.Ok(await query.ToPageAsync(list, p => p.Id, ImprovementPlanDto.From, ct));
    }

    private static async Task<Ok<List<ImprovementPlanDto>>> Evaluate(string period, TeamPerformanceDbContext db, TimeProvider clock,
        IOptions<TeamPerformanceOptions> options, CancellationToken ct)
    {
        var opened = await ImprovementPlanJob.EvaluateAsync(db, Period.Parse(period), options.Value.Currency, clock, ct);
        return TypedResults.Ok(opened.Select(ImprovementPlanDto.From).ToList());
    }

    private static async Task<Ok<ImprovementPlanDto>> ClosePlan(Guid id, Caller caller, DataScope scope, TeamPerformanceDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var plan = await db.ImprovementPlans.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Improvement plan", id);
        try
        {
            await Readable.PersonAsync(db, scope, plan.PersonId, ct);
        }
        catch (NotFoundException)
        {
            throw new NotFoundException("Improvement plan", id);
        }

        if (caller.PersonId == plan.PersonId && !caller.IsAdmin)
        {
            throw new ForbiddenException("Your manager closes your improvement plan.");
        }

        plan.Close(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ImprovementPlanDto.From(plan));
    }
}
