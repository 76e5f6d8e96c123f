using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// Examples in the OpenAPI documents that the gateway's <c>/docs</c> shows: partner developers copy
/// them, so they are real requests the service accepts (tests post the same shapes).
/// </summary>
public static class OpenApiExamples
{
    /// <summary>Shows <paramref name="example"/> as the request body example of this endpoint.</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                media.Example = JsonSerializer.SerializeToNode(example, JsonSerializerOptions.Web);
            }

            return Task.CompletedTask;
        });

    /// <summary>Shows <paramref name="example"/> as the example of the <paramref name="status"/> response of this endpoint.</summary>
    public static TBuilder WithResponseExample<TBuilder>(this TBuilder builder, int status, object example)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true)
            {
                foreach (var media in response.Content?.Values ?? [])
                {
                    media.Example = JsonSerializer.SerializeToNode(example, JsonSerializerOptions.Web);
                }
            }

            return Task.CompletedTask;
        });
}
