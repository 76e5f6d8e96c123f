using Xunit;

namespace SalesPlatform.Testing.Tests;

public sealed class RabbitMqNodeTests
{
    [Fact]
    public async Task StopThenStart_DedicatedNode_PortClosesThenAcceptsAgain()
    {
        await using var node = await RabbitMqNode.StartDedicatedAsync();
        Assert.True(await node.IsAcceptingConnectionsAsync());

        await node.StopAsync();
        Assert.False(await node.IsAcceptingConnectionsAsync());

        await node.StartAsync();
        Assert.True(await node.IsAcceptingConnectionsAsync());
    }
}
