using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace SalesPlatform.Gateway.Edges;

/// <summary>
/// Raises the request body limit for the upload paths of <see cref="GatewayOptions.LargeBodyPaths"/>
/// (bulk imports); every other request keeps <see cref="GatewayOptions.MaxRequestBodyBytes"/>.
/// </summary>
public sealed class LargeBodyLimitMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (path, limit) in options.Value.LargeBodyPaths)
        {
            if (context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
                break;
            }
        }

        return next(context);
    }
}
