using Microsoft.EntityFrameworkCore;
using SalesPlatform.Testing;

namespace SalesPlatform.Messaging.Tests;

/// <summary>(b) With RabbitMQ stopped during writes, every event arrives after it restarts: none lost, none handled twice.</summary>
public sealed class BrokerOutageTests(InfrastructureFixture infra) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => TestMessagingHost.CreateSchemaAsync(infra.Database);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Relay_WhenBrokerIsDownDuringWrites_DeliversEveryEventOnceAfterRestart()
    {
        // A broker of its own: stopping the shared one would break every other test class.
        await using var broker = await RabbitMqNode.StartDedicatedAsync();
        var log = new ReceiptLog();
        using var host = await TestMessagingHost.StartAsync(infra.Database, broker.ConnectionString, log);

        var before = await TestMessagingHost.WritePingsAsync(infra.Database, "outage", 10);
        await WaitForHandledAsync(10, "pings written while the broker is up");

        await broker.StopAsync();
        var during = await TestMessagingHost.WritePingsAsync(infra.Database, "outage", 40, startAt: 10);

        await using (var db = TestMessagingHost.NewContext(infra.Database))
        {
            // Writes succeed without the broker; their events wait in the outbox.
            Assert.Equal(50, await db.Notes.CountAsync(n => n.Text.StartsWith("outage-")));
            Assert.True(await db.Set<OutboxMessage>().CountAsync(m => during.Contains(m.EventId) && m.SentAt == null) > 0);
        }

        await broker.StartAsync();
        await WaitForHandledAsync(50, "every ping after the broker restarts");

        await using var check = TestMessagingHost.NewContext(infra.Database);
        var handled = await check.HandledPings.Where(h => h.Source == "outage").Select(h => h.EventId).ToListAsync();
        Assert.Equal(50, handled.Count);
        Assert.Equal(50, handled.Distinct().Count());
        Assert.Equal(before.Concat(during).Order(), handled.Order());
        await host.StopAsync();
    }

    private async Task WaitForHandledAsync(int expected, string what) =>
        await Eventually.UntilAsync(async () =>
        {
            await using var db = TestMessagingHost.NewContext(infra.Database);
            return await db.HandledPings.CountAsync(h => h.Source == "outage") >= expected
                && !await db.Set<OutboxMessage>().AnyAsync(m => m.SentAt == null);
        }, TimeSpan.FromSeconds(90), $"{expected} handled: {what}");
}
