using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// The one place where domain exceptions become RFC 9457 problem details: rule violations 422,
/// conflicts (and lost optimistic-concurrency races) 409, not found 404, forbidden 403, invalid
/// input 400, team performance down while a data scope needs it 503 with <c>Retry-After</c>. Anything else falls through to the default 500 problem details.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problemDetails, ILogger<DomainExceptionHandler> logger)
    : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            RequestValidationException e => new ValidationProblemDetails(e.Errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
                Detail = e.Message,
            },
            ConflictException e => Problem(StatusCodes.Status409Conflict, "The request conflicts with the current state.", e.Message, e.Code, e.Details),
            BusinessRuleException e => Problem(StatusCodes.Status422UnprocessableEntity, "A business rule refused the request.", e.Message, e.Code,
                e.Details),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "The record was changed by someone else.",
                "Reload the record and apply your change again.", "concurrency"),
            NotFoundException e => Problem(StatusCodes.Status404NotFound, $"{e.Resource} not found.", e.Message, null),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "You may not do this.", e.Message, null),
            TeamPerformanceUnavailableException e => Problem(StatusCodes.Status503ServiceUnavailable, "Team performance is unavailable.",
                "The org hierarchy that decides what you may see could not be read; try again shortly. (" + e.Message + ")", "team-performance.unavailable"),
            DependencyUnavailableException e => Problem(StatusCodes.Status503ServiceUnavailable, $"{e.Service} is unavailable.",
                $"Nothing was changed; try again shortly. ({e.Message})", $"{e.Service}.unavailable"),
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } e => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [JsonField(json.Path)] = [json.Message] })
            {
                Status = e.StatusCode,
                Title = "The request is invalid.",
                Detail = $"{JsonField(json.Path)}: {json.Message}",
            },
            BadHttpRequestException e => Problem(e.StatusCode, "The request could not be read.", e.Message, null),
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        logger.LogInformation("Request refused with {Status}: {Message}", problem.Status, exception.Message);
        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    // "$.contact.name" -> "contact.name", the name the client sent; "$" (the whole body) -> "body".
    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static ProblemDetails Problem(int status, string title, string detail, string? code, IReadOnlyDictionary<string, object?>? details = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }

        foreach (var (name, value) in details ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }
}
