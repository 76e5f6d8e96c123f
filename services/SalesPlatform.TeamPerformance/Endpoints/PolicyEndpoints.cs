using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Endpoints;

public sealed record PolicyDto(string Key, decimal Value, string Description, decimal Default, decimal Min, decimal Max, bool WholeNumber,
    DateTimeOffset? UpdatedAt, string? UpdatedBy);

public sealed record ChangePolicyRequest(decimal Value);

/// <summary>Policy values (thresholds, limits) as data: everyone on the staff reads them, only admins change them, always validated.</summary>
public static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/performance/policies").WithTags("Policies").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListPolicies);
        group.MapPut("/{key}", ChangePolicy).RequireAuthorization(Policies.Admin);
        group.MapPolicyHistory<TeamPerformanceDbContext>("");
        return app;
    }

    private static async Task<Ok<List<PolicyDto>>> ListPolicies(TeamPerformanceDbContext db, CancellationToken ct)
    {
        var rows = await db.Policies.AsNoTracking().ToDictionaryAsync(p => p.Key, ct);
        return TypedResults.Ok(PolicyDefinition.All.Select(d => rows.TryGetValue(d.Key, out var row)
            ? new PolicyDto(d.Key, row.Value, d.Description, d.Default, d.Min, d.Max, d.WholeNumber, row.UpdatedAt, row.UpdatedBy)
            : new PolicyDto(d.Key, d.Default, d.Description, d.Default, d.Min, d.Max, d.WholeNumber, null, null)).ToList());
    }

    /// <summary>Changes a value (<c>?reason=</c> says why); the change and its revision are saved together.</summary>
    private static async Task<Ok<PolicyDto>> ChangePolicy(string key, ChangePolicyRequest request, string? reason, Caller caller,
        TeamPerformanceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var definition = PolicyDefinition.Of(key);
        var who = caller.Name ?? caller.PersonId?.ToString() ?? "admin";
        var row = await db.Policies.FirstOrDefaultAsync(p => p.Key == key, ct);
        var version = await db.Set<PolicyRevision>().Where(r => r.Policy == key).MaxAsync(r => (int?)r.Version, ct) ?? 1;
        (int, decimal, string?, DateTimeOffset) before = row is null
            ? (version, definition.Default, "default", DateTimeOffset.UnixEpoch)
            : (version, row.Value, row.UpdatedBy, row.UpdatedAt);
        if (row is null)
        {
            row = Policy.Create(key, request.Value, who, clock.GetUtcNow());
            db.Policies.Add(row);
        }
        else
        {
            row.Change(request.Value, who, clock.GetUtcNow());
        }

        await db.RecordChangeAsync(key, version + 1, row.Value, who, clock.GetUtcNow(), reason, before, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PolicyDto(key, row.Value, definition.Description, definition.Default, definition.Min, definition.Max,
            definition.WholeNumber, row.UpdatedAt, row.UpdatedBy));
    }
}
