using System.Text.Json.Nodes;

using Microsoft.Extensions.Options;

using Scalar.AspNetCore;

namespace SalesPlatform.Gateway.Docs;

/// <summary>
/// One API reference for the whole platform at <c>/docs</c>: Scalar over every service's
/// <c>/openapi/v1.json</c>, fetched through service discovery and re-pointed at the gateway.
/// </summary>
public static class ApiReferenceEndpoints
{
    public const string HttpClientName = "openapi";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value.ApiReferenceServices;
        app.MapGet("/docs/openapi/{service}.json", GetDocument).AllowAnonymous().ExcludeFromDescription();
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("SalesPlatform API");
            for (var i = 0; i < services.Count; i++)
            {
                options.AddDocument(services[i], services[i], "/docs/openapi/{documentName}.json", isDefault: i == 0);
            }
        }).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> GetDocument(string service, IHttpClientFactory clients, IOptions<GatewayOptions> options,
        CancellationToken cancellationToken)
    {
        if (!options.Value.ApiReferenceServices.Contains(service, StringComparer.Ordinal))
        {
            return TypedResults.NotFound();
        }

        try
        {
            var http = clients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(new Uri($"http://{service}/openapi/v1.json"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Unavailable(service, $"it answered {(int)response.StatusCode}");
            }

            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            // Calls from the reference go through the gateway, not to the service's own address.
            document["servers"] = new JsonArray(new JsonObject { ["url"] = "/" });
            return TypedResults.Text(document.ToJsonString(), "application/json");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or System.Text.Json.JsonException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Unavailable(service, e.Message);
        }
    }

    private static IResult Unavailable(string service, string reason) =>
        TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "API description unavailable",
            detail: $"The OpenAPI document of '{service}' could not be fetched: {reason}.");
}
