using Microsoft.EntityFrameworkCore;
using SalesPlatform.Events.Diagnostics;
using SalesPlatform.Testing;

namespace SalesPlatform.Messaging.Tests;

/// <summary>(a) State and event commit together or not at all.</summary>
public sealed class OutboxAtomicityTests(InfrastructureFixture infra) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => TestMessagingHost.CreateSchemaAsync(infra.Database);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SaveChanges_WhenTransactionRollsBack_WritesNeitherStateNorEvent()
    {
        var ping = new PingRecorded("rollback", 1);
        await using (var db = TestMessagingHost.NewContext(infra.Database))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Text = "rolled-back" });
            db.AddEvent(ping);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var check = TestMessagingHost.NewContext(infra.Database);
        Assert.False(await check.Notes.AnyAsync(n => n.Text == "rolled-back"));
        Assert.False(await check.Set<OutboxMessage>().AnyAsync(m => m.EventId == ping.EventId));
    }

    [Fact]
    public async Task SaveChanges_WhenStateChangeViolatesConstraint_WritesNoEvent()
    {
        await using (var first = TestMessagingHost.NewContext(infra.Database))
        {
            first.Notes.Add(new Note { Text = "unique-note" });
            await first.SaveChangesAsync();
        }

        var ping = new PingRecorded("constraint", 1);
        await using (var second = TestMessagingHost.NewContext(infra.Database))
        {
            second.Notes.Add(new Note { Text = "unique-note" });
            second.AddEvent(ping);
            await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
        }

        await using var check = TestMessagingHost.NewContext(infra.Database);
        Assert.Equal(1, await check.Notes.CountAsync(n => n.Text == "unique-note"));
        Assert.False(await check.Set<OutboxMessage>().AnyAsync(m => m.EventId == ping.EventId));
    }

    [Fact]
    public async Task SaveChanges_WithStateAndEvent_CommitsBothAndRelayDeliversIt()
    {
        var log = new ReceiptLog();
        using var host = await TestMessagingHost.StartAsync(infra.Database, infra.RabbitMq, log);

        var ids = await TestMessagingHost.WritePingsAsync(infra.Database, "commit", 3);

        await Eventually.UntilAsync(async () =>
        {
            await using var db = TestMessagingHost.NewContext(infra.Database);
            return await db.HandledPings.CountAsync(h => h.Source == "commit") == 3
                && await db.Set<OutboxMessage>().CountAsync(m => ids.Contains(m.EventId) && m.SentAt != null) == 3;
        }, TimeSpan.FromSeconds(30), "three committed pings should be handled and marked sent");

        await using var check = TestMessagingHost.NewContext(infra.Database);
        Assert.Equal(3, await check.Notes.CountAsync(n => n.Text.StartsWith("commit-")));
        var sent = await check.Set<OutboxMessage>().Where(m => ids.Contains(m.EventId)).ToListAsync();
        Assert.Equal(3, sent.Count);
        Assert.All(sent, m => Assert.NotNull(m.SentAt));
        await host.StopAsync();
    }

    [Fact]
    public async Task Relay_WhenRowHasUnknownType_DeadLettersItAndKeepsPublishing()
    {
        await using (var db = TestMessagingHost.NewContext(infra.Database))
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO outbox_messages (event_id, type, payload, occurred_at, created_at, attempts) " +
                "VALUES (gen_random_uuid(), 'System.IO.File', '{{}}', now(), now(), 0)");
        }

        var log = new ReceiptLog();
        using var host = await TestMessagingHost.StartAsync(infra.Database, infra.RabbitMq, log);
        await TestMessagingHost.WritePingsAsync(infra.Database, "after-poison-row", 2);

        await Eventually.UntilAsync(async () =>
        {
            await using var db = TestMessagingHost.NewContext(infra.Database);
            return await db.HandledPings.CountAsync(h => h.Source == "after-poison-row") == 2
                && await db.Set<OutboxMessage>().AnyAsync(m => m.Type == "System.IO.File" && m.DeadLetteredAt != null);
        }, TimeSpan.FromSeconds(30), "pings behind an unpublishable row should be delivered and the row dead-lettered");

        await using var check = TestMessagingHost.NewContext(infra.Database);
        var dead = await check.Set<OutboxMessage>().SingleAsync(m => m.Type == "System.IO.File");
        Assert.NotNull(dead.DeadLetteredAt);
        Assert.Null(dead.SentAt);
        Assert.Contains("not an event type", dead.LastError);
        await host.StopAsync();
    }
}
