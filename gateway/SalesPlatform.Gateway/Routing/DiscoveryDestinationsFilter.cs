using Yarp.ReverseProxy.Configuration;

namespace SalesPlatform.Gateway.Routing;

/// <summary>
/// Fills the destinations of every cluster that configures none from the service-discovery keys of
/// the Aspire convention: cluster <c>leads</c> (or metadata <c>ServiceName</c>) gets one destination
/// per <c>services:leads:https:N</c> value, or <c>services:leads:http:N</c> when there is none, so replicas are load-balanced and
/// health-checked by YARP and the same configuration serves the AppHost, compose and Kubernetes.
/// </summary>
public sealed class DiscoveryDestinationsFilter(IConfiguration configuration) : IProxyConfigFilter
{
    public const string ServiceNameMetadata = "ServiceName";

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.Destinations is { Count: > 0 })
        {
            return ValueTask.FromResult(cluster);
        }

        var service = cluster.Metadata?.GetValueOrDefault(ServiceNameMetadata) ?? cluster.ClusterId;
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        // Like service discovery: https endpoints when there are any, else http.
        var endpoints = configuration.GetSection($"services:{service}:https").GetChildren().ToList();
        if (endpoints.Count == 0)
        {
            endpoints = [.. configuration.GetSection($"services:{service}:http").GetChildren()];
        }

        foreach (var endpoint in endpoints)
        {
            if (Uri.TryCreate(endpoint.Value, UriKind.Absolute, out var address))
            {
                destinations[$"{service}-{endpoint.Key}"] = new DestinationConfig { Address = address.ToString() };
            }
        }

        return ValueTask.FromResult(cluster with { Destinations = destinations });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
