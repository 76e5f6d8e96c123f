using Microsoft.Extensions.Configuration;

using SalesPlatform.Gateway.Routing;

using Yarp.ReverseProxy.Configuration;

namespace SalesPlatform.Gateway.Tests.Routing;

public class DiscoveryDestinationsFilterTests
{
    private static DiscoveryDestinationsFilter Filter(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build());

    [Fact]
    public async Task ConfigureCluster_TwoHttpReplicas_GivesTwoDestinations()
    {
        var filter = Filter(("services:leads:http:0", "http://127.0.0.1:5201"), ("services:leads:http:1", "http://127.0.0.1:6201"));

        var cluster = await filter.ConfigureClusterAsync(new ClusterConfig { ClusterId = "leads" }, CancellationToken.None);

        Assert.Equal(["http://127.0.0.1:5201/", "http://127.0.0.1:6201/"],
            cluster.Destinations!.Values.Select(d => d.Address).Order());
    }

    [Fact]
    public async Task ConfigureCluster_HttpsAndHttpEndpoints_UsesOnlyHttps()
    {
        var filter = Filter(("services:leads:http:0", "http://leads:8080"), ("services:leads:https:0", "https://leads:8443"));

        var cluster = await filter.ConfigureClusterAsync(new ClusterConfig { ClusterId = "leads" }, CancellationToken.None);

        Assert.Equal("https://leads:8443/", Assert.Single(cluster.Destinations!.Values).Address);
    }

    [Fact]
    public async Task ConfigureCluster_ServiceNameMetadata_ReadsThatServicesKeys()
    {
        var filter = Filter(("services:teamperformance:http:0", "http://127.0.0.1:5301"));
        var input = new ClusterConfig
        {
            ClusterId = "performance",
            Metadata = new Dictionary<string, string> { [DiscoveryDestinationsFilter.ServiceNameMetadata] = "teamperformance" },
        };

        var cluster = await filter.ConfigureClusterAsync(input, CancellationToken.None);

        Assert.Equal("http://127.0.0.1:5301/", Assert.Single(cluster.Destinations!.Values).Address);
    }

    [Fact]
    public async Task ConfigureCluster_ExplicitDestinations_AreKept()
    {
        var filter = Filter(("services:leads:http:0", "http://127.0.0.1:5201"));
        var input = new ClusterConfig
        {
            ClusterId = "leads",
            Destinations = new Dictionary<string, DestinationConfig> { ["fixed"] = new() { Address = "http://fixed:80" } },
        };

        var cluster = await filter.ConfigureClusterAsync(input, CancellationToken.None);

        Assert.Same(input, cluster);
    }

    [Fact]
    public async Task ConfigureCluster_NoDiscoveryKeys_GivesNoDestinations()
    {
        var cluster = await Filter().ConfigureClusterAsync(new ClusterConfig { ClusterId = "analytics" }, CancellationToken.None);

        Assert.Empty(cluster.Destinations!);
    }
}
