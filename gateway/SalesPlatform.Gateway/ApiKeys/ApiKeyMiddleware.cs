using Microsoft.Extensions.Options;

using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Gateway.ApiKeys;

/// <summary>
/// In the proxy pipeline: removes headers a client could forge, and turns an <c>X-Api-Key</c> into
/// the partner's bearer token for the services (401 at the gateway when the key is not valid, 403
/// when the key's scopes do not cover the route).
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiKeyOptions> options, IOptions<GatewayOptions> gateway)
{
    /// <summary>HttpContext item holding the <see cref="PartnerCredential"/> of an API-key request.</summary>
    public const string CredentialItem = "SalesPlatform.PartnerCredential";

    public async Task InvokeAsync(HttpContext context, ApiKeyExchange exchange)
    {
        var headers = context.Request.Headers;
        var apiKey = headers[options.Value.HeaderName].ToString();
        headers.Remove(options.Value.HeaderName);
        foreach (var header in gateway.Value.StrippedHeaders)
        {
            headers.Remove(header);
        }

        if (string.IsNullOrEmpty(apiKey))
        {
            await next(context);
            return;
        }

        PartnerCredential? credential;
        try
        {
            credential = apiKey.Length <= 200 ? await exchange.ResolveAsync(apiKey, context.RequestAborted) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException
            || (e is OperationCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "API keys cannot be checked",
                detail: "The identity service does not answer; try again shortly.").ExecuteAsync(context);
            return;
        }

        if (credential is null)
        {
            context.Response.Headers.WWWAuthenticate = "ApiKey";
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid API key",
                detail: $"The {options.Value.HeaderName} header does not hold a valid, unexpired and unrevoked API key.")
                .ExecuteAsync(context);
            return;
        }

        if (ApiScopes.Missing(credential.Scopes, context.Request.Method, context.Request.Path) is { } missing)
        {
            await ApiScopes.Refusal(missing).ExecuteAsync(context);
            return;
        }

        context.Items[CredentialItem] = credential;
        headers.Authorization = "Bearer " + credential.AccessToken;
        await next(context);
    }
}
