using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace SalesPlatform.Gateway.Edges;

/// <summary>
/// In the proxy pipeline: a bearer token that the configured authority did not sign, that has
/// expired or is malformed is answered here with 401 problem details and never forwarded to a
/// service. Requests without a bearer token pass (the service decides whether it needs one).
/// </summary>
public sealed class BearerTokenMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase) && context.User.Identity?.IsAuthenticated != true)
        {
            var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (!result.Succeeded)
            {
                var expired = result.Failure is SecurityTokenExpiredException;
                var detail = expired
                    ? "The bearer token has expired; refresh it or sign in again."
                    : "The bearer token is not valid: it was not issued by this platform's identity service, or it is malformed.";
                context.Response.Headers.WWWAuthenticate = expired
                    ? "Bearer error=\"invalid_token\", error_description=\"The token expired\""
                    : "Bearer error=\"invalid_token\"";
                await Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
                    title: expired ? "Expired token" : "Invalid token", detail: detail).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }
}
