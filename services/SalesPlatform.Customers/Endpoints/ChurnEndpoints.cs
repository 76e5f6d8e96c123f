using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Customers.Jobs;
using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Endpoints;

// Several types in one file: the churn endpoints with their request and response records.
public sealed record LostRequest([property: MultilineText] string? Reason, string? Competitor);

public sealed record CloseWinBackRequest(string? Status, [property: MultilineText] string? Outcome);

public sealed record AtRiskDto(Guid Id, string Name, Guid? OwnerId, int Score, IReadOnlyList<string> Reasons, DateTimeOffset? RaisedAt, string? ValueTier,
    WinBackTaskDto? WinBack);

public sealed record WinBackTaskDto(Guid Id, Guid CustomerId, Guid? OwnerId, string Offer, int Score, IReadOnlyList<string> Reasons, string Status,
    string? Outcome, DateTimeOffset OpenedAt, DateTimeOffset DueAt, DateTimeOffset? ClosedAt)
{
    public static WinBackTaskDto From(WinBackTask t) => new(t.Id, t.CustomerId, t.OwnerId, t.Offer, t.Score, t.Reasons, t.Status, t.Outcome, t.OpenedAt,
        t.DueAt, t.ClosedAt);
}

/// <summary>
/// Churn early warning: <c>GET /api/customers/at-risk</c> (scoped, riskiest first, with the reasons and the win-back task),
/// <c>GET .../{id}/churn</c> (the score now, each reason with its numbers), <c>GET /api/customers/win-back-tasks</c> and
/// <c>POST .../win-back-tasks/{id}/close</c>, <c>POST .../{id}/lost</c> (a lost customer records why).
/// </summary>
public static class ChurnEndpoints
{
    public static IEndpointRouteBuilder MapChurnEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Churn and win-back").RequireAuthorization(Policies.Staff)
            .Refuses(StatusCodes.Status503ServiceUnavailable);
        customers.MapGet("/at-risk", AtRisk);
        customers.MapGet("/{id:guid}/churn", GetChurn);
        customers.MapGet("/win-back-tasks", ListTasks);
        customers.MapPost("/win-back-tasks/{id:guid}/close", CloseTask).WithRequestExample(new { status = "won-back", outcome = "签订三年维保，给予 8% 专属折扣" });
        customers.MapPost("/{id:guid}/lost", MarkLost).WithRequestExample(new { reason = "预算转向自研", competitor = "某国际品牌" });
        var policies = app.MapGroup("/api/customers/policies").WithTags("Customer policies").RequireAuthorization(Policies.Staff);
        policies.MapPolicy<CustomersDbContext, ChurnPolicy>();
        return app;
    }

    private static async Task<Ok<ListPage<AtRiskDto>>> AtRisk(ListQuery list, DataScope scope, CustomersDbContext db, CancellationToken ct)
    {
        var query = scope.Apply(db.Customers.AsNoTracking(), c => c.OwnerId, c => c.PartnerId).Where(c => c.ChurnRaisedAt != null);
        var page = await query.ToPageAsync(list, c => c.Id, c => c, ct);
        var ids = page.Items.Select(c => c.Id).ToList();
        var tasks = (await db.WinBackTasks.AsNoTracking().Where(t => ids.Contains(t.CustomerId) && t.Status == "open").ToListAsync(ct))
            .GroupBy(t => t.CustomerId).ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.OpenedAt).First());
        var items = page.Items.OrderByDescending(c => c.ChurnScore).ThenBy(c => c.Id)
            .Select(c => new AtRiskDto(c.Id, c.Name, c.OwnerId, c.ChurnScore, c.ChurnReasons, c.ChurnRaisedAt, c.Segment?.ValueTier,
                tasks.TryGetValue(c.Id, out var t) ? WinBackTaskDto.From(t) : null)).ToList();
        return TypedResults.Ok(new ListPage<AtRiskDto>(items, page.NextCursor, page.Total));
    }

    private static async Task<Ok<ChurnAssessment>> GetChurn(Guid id, DataScope scope, CustomersDbContext db, TimeProvider clock, CancellationToken ct)
    {
        await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        var policy = await PolicyStore.LoadAsync<ChurnPolicy>(db, ct);
        var signals = await ChurnScan.SignalsAsync(db, policy, clock.GetUtcNow(), id, ct);
        return TypedResults.Ok(policy.Assess(signals.GetValueOrDefault(id, new ChurnSignals(0, 0, null, null, 0, 0))));
    }

    private static async Task<Ok<ListPage<WinBackTaskDto>>> ListTasks(ListQuery list, string? status, DataScope scope, CustomersDbContext db,
        CancellationToken ct)
    {
        var tasks = scope.Apply(db.WinBackTasks.AsNoTracking(), t => t.OwnerId);
        if (!string.IsNullOrWhiteSpace(status))
        {
            tasks = tasks.Where(t => t.Status == status);
        }

        return TypedResults.Ok(await tasks.ToPageAsync(list, t => t.Id, WinBackTaskDto.From, ct));
    }

    private static async Task<Ok<WinBackTaskDto>> CloseTask(Guid id, CloseWinBackRequest? body, DataScope scope, CustomersDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.Status is not ("won-back" or "declined"))
        {
            errors["status"] = ["won-back (the customer stays) or declined (it does not)."];
        }

        var outcome = Normalizer.Text(body?.Outcome);
        if (outcome is null || outcome.Length > 2000)
        {
            errors["outcome"] = ["What was offered and what came of it is required (at most 2000 characters)."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var task = await scope.Apply(db.WinBackTasks, t => t.OwnerId).SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Win-back task", id);
        if (task.Status != "open")
        {
            throw new ConflictException("win-back.closed", $"This task was closed already ({task.Status}).");
        }

        var now = clock.GetUtcNow();
        (task.Status, task.Outcome, task.ClosedAt) = (body!.Status!, outcome, now);
        db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(now), CustomerId = task.CustomerId, Kind = "win-back." + task.Status, Subject = $"win-back:{task.Id}", OccurredAt = now,
            Summary = (task.Status == "won-back" ? "挽回成功：" : "挽回未果：") + outcome + " / " + (task.Status == "won-back" ? "Won back: " : "Not won back: ") + outcome,
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WinBackTaskDto.From(task));
    }

    private static async Task<Ok<CustomerSegment>> MarkLost(Guid id, LostRequest? body, DataScope scope, CustomersDbContext db, TimeProvider clock,
        SegmentationRun segmentation, CancellationToken ct)
    {
        var reason = Normalizer.Text(body?.Reason) is { Length: <= 500 } r ? r : throw new RequestValidationException("reason", "Why the customer was lost is required (at most 500 characters).");
        var competitor = Normalizer.Text(body?.Competitor);
        await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        var customer = await db.Customers.SingleAsync(c => c.Id == id, ct);
        var now = clock.GetUtcNow();
        customer.MarkLost(reason, competitor, now);
        db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(now), CustomerId = id, Kind = "customer.lost", OccurredAt = now,
            Summary = $"客户流失：{reason}{(competitor is null ? "" : "（转向 " + competitor + "）")} / Customer lost: {reason}" + (competitor is null ? "" : $" (to {competitor})"),
        });
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await segmentation.SegmentAsync(id, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(customer.Segment!);
    }
}
