using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SalesPlatform.Messaging.Tests;

/// <summary>The product makes no outbound call of its own: MassTransit's vendor usage telemetry is off.</summary>
public sealed class OfflineTests
{
    [Fact]
    public void AddMessaging_Always_DisablesMassTransitUsageTelemetry()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@127.0.0.1:1/",
        });
        builder.AddMessaging<HostApplicationBuilder, TestDbContext>();
        using var provider = builder.Services.BuildServiceProvider();

        Assert.False(provider.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
