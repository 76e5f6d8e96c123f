namespace SalesPlatform.AppHost.Tests;

public sealed class AppHostOptionsTests
{
    [Fact]
    public void Parse_WithoutArguments_UsesDefaults()
    {
        var options = AppHostOptions.Parse([], "/repo");

        Assert.Equal(5000, options.GatewayPort);
        Assert.False(options.Seed);
        Assert.False(options.ExternalInfrastructure);
        Assert.Empty(options.Replicas);
        Assert.Equal(Path.Combine("/repo", ".data"), options.DataDirectory);
    }

    [Fact]
    public void Parse_WithEveryOption_ReadsThem()
    {
        var options = AppHostOptions.Parse(
            ["--seed", "--external-infra", "--replicas", "leads=2, analytics=3", "--gateway-port", "5050", "--no-build",
             "--configuration", "Release", "--port-offset", "100"], "/repo");

        Assert.True(options.Seed);
        Assert.True(options.ExternalInfrastructure);
        Assert.True(options.NoBuild);
        Assert.Equal(2, options.Replicas["leads"]);
        Assert.Equal(3, options.Replicas["analytics"]);
        Assert.Equal(5050, options.GatewayPort);
        Assert.Equal("Release", options.Configuration);
        Assert.Equal(100, options.PortOffset);
    }

    [Theory]
    [InlineData("--replicas", "leads")]
    [InlineData("--replicas", "leads=0")]
    [InlineData("--replicas", "leads=9")]
    [InlineData("--gateway-port", "70000")]
    [InlineData("--gateway-port", "web")]
    [InlineData("--port-offset", "-1")]
    public void Parse_WithBadValue_ThrowsNamingTheOption(string option, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => AppHostOptions.Parse([option, value], "/repo"));

        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void Parse_WithUnknownOption_ThrowsWithUsage()
    {
        var error = Assert.Throws<ArgumentException>(() => AppHostOptions.Parse(["--turbo"], "/repo"));

        Assert.Contains("--turbo", error.Message);
        Assert.Contains("Usage", error.Message);
    }

    [Fact]
    public void Parse_WithOptionMissingItsValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => AppHostOptions.Parse(["--gateway-port"], "/repo"));

        Assert.Contains("needs a value", error.Message);
    }
}
