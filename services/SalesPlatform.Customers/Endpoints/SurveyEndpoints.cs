using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Domain;
using SalesPlatform.Events.Customers;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Endpoints;

// Several types in one file: the survey endpoints with their request and response records.
public sealed record SurveyRequest(int? Score, string? Touchpoint, [property: MultilineText] string? Comment);

public sealed record SurveyDto(Guid Id, Guid CustomerId, Guid? OwnerId, int Score, string Touchpoint, string? Comment, DateTimeOffset AnsweredAt)
{
    public static SurveyDto From(SurveyResponse s) => new(s.Id, s.CustomerId, s.OwnerId, s.Score, s.Touchpoint, s.Comment, s.AnsweredAt);
}

/// <summary>The NPS of the surveys the caller may see, for the filters given.</summary>
public sealed record NpsDto(string? Period, Guid? Owner, string? Touchpoint, int Responses, int Promoters, int Passives, int Detractors, decimal? Nps);

/// <summary>
/// Satisfaction: <c>POST /api/customers/{id}/surveys</c> (0-10 at a touchpoint; <c>CustomerNpsRecorded</c> through the
/// outbox for team performance) and <c>GET /api/customers/nps?period=&amp;owner=&amp;touchpoint=</c> over the surveys of
/// the customers in the caller's data scope.
/// </summary>
public static class SurveyEndpoints
{
    public static IEndpointRouteBuilder MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Satisfaction").RequireAuthorization(Policies.Staff);
        group.MapPost("/{id:guid}/surveys", RecordSurvey).WithRequestExample(new { score = 9, touchpoint = "交付验收", comment = "交付准时，调试顺利" });
        group.MapGet("/nps", GetNps);
        return app;
    }

    private static async Task<Created<SurveyDto>> RecordSurvey(Guid id, SurveyRequest? body, DataScope scope, CustomersDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.Score is not (>= 0 and <= 10))
        {
            errors["score"] = ["The score is a whole number from 0 to 10."];
        }

        var touchpoint = CustomerVocabularies.Touchpoints.Resolve(body?.Touchpoint)?.Code;
        if (touchpoint is null)
        {
            errors["touchpoint"] = ["Touchpoint must be one of: " + CustomerVocabularies.Touchpoints.Describe() + "."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var customer = await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        var now = clock.GetUtcNow();
        var survey = new SurveyResponse
        {
            Id = Guid.CreateVersion7(now), CustomerId = id, OwnerId = customer.OwnerId, Score = body!.Score!.Value, Touchpoint = touchpoint!,
            Comment = body.Comment?.Trim(), AnsweredAt = now,
        };
        db.Surveys.Add(survey);
        db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(now), CustomerId = id, Kind = "survey.answered", Subject = $"survey:{survey.Id}", OccurredAt = now,
            Summary = $"满意度调查（{touchpoint}）：{survey.Score} 分 / Survey at {touchpoint}: {survey.Score}",
        });
        if (customer.OwnerId is { } owner)
        {
            db.AddEvent(new CustomerNpsRecorded(survey.Id, id, owner, survey.Score, touchpoint!) { OccurredAt = now }, clock);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/customers/{id}/surveys/{survey.Id}", SurveyDto.From(survey));
    }

    private static async Task<Ok<NpsDto>> GetNps(string? period, Guid? owner, string? touchpoint, DataScope scope, CustomersDbContext db,
        ReportingCalendar calendar, CancellationToken ct)
    {
        var visible = scope.Apply(db.Customers.AsNoTracking(), c => c.OwnerId, c => c.PartnerId).Select(c => c.Id);
        var surveys = db.Surveys.AsNoTracking().Where(s => visible.Contains(s.CustomerId));
        Period? parsed = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            parsed = Period.Parse(period);
            var (from, to) = (parsed.Start(calendar).ToUniversalTime(), parsed.End(calendar).ToUniversalTime());
            surveys = surveys.Where(s => s.AnsweredAt >= from && s.AnsweredAt < to);
        }

        if (owner is not null)
        {
            surveys = surveys.Where(s => s.OwnerId == owner);
        }

        var point = CustomerVocabularies.Touchpoints.Resolve(touchpoint)?.Code;
        if (!string.IsNullOrWhiteSpace(touchpoint) && point is null)
        {
            throw new RequestValidationException("touchpoint", "Touchpoint must be one of: " + CustomerVocabularies.Touchpoints.Describe() + ".");
        }

        if (point is not null)
        {
            surveys = surveys.Where(s => s.Touchpoint == point);
        }

        var nps = NetPromoterScore.Of(await surveys.Select(s => s.Score).ToListAsync(ct));
        return TypedResults.Ok(new NpsDto(parsed?.Key, owner, point, nps.Responses, nps.Promoters, nps.Passives, nps.Detractors, nps.Nps));
    }
}
