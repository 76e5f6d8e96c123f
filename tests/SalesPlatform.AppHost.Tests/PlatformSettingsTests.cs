using Microsoft.Extensions.Configuration;

namespace SalesPlatform.AppHost.Tests;

public sealed class PlatformSettingsTests
{
    private static PlatformSettings Read(params (string Key, string Value)[] values) => PlatformSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(),
        "/repo");

    [Fact]
    public void From_WithoutSettings_SeedsLocalServersUnderDotData()
    {
        var settings = Read();

        Assert.True(settings.Seed);
        Assert.False(settings.ExternalInfrastructure);
        Assert.Equal(0, settings.PortOffset);
        Assert.Equal("", settings.DatabasePrefix);
        Assert.Equal(Path.GetFullPath("/repo/.data"), settings.DataDirectory);
        Assert.Equal(1, settings.ReplicasOf("leads"));
    }

    [Fact]
    public void From_WithEverySetting_ReadsThem()
    {
        var settings = Read(("SalesPlatform:Seed", "false"), ("SalesPlatform:ExternalInfrastructure", "true"),
            ("SalesPlatform:PortOffset", "100"), ("SalesPlatform:DatabasePrefix", "e2e_"), ("SalesPlatform:DataDirectory", "/tmp/sp"),
            ("SalesPlatform:Replicas:leads", "2"));

        Assert.False(settings.Seed);
        Assert.True(settings.ExternalInfrastructure);
        Assert.Equal(100, settings.PortOffset);
        Assert.Equal("e2e_", settings.DatabasePrefix);
        Assert.Equal("/tmp/sp", settings.DataDirectory);
        Assert.Equal(2, settings.ReplicasOf("LEADS"));
    }

    [Theory]
    [InlineData("SalesPlatform:PortOffset", "-1")]
    [InlineData("SalesPlatform:PortOffset", "50001")]
    [InlineData("SalesPlatform:Replicas:leads", "0")]
    [InlineData("SalesPlatform:Replicas:leads", "11")]
    public void From_OutOfRange_ThrowsNamingTheSetting(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Read((key, value)));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
