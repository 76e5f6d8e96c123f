using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Leads.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Leads.Data;

/// <summary>Reads and writes the policy documents of the <c>policies</c> table.</summary>
public static class PolicyStore
{
    public static async Task<T> LoadAsync<T>(LeadsDbContext db, string name, CancellationToken cancellationToken)
    {
        var row = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Name == name, cancellationToken)
            ?? throw new InvalidOperationException($"Policy '{name}' is missing from the policies table (migrations seed it).");
        return row.Read<T>();
    }

    public static Task<ScoringPolicy> ScoringAsync(LeadsDbContext db, CancellationToken ct) => LoadAsync<ScoringPolicy>(db, ScoringPolicy.PolicyName, ct);
    public static Task<SlaPolicy> SlaAsync(LeadsDbContext db, CancellationToken ct) => LoadAsync<SlaPolicy>(db, SlaPolicy.PolicyName, ct);
    public static Task<AssignmentPolicy> AssignmentAsync(LeadsDbContext db, CancellationToken ct) => LoadAsync<AssignmentPolicy>(db, AssignmentPolicy.PolicyName, ct);

    /// <summary>
    /// Replaces a policy and records the change (who, when, why) in the policy history in the same transaction;
    /// 400 naming the fields when invalid, 409 when <paramref name="expectedVersion"/> is stale.
    /// </summary>
    public static async Task<PolicyDocument> SaveAsync<T>(LeadsDbContext db, string name, T policy, Func<T, Dictionary<string, string[]>> validate,
        int? expectedVersion, string? by, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = validate(policy);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var row = await db.Policies.SingleAsync(p => p.Name == name, cancellationToken);
        if (expectedVersion is { } version && version != row.Version)
        {
            throw new ConflictException("policy.stale", $"Policy '{name}' is at version {row.Version}, not {version}; reload it and apply your change again.");
        }

        var previous = (row.Version, row.Read<T>(), row.UpdatedBy, row.UpdatedAt);
        row.Document = JsonSerializer.Serialize(policy, LeadsDbContext.Json);
        row.Version++;
        row.UpdatedAt = now;
        row.UpdatedBy = by;
        await db.RecordChangeAsync(name, row.Version, policy, by ?? "unknown", now, reason, previous, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }
}
