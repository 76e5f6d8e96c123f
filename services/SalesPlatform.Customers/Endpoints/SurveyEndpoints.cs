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
public sealed record NpsDto(string? Period, Guid? Owner, Guid? Unit, string? Touchpoint, string? Segment, string? Tier, int Responses, int Promoters, int Passives,
    int Detractors, decimal? Nps);

/// <summary>A customer picked for a quarter's service-quality spot check, and whether it has answered since.</summary>
public sealed record SpotCheckDto(string Quarter, Guid CustomerId, string CustomerName, Guid? OwnerId, string Touchpoint, DateTimeOffset PickedAt,
    bool Answered, int? Score);

/// <summary>A quarter's spot check: how many customers were won and picked, how many answered, and their NPS.</summary>
public sealed record SpotCheckSummaryDto(string Quarter, int Picked, int Answered, decimal? Nps, IReadOnlyList<SpotCheckDto> Customers);

/// <summary>
/// Satisfaction: <c>POST /api/customers/{id}/surveys</c> (0-10 at a touchpoint; <c>CustomerNpsRecorded</c> through the
/// outbox for team performance) and <c>GET /api/customers/nps?period=&amp;owner=&amp;unit=&amp;touchpoint=&amp;segment=&amp;tier=</c> over the surveys of
/// the customers in the caller's data scope.
/// </summary>
public static class SurveyEndpoints
{
    public static IEndpointRouteBuilder MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Satisfaction").RequireAuthorization(Policies.Staff);
        group.MapPost("/{id:guid}/surveys", RecordSurvey).WithRequestExample(new { score = 9, touchpoint = "交付验收", comment = "交付准时，调试顺利" });
        group.MapGet("/nps", GetNps);
        group.MapGet("/spot-checks", GetSpotChecks);
        var policies = app.MapGroup("/api/customers/policies").WithTags("Customer policies").RequireAuthorization(Policies.Staff);
        policies.MapPolicy<CustomersDbContext, SpotCheckPolicy>();
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

    private static async Task<Ok<NpsDto>> GetNps(string? period, Guid? owner, Guid? unit, string? touchpoint, string? segment, string? tier, DataScope scope,
        CustomersDbContext db, ReportingCalendar calendar, TeamDirectory directory, CancellationToken ct)
    {
        var customers = scope.Apply(db.Customers.AsNoTracking(), c => c.OwnerId, c => c.PartnerId);
        // By the customer's segment as it is now (RFM segment or value tier).
        var rfm = CustomersEndpoints.Resolve(CustomerVocabularies.RfmSegments, segment, "segment");
        var valueTier = CustomersEndpoints.Resolve(CustomerVocabularies.ValueTiers, tier, "tier");
        if (rfm is not null)
        {
            customers = customers.Where(c => c.Segment!.RfmSegment == rfm);
        }

        if (valueTier is not null)
        {
            customers = customers.Where(c => c.Segment!.ValueTier == valueTier);
        }

        var visible = customers.Select(c => c.Id);
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

        if (unit is { } unitId)
        {
            // By the unit's people (the unit and those under it), for a unit the caller may see.
            var members = scope.SeesUnit(unitId) ? await directory.UnitMembersAsync(unitId, ct) : null;
            if (members is null)
            {
                throw new NotFoundException("Unit", unitId);
            }

            surveys = surveys.Where(s => s.OwnerId != null && members.Contains(s.OwnerId.Value));
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
        return TypedResults.Ok(new NpsDto(parsed?.Key, owner, unit, point, rfm, valueTier, nps.Responses, nps.Promoters, nps.Passives, nps.Detractors, nps.Nps));
    }

    /// <summary>The spot check of a quarter (<c>2026-Q3</c>; the last completed one by default) over the customers the caller may see.</summary>
    private static async Task<Ok<SpotCheckSummaryDto>> GetSpotChecks(string? quarter, DataScope scope, CustomersDbContext db, TimeProvider clock,
        ReportingCalendar calendar, CancellationToken ct)
    {
        var key = quarter?.Trim().ToUpperInvariant();
        if (key is null)
        {
            var last = calendar.LastCompletedQuarter(clock.GetUtcNow());
            key = $"{last.Year:D4}-Q{last.Quarter}";
        }
        else if (!System.Text.RegularExpressions.Regex.IsMatch(key, "^[0-9]{4}-Q[1-4]$"))
        {
            throw new RequestValidationException("quarter", "A quarter such as 2026-Q3.");
        }

        var visible = scope.Apply(db.Customers.AsNoTracking(), c => c.OwnerId, c => c.PartnerId);
        var picks = await db.SpotChecks.AsNoTracking().Where(s => s.Quarter == key)
            .Join(visible, s => s.CustomerId, c => c.Id, (s, c) => new { Check = s, c.Name }).ToListAsync(ct);
        var ids = picks.Select(p => p.Check.CustomerId).ToList();
        var since = picks.Count == 0 ? DateTimeOffset.MaxValue : picks.Min(p => p.Check.PickedAt);
        var answers = (await db.Surveys.AsNoTracking().Where(s => ids.Contains(s.CustomerId) && s.AnsweredAt >= since).ToListAsync(ct))
            .GroupBy(s => s.CustomerId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.AnsweredAt).ToList());
        var rows = picks.Select(p =>
        {
            var answer = answers.GetValueOrDefault(p.Check.CustomerId)?.FirstOrDefault(s => s.AnsweredAt >= p.Check.PickedAt);
            return new SpotCheckDto(key, p.Check.CustomerId, p.Name, p.Check.OwnerId, p.Check.Touchpoint, p.Check.PickedAt, answer is not null, answer?.Score);
        }).OrderBy(r => r.CustomerName, StringComparer.Ordinal).ToList();
        var nps = NetPromoterScore.Of([.. rows.Where(r => r.Score is not null).Select(r => r.Score!.Value)]);
        return TypedResults.Ok(new SpotCheckSummaryDto(key, rows.Count, rows.Count(r => r.Answered), nps.Nps, rows));
    }
}
