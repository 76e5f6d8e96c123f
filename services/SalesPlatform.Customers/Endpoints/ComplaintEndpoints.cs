using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Endpoints;

// Several types in one file: the complaint endpoints with their request and response records.
public sealed record ComplaintRequest(string? Category, string? Severity, [property: MultilineText] string? Description);

public sealed record ResolveRequest([property: MultilineText] string? Resolution, [property: MultilineText] string? CorrectiveAction);

public sealed record CloseRequest(string? ConfirmedBy);

public sealed record ComplaintDto(Guid Id, Guid CustomerId, string Category, string Severity, string Description, string Status,
    DateTimeOffset OpenedAt, DateTimeOffset ResponseDueAt, DateTimeOffset? RespondedAt, DateTimeOffset? BreachedAt, string? Resolution,
    string? CorrectiveAction, DateTimeOffset? ResolvedAt, string? ConfirmedBy, DateTimeOffset? ClosedAt, int Reopened)
{
    public static ComplaintDto From(Complaint c) => new(c.Id, c.CustomerId, c.Category, c.Severity, c.Description, c.Status, c.OpenedAt,
        c.ResponseDueAt, c.RespondedAt, c.BreachedAt, c.Resolution, c.CorrectiveAction, c.ResolvedAt, c.ConfirmedBy, c.ClosedAt, c.Reopened);
}

/// <summary>
/// Complaints (客诉) of a customer in the caller's data scope: open (the response due by the severity's time),
/// respond, resolve with the corrective action, close when the customer confirms, re-open. Each step is on the
/// customer's timeline; a missed response is escalated by <c>ComplaintSlaScan</c>.
/// </summary>
public static class ComplaintEndpoints
{
    public static IEndpointRouteBuilder MapComplaintEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Complaints").RequireAuthorization(Policies.Staff);
        group.MapPost("/{id:guid}/complaints", OpenComplaint)
            .WithRequestExample(new { category = "产品", severity = "紧急", description = "第二批主轴装配后异响，影响产线验收" });
        group.MapGet("/{id:guid}/complaints", ListComplaints);
        group.MapPost("/{id:guid}/complaints/{complaintId:guid}/respond", (Guid id, Guid complaintId, Caller caller, DataScope scope, CustomersDbContext db,
            TimeProvider clock, CancellationToken ct) => StepAsync(id, complaintId, caller, scope, db, clock, ct, "complaint.responded", (c, now) =>
            {
                c.Respond(now);
                return "已响应 / Responded";
            }));
        group.MapPost("/{id:guid}/complaints/{complaintId:guid}/resolve", (Guid id, Guid complaintId, ResolveRequest? body, Caller caller, DataScope scope,
            CustomersDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var resolution = Required(body?.Resolution, "resolution");
            var action = Required(body?.CorrectiveAction, "correctiveAction");
            return StepAsync(id, complaintId, caller, scope, db, clock, ct, "complaint.resolved", (c, now) =>
            {
                c.Resolve(resolution, action, now);
                return $"已解决：{resolution}；纠正措施：{action} / Resolved: {resolution}; corrective action: {action}";
            });
        });
        group.MapPost("/{id:guid}/complaints/{complaintId:guid}/close", (Guid id, Guid complaintId, CloseRequest? body, Caller caller, DataScope scope,
            CustomersDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var confirmedBy = Required(body?.ConfirmedBy, "confirmedBy");
            return StepAsync(id, complaintId, caller, scope, db, clock, ct, "complaint.closed", (c, now) =>
            {
                c.Close(confirmedBy, now);
                return $"客户（{confirmedBy}）确认后关闭 / Closed on the customer's confirmation ({confirmedBy})";
            });
        });
        group.MapPost("/{id:guid}/complaints/{complaintId:guid}/reopen", async (Guid id, Guid complaintId, Caller caller, DataScope scope,
            CustomersDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var policy = await PolicyStore.LoadAsync<ComplaintPolicy>(db, ct);
            return await StepAsync(id, complaintId, caller, scope, db, clock, ct, "complaint.reopened", (c, now) =>
            {
                c.Reopen(now, policy);
                return "重新打开 / Re-opened";
            });
        });
        var policies = app.MapGroup("/api/customers/policies").WithTags("Customer policies").RequireAuthorization(Policies.Staff);
        policies.MapPolicy<CustomersDbContext, ComplaintPolicy>();
        return app;
    }

    private static async Task<Created<ComplaintDto>> OpenComplaint(Guid id, ComplaintRequest? body, Caller caller, DataScope scope, CustomersDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var category = CustomerVocabularies.ComplaintCategories.Resolve(body?.Category)?.Code;
        var severity = CustomerVocabularies.ComplaintSeverities.Resolve(body?.Severity ?? "normal")?.Code;
        if (category is null)
        {
            errors["category"] = ["Category must be one of: " + CustomerVocabularies.ComplaintCategories.Describe() + "."];
        }

        if (severity is null)
        {
            errors["severity"] = ["Severity must be one of: " + CustomerVocabularies.ComplaintSeverities.Describe() + "."];
        }

        if (string.IsNullOrWhiteSpace(body?.Description))
        {
            errors["description"] = ["Describe the complaint."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        var now = clock.GetUtcNow();
        var complaint = Complaint.Open(id, category!, severity!, body!.Description!.Trim(), now, await PolicyStore.LoadAsync<ComplaintPolicy>(db, ct));
        db.Complaints.Add(complaint);
        db.Timeline.Add(Entry(complaint, "complaint.opened", $"客诉（{category}/{severity}）：{complaint.Description} / Complaint ({category}, {severity}) by {Who(caller)}", now));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/customers/{id}/complaints/{complaint.Id}", ComplaintDto.From(complaint));
    }

    private static async Task<Ok<ListPage<ComplaintDto>>> ListComplaints(Guid id, string? status, ListQuery list, DataScope scope, CustomersDbContext db,
        CancellationToken ct)
    {
        await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        var query = db.Complaints.AsNoTracking().Where(c => c.CustomerId == id);
        if (!string.IsNullOrWhiteSpace(status))
        {
            query = query.Where(c => c.Status == status);
        }

        return TypedResults.Ok(await query.ToPageAsync(list, c => c.Id, ComplaintDto.From, ct));
    }

    private static async Task<Ok<ComplaintDto>> StepAsync(Guid id, Guid complaintId, Caller caller, DataScope scope, CustomersDbContext db,
        TimeProvider clock, CancellationToken ct, string kind, Func<Complaint, DateTimeOffset, string> step)
    {
        await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == complaintId && c.CustomerId == id, ct)
            ?? throw new NotFoundException("Complaint", complaintId);
        var now = clock.GetUtcNow();
        var summary = step(complaint, now);
        db.Timeline.Add(Entry(complaint, kind, $"{summary} ({Who(caller)})", now));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ComplaintDto.From(complaint));
    }

    internal static TimelineEntry Entry(Complaint complaint, string kind, string summary, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), CustomerId = complaint.CustomerId, Kind = kind, Subject = $"complaint:{complaint.Id}", Summary = summary,
        OccurredAt = now,
    };

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new RequestValidationException(field, $"{field} is required.") : value.Trim();

    private static string Who(Caller caller) => caller.Name ?? caller.PersonId?.ToString() ?? "unknown";
}
