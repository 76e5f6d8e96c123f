using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using SalesPlatform.Events.Diagnostics;
using SalesPlatform.Testing;

namespace SalesPlatform.Messaging.Tests;

/// <summary>(c) A redelivered event is handled once; a failing one ends in the error queue after retries.</summary>
public sealed class InboxTests(InfrastructureFixture infra) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => TestMessagingHost.CreateSchemaAsync(infra.Database);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Consume_WhenSameEventIsDeliveredTwice_HandlesItOnce()
    {
        var log = new ReceiptLog();
        using var host = await TestMessagingHost.StartAsync(infra.Database, infra.RabbitMq, log, relay: false);
        var bus = host.Services.GetRequiredService<IBus>();

        var ping = new PingRecorded("redelivered", 7);
        await bus.Publish(ping, context => context.MessageId = ping.EventId);
        await bus.Publish(ping, context => context.MessageId = ping.EventId);

        await Eventually.UntilAsync(() => Task.FromResult(log.For(ping.EventId) == 2), TimeSpan.FromSeconds(30),
            "the broker should deliver both copies");
        // The counter and the inbox consumer read separate queues; wait until the inbox consumer saw both copies too.
        await Eventually.UntilAsync(async () =>
        {
            await using var db = TestMessagingHost.NewContext(infra.Database);
            return await db.HandledPings.AnyAsync(h => h.EventId == ping.EventId);
        }, TimeSpan.FromSeconds(30), "the first copy should be handled");
        await WaitForQueueToDrainAsync("messaging-ping-recorded");

        await using var check = TestMessagingHost.NewContext(infra.Database);
        Assert.Equal(1, await check.HandledPings.CountAsync(h => h.EventId == ping.EventId));
        Assert.Equal(1, await check.Set<InboxMessage>().CountAsync(i => i.EventId == ping.EventId));
        await host.StopAsync();
    }

    [Fact]
    public async Task Consume_WhenHandlerKeepsFailing_RetriesThenMovesMessageToErrorQueue()
    {
        var log = new ReceiptLog();
        using var host = await TestMessagingHost.StartAsync(infra.Database, infra.RabbitMq, log, relay: false);
        var bus = host.Services.GetRequiredService<IBus>();

        var poison = new PingRecorded("poison", 1);
        await bus.Publish(poison, context => context.MessageId = poison.EventId);

        await Eventually.UntilAsync(async () => await CountMessagesAsync("messaging-ping-recorded_error") == 1,
            TimeSpan.FromSeconds(30), "the failing ping should end in the error queue");

        await using var check = TestMessagingHost.NewContext(infra.Database);
        // The failed attempts rolled back their inbox rows, so an operator's replay will be handled.
        Assert.False(await check.Set<InboxMessage>().AnyAsync(i => i.EventId == poison.EventId));
        Assert.False(await check.HandledPings.AnyAsync(h => h.EventId == poison.EventId));
        await host.StopAsync();
    }

    private async Task WaitForQueueToDrainAsync(string queue) =>
        await Eventually.UntilAsync(async () => await CountMessagesAsync(queue) == 0, TimeSpan.FromSeconds(30),
            $"queue {queue} should drain");

    private async Task<uint> CountMessagesAsync(string queue)
    {
        var address = RabbitMqAddress.Parse(infra.RabbitMq);
        var factory = new ConnectionFactory
        {
            HostName = address.Host,
            Port = address.Port,
            VirtualHost = address.VirtualHost,
            UserName = address.Username,
            Password = address.Password,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var ok = await channel.QueueDeclarePassiveAsync(queue);
            return ok.MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }
}
