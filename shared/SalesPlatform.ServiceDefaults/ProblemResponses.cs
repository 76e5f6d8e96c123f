using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SalesPlatform.ServiceDefaults;

/// <summary>Statuses an endpoint can refuse with beyond the ones <see cref="ProblemResponses"/> derives (e.g. 503 when team performance is needed).</summary>
public sealed record RefusalMetadata(IReadOnlyList<int> Statuses);

/// <summary>
/// The refusals of every endpoint in its service's OpenAPI document, each with the problem-details schema
/// (<c>application/problem+json</c>) the one <see cref="DomainExceptionHandler"/> writes. Domain rules throw
/// typed exceptions from wherever they are checked and that handler maps them (ADR 16), so the document
/// derives what an endpoint can answer from what it is: every endpoint 400 (no request passes unread
/// text input), a protected one 401 and 403, one with a route parameter 404 (also what a record outside the
/// caller's data scope answers), a write 409 (a conflicting change) and 422 (a business rule); anything else
/// an endpoint declares with <see cref="Refuses{TBuilder}"/>.
/// </summary>
public static class ProblemResponses
{
    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [StatusCodes.Status400BadRequest] = "The request is invalid: problem details naming each field (errors).",
        [StatusCodes.Status401Unauthorized] = "No valid token or API key.",
        [StatusCodes.Status403Forbidden] = "The caller's role or API-key scope does not allow this.",
        [StatusCodes.Status404NotFound] = "Not found, or outside the caller's data scope (the same answer, so nothing leaks).",
        [StatusCodes.Status409Conflict] = "Conflicts with the current state (a duplicate, a stale version, a concurrent change); code says which.",
        [StatusCodes.Status422UnprocessableEntity] = "A business rule refused it; code names the rule.",
        [StatusCodes.Status503ServiceUnavailable] = "A service this answer needs is down; retry after Retry-After seconds.",
    };

    /// <summary>Declares further statuses this endpoint (or every endpoint of a group) can refuse with.</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RefusalMetadata(statuses));

    /// <summary>The operation transformer (registered by <c>AddServiceDefaults</c>).</summary>
    public static async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var statuses = new SortedSet<int> { StatusCodes.Status400BadRequest };
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            statuses.UnionWith([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
        }

        if (context.Description.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }

        if (context.Description.HttpMethod is { } method && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            statuses.UnionWith([StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity]);
        }

        if (metadata.OfType<System.Reflection.MethodInfo>().Any(h => h.GetParameters().Any(p => p.ParameterType == typeof(DataScope))))
        {
            statuses.Add(StatusCodes.Status503ServiceUnavailable);
        }

        foreach (var declared in metadata.OfType<RefusalMetadata>())
        {
            statuses.UnionWith(declared.Statuses);
        }

        operation.Responses ??= [];
        foreach (var status in statuses)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key))
            {
                continue;
            }

            var type = status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            operation.Responses[key] = new OpenApiResponse
            {
                Description = Descriptions.GetValueOrDefault(status, "Refused."),
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
            };
        }
    }
}
