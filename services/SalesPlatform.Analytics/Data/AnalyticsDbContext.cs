using Microsoft.EntityFrameworkCore;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Analytics.Data;

/// <summary>
/// Every integration event analytics received, once per <see cref="EventId"/>, as it arrived: the log read models are built from and
/// rebuilt from.
/// </summary>
public sealed class LoggedEvent
{
    public Guid EventId { get; init; }

    /// <summary>The event's full type name (<c>SalesPlatform.Events.Leads.LeadConverted</c>).</summary>
    public string Type { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The event as JSON.</summary>
    public string Payload { get; init; } = "{}";
}

/// <summary>The analytics database (<c>analyticsdb</c>).</summary>
/// <remarks>New migration: <c>dotnet ef migrations add Name --output-dir Data/Migrations</c> with <c>Auth__Authority</c> and <c>ConnectionStrings__*</c> set to anything.</remarks>
public sealed class AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : DbContext(options)
{
    public DbSet<LoggedEvent> EventLog => Set<LoggedEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<LoggedEvent>(e =>
        {
            e.ToTable("event_log");
            e.HasKey(x => x.EventId);
            e.Property(x => x.Type).HasMaxLength(200);
            e.Property(x => x.Payload).HasColumnType("jsonb");
            e.HasIndex(x => new { x.Type, x.OccurredAt });
            e.HasIndex(x => x.OccurredAt);
        });
        modelBuilder.AddPolicies();
        modelBuilder.AddNotifications();
        modelBuilder.UseSnakeCaseColumns();
    }
}
