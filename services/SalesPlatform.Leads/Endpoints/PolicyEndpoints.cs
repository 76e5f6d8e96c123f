using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Leads.Endpoints;

/// <summary>A policy with its version (send the version back with a change to avoid lost updates).</summary>
public sealed record PolicyDto<T>(string Name, int Version, DateTimeOffset UpdatedAt, string? UpdatedBy, T Policy);

public sealed record SuppressionRequest(string? Email, string? Phone, [property: MultilineText] string? Reason);

/// <summary>Scoring, SLA and assignment policies (read by staff, changed by admins) and the suppression list.</summary>
public static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/leads/policies").WithTags("Lead policies").RequireAuthorization(Policies.Staff);
        MapPolicy<ScoringPolicy>(policies, ScoringPolicy.PolicyName, p => p.Validate());
        MapPolicy<SlaPolicy>(policies, SlaPolicy.PolicyName, p => p.Validate());
        MapPolicy<AssignmentPolicy>(policies, AssignmentPolicy.PolicyName, p => p.Validate(), MakeQueuedLeadsDueAsync);
        policies.MapPolicyHistory<LeadsDbContext>("");

        app.MapPost("/api/leads/suppressions", AddSuppression).WithTags("Lead policies").RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>New rules may place leads that are waiting out a back-off: the queue tries them at its next run.</summary>
    private static Task MakeQueuedLeadsDueAsync(LeadsDbContext db, CancellationToken ct) =>
        db.Leads.Where(l => l.Status == LeadStatus.Queued && l.NextQueueAttemptAt != null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.NextQueueAttemptAt, (DateTimeOffset?)null), ct);

    private static void MapPolicy<T>(RouteGroupBuilder group, string name, Func<T, Dictionary<string, string[]>> validate,
        Func<LeadsDbContext, CancellationToken, Task>? afterSave = null) where T : class
    {
        group.MapGet($"/{name}", async (LeadsDbContext db, CancellationToken ct) =>
        {
            var row = await db.Policies.AsNoTracking().SingleAsync(p => p.Name == name, ct);
            return TypedResults.Ok(new PolicyDto<T>(row.Name, row.Version, row.UpdatedAt, row.UpdatedBy, row.Read<T>()));
        });

        group.MapPut($"/{name}", async (HttpRequest request, int? version, string? reason, Caller caller, LeadsDbContext db, TimeProvider clock,
            CancellationToken ct) =>
        {
            T? policy;
            try
            {
                policy = await JsonSerializer.DeserializeAsync<T>(request.Body, LeadsDbContext.Json, ct);
            }
            catch (JsonException e)
            {
                throw new RequestValidationException(e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body", "Unreadable: " + e.Message);
            }

            if (policy is null)
            {
                throw new RequestValidationException("body", "A policy is required.");
            }

            var row = await PolicyStore.SaveAsync(db, name, policy, validate, version, caller.Name ?? caller.PersonId?.ToString(), reason,
                clock.GetUtcNow(), ct);
            if (afterSave is not null)
            {
                await afterSave(db, ct);
            }

            return TypedResults.Ok(new PolicyDto<T>(row.Name, row.Version, row.UpdatedAt, row.UpdatedBy, policy));
        }).RequireAuthorization(Policies.Admin);
    }

    private static async Task<NoContent> AddSuppression(SuppressionRequest? body, LeadsDbContext db, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<LeadsOptions> options, CancellationToken ct)
    {
        var email = Normalizer.Email(body?.Email);
        var phone = Normalizer.PhoneE164(body?.Phone, options.Value.DefaultPhoneRegion);
        if (email is null && phone is null)
        {
            throw new RequestValidationException("email", "An e-mail or a valid phone number is required.");
        }

        foreach (var value in new[] { email, phone }.OfType<string>())
        {
            if (!await db.Suppressions.AnyAsync(s => s.Value == value, ct))
            {
                db.Suppressions.Add(new Suppression { Value = value, Reason = body?.Reason?.Trim() ?? "opt-out", AddedAt = clock.GetUtcNow() });
            }
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
