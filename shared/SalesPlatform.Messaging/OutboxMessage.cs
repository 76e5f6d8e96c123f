using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Events;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Messaging;

/// <summary>
/// An integration event waiting to be published, stored in the service's own database by the same
/// <c>SaveChangesAsync</c> (and so the same transaction) as the state change it describes.
/// The <see cref="OutboxRelay{TDbContext}"/> publishes it and sets <see cref="SentAt"/>.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Insertion order; the relay publishes in this order.</summary>
    public long Sequence { get; private set; }

    /// <summary>The event's own id (MassTransit message id, inbox key).</summary>
    public Guid EventId { get; private set; }

    /// <summary>Full CLR name of the event type in SalesPlatform.Events.</summary>
    public string Type { get; private set; } = "";

    /// <summary>The event serialized as JSON.</summary>
    public string Payload { get; private set; } = "";

    /// <summary>Correlation id of the flow that produced the event.</summary>
    public string? CorrelationId { get; private set; }

    /// <summary>W3C trace parent of the request that produced the event, so its publication and handling join that trace.</summary>
    public string? TraceParent { get; private set; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>When the row was written (start of relay lag).</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the broker confirmed the publish; null while pending.</summary>
    public DateTimeOffset? SentAt { get; internal set; }

    /// <summary>Failed publish attempts so far.</summary>
    public int Attempts { get; internal set; }

    /// <summary>The last publish error, for operators.</summary>
    public string? LastError { get; internal set; }

    /// <summary>Set when the row can never be published (unknown type); such rows are skipped and kept for inspection.</summary>
    public DateTimeOffset? DeadLetteredAt { get; internal set; }

    private OutboxMessage()
    {
    }

    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Creates the outbox row for <paramref name="integrationEvent"/>.</summary>
    public static OutboxMessage From(IntegrationEvent integrationEvent, DateTimeOffset now)
    {
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            EventId = integrationEvent.EventId,
            Type = type.FullName!,
            Payload = JsonSerializer.Serialize(integrationEvent, type, SerializerOptions),
            CorrelationId = CorrelationContext.Current,
            TraceParent = System.Diagnostics.Activity.Current?.Id,
            OccurredAt = integrationEvent.OccurredAt,
            CreatedAt = now,
        };
    }
}

/// <summary>A consumed event, recorded in the same transaction as the consumer's changes so a redelivery changes nothing.</summary>
public sealed class InboxMessage
{
    /// <summary>The consumed event's id.</summary>
    public Guid EventId { get; init; }

    /// <summary>The consumer that handled it (several consumers may handle one event).</summary>
    public string Consumer { get; init; } = "";

    /// <summary>When it was handled.</summary>
    public DateTimeOffset HandledAt { get; init; }
}

/// <summary>Model and write helpers for the outbox and inbox tables.</summary>
public static class OutboxModelExtensions
{
    /// <summary>Table of the outbox.</summary>
    public const string OutboxTable = "outbox_messages";

    /// <summary>Table of the inbox.</summary>
    public const string InboxTable = "inbox_messages";

    /// <summary>Adds the outbox and inbox tables to a service's model; call from <c>OnModelCreating</c>.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.EventId).HasColumnName("event_id");
            outbox.Property(m => m.Type).HasColumnName("type").HasMaxLength(300);
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.CorrelationId).HasColumnName("correlation_id").HasMaxLength(128);
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(128);
            outbox.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.SentAt).HasColumnName("sent_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            outbox.Property(m => m.DeadLetteredAt).HasColumnName("dead_lettered_at");
            outbox.HasIndex(m => m.EventId).IsUnique();
            // The relay only ever scans pending rows: keep that index small.
            outbox.HasIndex(m => m.Sequence).HasDatabaseName("ix_outbox_messages_pending")
                .HasFilter("sent_at IS NULL AND dead_lettered_at IS NULL");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.EventId, m.Consumer });
            inbox.Property(m => m.EventId).HasColumnName("event_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            inbox.Property(m => m.HandledAt).HasColumnName("handled_at");
        });
        return modelBuilder;
    }

    /// <summary>
    /// Queues <paramref name="integrationEvent"/> in the outbox of <paramref name="db"/>; it is
    /// written by the next <c>SaveChangesAsync</c>, together with the state change, or not at all.
    /// </summary>
    public static void AddEvent(this DbContext db, IntegrationEvent integrationEvent, TimeProvider? clock = null)
    {
        db.Set<OutboxMessage>().Add(OutboxMessage.From(integrationEvent, (clock ?? TimeProvider.System).GetUtcNow()));
    }
}
