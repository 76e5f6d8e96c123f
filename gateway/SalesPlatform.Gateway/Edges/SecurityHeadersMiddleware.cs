namespace SalesPlatform.Gateway.Edges;

/// <summary>
/// Security headers on every response, proxied ones included (set just before the headers go out,
/// over whatever a service sent). The API reference page gets a policy that lets its script run.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/docs") && !path.StartsWithSegments("/account") && !path.StartsWithSegments("/connect"))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }

            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
