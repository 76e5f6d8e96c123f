using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// One version of a policy (a rule table or a threshold): what it said, who set it, when and why.
/// Written in the same transaction as the change, so the history never misses one.
/// </summary>
public sealed class PolicyRevision
{
    /// <summary>Row id.</summary>
    public long Id { get; private set; }

    /// <summary>The policy's name (<c>scoring</c>, <c>improvement.threshold</c>).</summary>
    public string Policy { get; private set; } = "";

    /// <summary>The policy's version after this change.</summary>
    public int Version { get; private set; }

    /// <summary>The policy as JSON after this change.</summary>
    public string Document { get; private set; } = "{}";

    /// <summary>Who changed it (name or person id).</summary>
    public string ChangedBy { get; private set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>Why, as the person changing it said (the <c>reason</c> query parameter).</summary>
    public string? Reason { get; private set; }

    /// <summary>A revision of <paramref name="policy"/> holding <paramref name="value"/> serialised as JSON.</summary>
    public static PolicyRevision Of<T>(string policy, int version, T value, string changedBy, DateTimeOffset changedAt, string? reason) => new()
    {
        Policy = policy,
        Version = version,
        Document = JsonSerializer.Serialize(value, JsonSerializerOptions.Web),
        ChangedBy = changedBy,
        ChangedAt = changedAt,
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
    };
}

/// <summary>A revision as the API answers it.</summary>
public sealed record PolicyRevisionDto(string Policy, int Version, JsonElement Value, string ChangedBy, DateTimeOffset ChangedAt, string? Reason)
{
    /// <summary>Maps a stored revision.</summary>
    public static PolicyRevisionDto From(PolicyRevision revision) => new(revision.Policy, revision.Version,
        JsonDocument.Parse(revision.Document).RootElement.Clone(), revision.ChangedBy, revision.ChangedAt, revision.Reason);
}

/// <summary>The one policy history of every service: a <c>policy_revisions</c> table and its read endpoint.</summary>
public static class PolicyHistory
{
    /// <summary>Longest reason kept.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Adds the <c>policy_revisions</c> table (through <see cref="PolicyStore.AddPolicies"/>).</summary>
    internal static ModelBuilder AddPolicyHistory(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PolicyRevision>(revision =>
        {
            revision.ToTable("policy_revisions");
            revision.HasKey(r => r.Id);
            revision.Property(r => r.Id).UseIdentityAlwaysColumn();
            revision.Property(r => r.Policy).HasMaxLength(100);
            revision.Property(r => r.Document).HasColumnType("jsonb");
            revision.Property(r => r.ChangedBy).HasMaxLength(200);
            revision.Property(r => r.Reason).HasMaxLength(MaxReasonLength);
            revision.HasIndex(r => new { r.Policy, r.Version }).IsUnique();
        });
        return modelBuilder;
    }

    /// <summary>
    /// Records a change of <paramref name="policy"/> in the same unit of work as the change. The first change
    /// of a policy also records what it said before (<paramref name="previous"/>), so the previous version can
    /// always be read.
    /// </summary>
    public static async Task RecordChangeAsync<T>(this DbContext db, string policy, int version, T value, string changedBy,
        DateTimeOffset now, string? reason, (int Version, T Value, string? By, DateTimeOffset At)? previous, CancellationToken cancellationToken)
    {
        if (reason is { Length: > MaxReasonLength })
        {
            throw new RequestValidationException("reason", $"The reason is at most {MaxReasonLength} characters.");
        }

        var revisions = db.Set<PolicyRevision>();
        if (previous is { } before && !await revisions.AnyAsync(r => r.Policy == policy, cancellationToken))
        {
            revisions.Add(PolicyRevision.Of(policy, before.Version, before.Value, before.By ?? "seed", before.At, "as it was before its first recorded change"));
        }

        revisions.Add(PolicyRevision.Of(policy, version, value, changedBy, now, reason));
    }

    /// <summary>Maps <c>GET {prefix}/{name}/history</c>: the revisions of a policy, newest first, in the list envelope.</summary>
    public static RouteHandlerBuilder MapPolicyHistory<TDbContext>(this IEndpointRouteBuilder app, string prefix) where TDbContext : DbContext =>
        app.MapGet($"{prefix}/{{name}}/history", async Task<Ok<ListPage<PolicyRevisionDto>>> (string name, ListQuery list, TDbContext db,
                CancellationToken cancellationToken) =>
            TypedResults.Ok(await db.Set<PolicyRevision>().AsNoTracking().Where(r => r.Policy == name)
                .ToPageAsync(list, r => r.Version, PolicyRevisionDto.From, cancellationToken)))
            .WithTags("Policies").RequireAuthorization(Policies.Staff);
}
