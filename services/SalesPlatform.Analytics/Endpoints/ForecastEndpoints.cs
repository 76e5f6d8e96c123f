using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Analytics.Data;
using SalesPlatform.Analytics.Forecasting;
using SalesPlatform.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Analytics.Endpoints;

// Several types in one file: the forecast and event-log endpoints with their request and response records.
public sealed record SeriesRequest(List<double>? Values, int? SeasonLength, int? Horizon);

public sealed record LoggedEventDto(Guid EventId, string Type, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt);

/// <summary>
/// <c>POST /api/analytics/forecast/series</c>: a series an analyst brings (history from before the platform, a what-if), forecast by the best
/// backtested method; <c>GET /api/analytics/events</c>: the event log (analysts and admins).
/// </summary>
public static class ForecastEndpoints
{
    public static IEndpointRouteBuilder MapForecastEndpoints(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/analytics").WithTags("Forecasts").RequireAuthorization(Policies.Staff);
        analytics.MapPost("/forecast/series", ForecastSeries).WithRequestExample(new
        {
            values = new[] { 112.0, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140 },
            seasonLength = 12, horizon = 12,
        });
        analytics.MapGet("/events", Events);
        return app;
    }

    private static Ok<ForecastResult> ForecastSeries(SeriesRequest? body)
    {
        var errors = new Dictionary<string, string[]>();
        var values = body?.Values ?? [];
        if (values.Count is < 3 or > 600 || values.Any(v => !double.IsFinite(v)))
        {
            errors["values"] = ["3 to 600 finite numbers, oldest first."];
        }

        if (body?.SeasonLength is not (>= 1 and <= 52))
        {
            errors["seasonLength"] = ["1 (no season) to 52 (weeks of a year); 12 for monthly history."];
        }

        if (body?.Horizon is not (>= 1 and <= 60))
        {
            errors["horizon"] = ["1 to 60 steps ahead."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return TypedResults.Ok(Forecaster.Forecast(values, body!.SeasonLength!.Value, body.Horizon!.Value));
    }

    private static async Task<Ok<ListPage<LoggedEventDto>>> Events(ListQuery list, string? type, Caller caller, AnalyticsDbContext db, CancellationToken ct)
    {
        if (!(caller.IsAdmin || caller.IsInRole(Roles.Analyst)))
        {
            throw new ForbiddenException("The event log is for analysts and admins.");
        }

        var events = db.EventLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(type))
        {
            events = events.Where(e => e.Type == type || e.Type.EndsWith("." + type));
        }

        return TypedResults.Ok(await events.ToPageAsync(list, e => e.EventId, e => new LoggedEventDto(e.EventId, e.Type, e.OccurredAt, e.ReceivedAt), ct));
    }
}
