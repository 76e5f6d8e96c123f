using Microsoft.EntityFrameworkCore;
using SalesPlatform.Testing;

namespace SalesPlatform.Messaging.Tests;

/// <summary>(d) Two relays on one database publish each event exactly once.</summary>
public sealed class CompetingRelaysTests(InfrastructureFixture infra) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => TestMessagingHost.CreateSchemaAsync(infra.Database);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwoRelays_OnOneDatabase_PublishEachEventExactlyOnce()
    {
        const int count = 300;
        var log = new ReceiptLog();
        // Write first so both relays find a backlog and really compete for the same rows.
        var ids = await TestMessagingHost.WritePingsAsync(infra.Database, "competing", count);

        using var consumers = await TestMessagingHost.StartAsync(infra.Database, infra.RabbitMq, log, relay: false);
        using var relayA = await TestMessagingHost.StartAsync(infra.Database, infra.RabbitMq, log, consumers: false);
        using var relayB = await TestMessagingHost.StartAsync(infra.Database, infra.RabbitMq, log, consumers: false);

        await Eventually.UntilAsync(async () =>
        {
            await using var db = TestMessagingHost.NewContext(infra.Database);
            return await db.HandledPings.CountAsync(h => h.Source == "competing") == count && log.Distinct == count
                && !await db.Set<OutboxMessage>().AnyAsync(m => m.SentAt == null);
        }, TimeSpan.FromSeconds(60), $"all {count} pings should arrive and be marked sent");

        await using var check = TestMessagingHost.NewContext(infra.Database);
        var receipts = log.Snapshot();
        Assert.All(ids, id => Assert.Equal(1, receipts.GetValueOrDefault(id)));
        Assert.Equal(count, log.Total);

        await relayA.StopAsync();
        await relayB.StopAsync();
        await consumers.StopAsync();
    }
}
