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
    public DbSet<SalesPlatform.Analytics.ReadModels.StageStay> StageStays => Set<SalesPlatform.Analytics.ReadModels.StageStay>();
    public DbSet<SalesPlatform.Analytics.ReadModels.FunnelDeal> FunnelDeals => Set<SalesPlatform.Analytics.ReadModels.FunnelDeal>();
    public DbSet<SalesPlatform.Analytics.ReadModels.FunnelLead> FunnelLeads => Set<SalesPlatform.Analytics.ReadModels.FunnelLead>();
    public DbSet<SalesPlatform.Analytics.ReadModels.PipelineDeal> PipelineDeals => Set<SalesPlatform.Analytics.ReadModels.PipelineDeal>();

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
        modelBuilder.Entity<SalesPlatform.Analytics.ReadModels.StageStay>(e =>
        {
            e.ToTable("stage_stays");
            e.HasKey(x => x.Id);
            e.Property(x => x.Stage).HasMaxLength(40);
            e.Property(x => x.NextStage).HasMaxLength(40);
            e.Property(x => x.Source).HasMaxLength(40);
            e.Property(x => x.Campaign).HasMaxLength(100);
            e.HasIndex(x => new { x.Stage, x.EnteredAt });
            e.HasIndex(x => new { x.OpportunityId, x.EnteredAt });
            e.HasIndex(x => new { x.OwnerId, x.EnteredAt });
        });
        modelBuilder.Entity<SalesPlatform.Analytics.ReadModels.FunnelDeal>(e =>
        {
            e.ToTable("funnel_deals");
            e.HasKey(x => x.OpportunityId);
            e.Property(x => x.Source).HasMaxLength(40);
            e.Property(x => x.Campaign).HasMaxLength(100);
        });
        modelBuilder.Entity<SalesPlatform.Analytics.ReadModels.FunnelLead>(e =>
        {
            e.ToTable("funnel_leads");
            e.HasKey(x => x.LeadId);
            e.Property(x => x.Source).HasMaxLength(40);
            e.Property(x => x.Campaign).HasMaxLength(100);
            e.HasIndex(x => x.CapturedAt);
        });
        modelBuilder.Entity<SalesPlatform.Analytics.ReadModels.PipelineDeal>(e =>
        {
            e.ToTable("pipeline_deals");
            e.HasKey(x => x.OpportunityId);
            e.Property(x => x.Stage).HasMaxLength(40);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Amount).HasPrecision(20, 2);
            e.Property(x => x.Probability).HasPrecision(5, 4);
            e.HasIndex(x => new { x.OwnerId, x.ExpectedCloseDate });
            e.HasIndex(x => x.ExpectedCloseDate);
        });
        modelBuilder.AddPolicies();
        modelBuilder.AddNotifications();
        modelBuilder.UseSnakeCaseColumns();
    }
}
