using Microsoft.EntityFrameworkCore;
using SalesPlatform.Testing;

namespace SalesPlatform.Messaging.Tests;

public sealed class OutboxMaintenanceTests(InfrastructureFixture infra) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => TestMessagingHost.CreateSchemaAsync(infra.Database);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DeleteExpired_RemovesOnlyOldSentRowsAndOldInboxRows()
    {
        await using var db = TestMessagingHost.NewContext(infra.Database);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO outbox_messages (event_id, type, payload, occurred_at, created_at, attempts, sent_at, dead_lettered_at) VALUES
              (gen_random_uuid(), 'old-sent',         '{{}}', now(), now() - interval '10 days', 0, now() - interval '10 days', NULL),
              (gen_random_uuid(), 'old-sent',         '{{}}', now(), now() - interval '9 days',  0, now() - interval '8 days',  NULL),
              (gen_random_uuid(), 'recent-sent',      '{{}}', now(), now() - interval '1 day',   0, now() - interval '1 day',   NULL),
              (gen_random_uuid(), 'old-pending',      '{{}}', now(), now() - interval '10 days', 3, NULL, NULL),
              (gen_random_uuid(), 'old-dead-letter',  '{{}}', now(), now() - interval '10 days', 0, NULL, now() - interval '10 days');
            INSERT INTO inbox_messages (event_id, consumer, handled_at) VALUES
              (gen_random_uuid(), 'old', now() - interval '40 days'),
              (gen_random_uuid(), 'recent', now() - interval '2 days');
            """);
        var now = DateTimeOffset.UtcNow;

        var deleted = await OutboxMaintenance.DeleteExpiredAsync(db, now.AddDays(-7), now.AddDays(-30), CancellationToken.None);

        Assert.Equal(3, deleted);
        var outbox = await db.Set<OutboxMessage>().Select(m => m.Type).OrderBy(t => t).ToListAsync();
        Assert.Equal(["old-dead-letter", "old-pending", "recent-sent"], outbox);
        Assert.Equal(["recent"], await db.Set<InboxMessage>().Select(m => m.Consumer).ToListAsync());
    }
}
