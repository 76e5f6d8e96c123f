using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>The stored, current version of a policy (table <c>policies</c>): its JSON, version and last change.</summary>
public sealed class PolicyDocument
{
    /// <summary>The policy's name (<see cref="IPolicy{TSelf}.Name"/>).</summary>
    public string Name { get; init; } = "";

    /// <summary>The policy as JSON.</summary>
    public string Document { get; set; } = "{}";

    /// <summary>Incremented by every change; a stale version on write is 409.</summary>
    public int Version { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who changed it last.</summary>
    public string? UpdatedBy { get; set; }
}

/// <summary>A policy with its version, as the API answers it (send the version back with a change to avoid lost updates).</summary>
public sealed record PolicyDto<T>(string Name, int Version, DateTimeOffset? UpdatedAt, string? UpdatedBy, T Policy);

/// <summary>
/// The one policy store of every service: each <see cref="IPolicy{TSelf}"/> is a JSON document in the
/// service's <c>policies</c> table (its default until first changed), validated on write with errors naming
/// the field, versioned (a stale version is 409), and every change is recorded with who, when and why in
/// <c>policy_revisions</c> in the same transaction (<see cref="PolicyHistory"/>). Endpoints:
/// <see cref="MapPolicy{TDbContext, T}"/>.
/// </summary>
public static class PolicyStore
{
    /// <summary>JSON of policy documents, on disk and in requests (web defaults and the shared text rules).</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        TextInput.Configure(json);
        return json;
    }

    /// <summary>Adds the <c>policies</c> and <c>policy_revisions</c> tables (call in <c>OnModelCreating</c>).</summary>
    public static ModelBuilder AddPolicies(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PolicyDocument>(policy =>
        {
            policy.ToTable("policies");
            policy.HasKey(p => p.Name);
            policy.Property(p => p.Name).HasMaxLength(40);
            policy.Property(p => p.Document).HasColumnType("jsonb");
            policy.Property(p => p.Version).IsConcurrencyToken();
        });
        return modelBuilder.AddPolicyHistory();
    }

    /// <summary>The policy in force: the stored document, or the default when it was never changed.</summary>
    public static async Task<T> LoadAsync<T>(DbContext db, CancellationToken cancellationToken) where T : class, IPolicy<T> =>
        (await ReadAsync<T>(db, cancellationToken)).Policy;

    /// <summary>The policy in force with its version (0 = the default, never changed).</summary>
    public static async Task<PolicyDto<T>> ReadAsync<T>(DbContext db, CancellationToken cancellationToken) where T : class, IPolicy<T>
    {
        var name = T.Name;
        var row = await db.Set<PolicyDocument>().AsNoTracking().SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
        return row is null
            ? new PolicyDto<T>(T.Name, 0, null, null, T.Default)
            : new PolicyDto<T>(row.Name, row.Version, row.UpdatedAt, row.UpdatedBy, Read<T>(row.Document));
    }

    /// <summary>
    /// Replaces the policy and records the change (who, when, why) in the same transaction; 400 naming the
    /// fields when invalid, 409 when <paramref name="expectedVersion"/> is stale or someone saved meanwhile.
    /// </summary>
    public static async Task<PolicyDto<T>> SaveAsync<T>(DbContext db, T policy, int? expectedVersion, string by, string? reason,
        DateTimeOffset now, CancellationToken cancellationToken) where T : class, IPolicy<T>
    {
        var errors = policy.Validate();
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var policies = db.Set<PolicyDocument>();
        var name = T.Name;
        var row = await policies.SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
        var current = row?.Version ?? 0;
        if (expectedVersion is { } version && version != current)
        {
            throw new ConflictException("policy.stale",
                $"Policy '{T.Name}' is at version {current}, not {version}; reload it and apply your change again.");
        }

        (int, T, string?, DateTimeOffset) previous = row is null
            ? (0, T.Default, "default", DateTimeOffset.UnixEpoch)
            : (row.Version, Read<T>(row.Document), row.UpdatedBy, row.UpdatedAt);
        if (row is null)
        {
            row = new PolicyDocument { Name = T.Name };
            policies.Add(row);
        }

        row.Document = JsonSerializer.Serialize(policy, Json);
        row.Version = current + 1;
        row.UpdatedAt = now;
        row.UpdatedBy = by;
        await db.RecordChangeAsync(T.Name, row.Version, policy, by, now, reason, previous, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Two first changes at once: the other one's insert won.
            throw new ConflictException("policy.stale", $"Policy '{T.Name}' was changed by someone else meanwhile; reload it and try again.");
        }

        return new PolicyDto<T>(row.Name, row.Version, row.UpdatedAt, row.UpdatedBy, policy);
    }

    /// <summary>
    /// Maps <c>GET {group}/{name}</c> (<paramref name="readers"/>) and <c>PUT {group}/{name}?version=&amp;reason=</c>
    /// (<paramref name="writers"/>; the body is the whole policy) for <typeparamref name="T"/>. The group maps
    /// <see cref="PolicyHistory.MapPolicyHistory{TDbContext}"/> once for all its policies.
    /// </summary>
    /// <param name="group">The service's <c>/api/&lt;service&gt;/policies</c> group.</param>
    /// <param name="readers">Authorization policy of who may read it (the people it affects).</param>
    /// <param name="writers">Authorization policy of who may change it (the role that owns it).</param>
    /// <param name="afterSave">Work the change makes due (in the same request, after the commit).</param>
    public static RouteGroupBuilder MapPolicy<TDbContext, T>(this RouteGroupBuilder group, string readers = Policies.Staff,
        string writers = Policies.Admin, Func<TDbContext, CancellationToken, Task>? afterSave = null)
        where TDbContext : DbContext where T : class, IPolicy<T>
    {
        group.MapGet($"/{T.Name}", async Task<Ok<PolicyDto<T>>> (TDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await ReadAsync<T>(db, ct)))
            .WithName($"get-policy-{T.Name}").RequireAuthorization(readers);

        group.MapPut($"/{T.Name}", async Task<Ok<PolicyDto<T>>> (HttpRequest request, int? version, string? reason, Caller caller, TDbContext db,
                TimeProvider clock, CancellationToken ct) =>
            {
                T? policy;
                try
                {
                    policy = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, ct);
                }
                catch (JsonException e)
                {
                    throw new RequestValidationException(e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body", "Unreadable: " + e.Message);
                }

                if (policy is null)
                {
                    throw new RequestValidationException("body", "A policy is required.");
                }

                var saved = await SaveAsync(db, policy, version, caller.Name ?? caller.PersonId?.ToString() ?? "unknown", reason, clock.GetUtcNow(), ct);
                if (afterSave is not null)
                {
                    await afterSave(db, ct);
                }

                return TypedResults.Ok(saved);
            })
            .WithName($"put-policy-{T.Name}").Accepts<T>("application/json").RequireAuthorization(writers);
        return group;
    }

    private static T Read<T>(string document) =>
        JsonSerializer.Deserialize<T>(document, Json) ?? throw new InvalidOperationException($"Policy document is empty: {document}");
}
