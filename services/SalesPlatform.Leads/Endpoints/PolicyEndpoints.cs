using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.Input;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Endpoints;

// Several types in one file: The lead policy endpoints with the suppression request record.
public sealed record SuppressionRequest(string? Email, string? Phone, [property: MultilineText] string? Reason);

/// <summary>Scoring, SLA and assignment policies (read by staff, changed by admins) and the suppression list.</summary>
public static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/leads/policies").WithTags("Lead policies").RequireAuthorization(Policies.Staff);
        policies.MapPolicy<LeadsDbContext, ScoringPolicy>();
        policies.MapPolicy<LeadsDbContext, SlaPolicy>();
        policies.MapPolicy<LeadsDbContext, AssignmentPolicy>(afterSave: MakeQueuedLeadsDueAsync);
        policies.MapPolicy<LeadsDbContext, ConversionPolicy>();
        policies.MapPolicy<LeadsDbContext, PoolPolicy>();
        policies.MapPolicyHistory<LeadsDbContext>("");

        app.MapPost("/api/leads/suppressions", AddSuppression).WithTags("Lead policies").RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>New rules may place leads that are waiting out a back-off: the queue tries them at its next run.</summary>
    private static Task MakeQueuedLeadsDueAsync(LeadsDbContext db, CancellationToken ct) =>
        db.Leads.Where(l => l.Status == LeadStatus.Queued && l.NextQueueAttemptAt != null && l.NextQueueAttemptAt != Lead.WaitsToBeClaimed)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.NextQueueAttemptAt, (DateTimeOffset?)null), ct);

    private static async Task<NoContent> AddSuppression(SuppressionRequest? body, LeadsDbContext db, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<LeadsOptions> options, CancellationToken ct)
    {
        var email = Normalizer.Email(body?.Email);
        var phone = Phones.ToE164(body?.Phone, options.Value.DefaultPhoneRegion);
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
