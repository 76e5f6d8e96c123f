using Microsoft.EntityFrameworkCore;
using SalesPlatform.Messaging;
using SalesPlatform.Opportunities.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Opportunities.Data;

/// <summary>The opportunities database (<c>opportunitiesdb</c>).</summary>
/// <remarks>
/// New migration: <c>dotnet ef migrations add Name --output-dir Data/Migrations</c> in the project directory with <c>Auth__Authority</c>
/// and the <c>ConnectionStrings__*</c> set in the environment (any values: nothing connects).
/// </remarks>
public sealed class OpportunitiesDbContext(DbContextOptions<OpportunitiesDbContext> options) : DbContext(options)
{
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();
    public DbSet<OpportunityActivity> Activities => Set<OpportunityActivity>();
    public DbSet<StageChange> StageChanges => Set<StageChange>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Quote> Quotes => Set<Quote>();
    public DbSet<LeadCustomer> LeadCustomers => Set<LeadCustomer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Opportunity>(o =>
        {
            o.ToTable("opportunities");
            o.HasKey(x => x.Id);
            o.Property(x => x.Name).HasMaxLength(200);
            o.Property(x => x.CustomerName).HasMaxLength(200);
            o.Property(x => x.Source).HasMaxLength(40);
            o.Property(x => x.Campaign).HasMaxLength(100);
            o.Property(x => x.Industry).HasMaxLength(60);
            o.Property(x => x.Region).HasMaxLength(60);
            o.Property(x => x.Currency).HasMaxLength(3);
            o.Property(x => x.Stage).HasMaxLength(40);
            o.Property(x => x.Amount).HasPrecision(20, 2);
            o.Property(x => x.Probability).HasPrecision(5, 4);
            o.Property(x => x.LostReason).HasMaxLength(60);
            o.Property(x => x.Competitor).HasMaxLength(200);
            o.Property(x => x.FallBack).HasMaxLength(2000);
            o.Property(x => x.Needs).HasJsonConversion();
            o.HasIndex(x => x.LeadId).IsUnique().HasFilter("lead_id IS NOT NULL");
            o.HasIndex(x => new { x.OwnerId, x.Id });
            o.HasIndex(x => new { x.PartnerId, x.Id });
            o.HasIndex(x => new { x.Stage, x.Id });
            o.HasIndex(x => x.CustomerId);
            o.HasIndex(x => x.Collaborators).HasMethod("gin");
            o.HasTextSearch(nameof(Opportunity.Name), nameof(Opportunity.CustomerName));
        });

        modelBuilder.Entity<OpportunityActivity>(a =>
        {
            a.ToTable("opportunity_activities");
            a.HasKey(x => x.Id);
            a.Property(x => x.Kind).HasMaxLength(40);
            a.Property(x => x.Note).HasMaxLength(2000);
            a.Property(x => x.By).HasMaxLength(200);
            a.HasIndex(x => new { x.OpportunityId, x.At });
        });

        modelBuilder.Entity<StageChange>(c =>
        {
            c.ToTable("stage_changes");
            c.HasKey(x => x.Id);
            c.Property(x => x.FromStage).HasMaxLength(40);
            c.Property(x => x.ToStage).HasMaxLength(40);
            c.Property(x => x.Currency).HasMaxLength(3);
            c.Property(x => x.Amount).HasPrecision(20, 2);
            c.Property(x => x.Probability).HasPrecision(5, 4);
            c.Property(x => x.Reason).HasMaxLength(500);
            c.Property(x => x.By).HasMaxLength(200);
            c.HasIndex(x => new { x.OpportunityId, x.Id });
        });

        modelBuilder.Entity<Product>(p =>
        {
            p.ToTable("products");
            p.HasKey(x => x.Id);
            p.HasIndex(x => x.Code).IsUnique();
            p.Property(x => x.Code).HasMaxLength(60);
            p.Property(x => x.Name).HasMaxLength(200);
            p.Property(x => x.Kind).HasMaxLength(20);
            p.Property(x => x.Currency).HasMaxLength(3);
            p.Property(x => x.Unit).HasMaxLength(20);
            p.Property(x => x.ListPrice).HasPrecision(20, 2);
            p.Property(x => x.UnitCost).HasPrecision(20, 2);
            p.Property(x => x.Tiers).HasJsonConversion();
            p.Property(x => x.SegmentPrices).HasJsonConversion();
            p.Property(x => x.Components).HasJsonConversion();
        });

        modelBuilder.Entity<Quote>(q =>
        {
            q.ToTable("quotes");
            q.HasKey(x => x.Id);
            q.Property(x => x.Status).HasMaxLength(20);
            q.Property(x => x.Currency).HasMaxLength(3);
            foreach (var money in new[] { nameof(Quote.ListTotal), nameof(Quote.Total), nameof(Quote.Cost) })
            {
                q.Property(money).HasPrecision(20, 2);
            }

            q.Property(x => x.ExtraDiscount).HasPrecision(9, 6);
            q.Property(x => x.Margin).HasPrecision(9, 6);
            q.Property(x => x.Discount).HasPrecision(9, 6);
            q.Property(x => x.PriceAdjustmentClause).HasMaxLength(2000);
            q.Property(x => x.PenaltyClause).HasMaxLength(2000);
            q.Property(x => x.DecidedBy).HasMaxLength(200);
            q.Property(x => x.DecisionComment).HasMaxLength(2000);
            q.Property(x => x.CreatedBy).HasMaxLength(200);
            q.Property(x => x.Lines).HasJsonConversion();
            q.HasIndex(x => new { x.OpportunityId, x.Version }).IsUnique();
            // One accepted quote per opportunity, kept by the database.
            q.HasIndex(x => x.OpportunityId).IsUnique().HasFilter("status = 'accepted'").HasDatabaseName("ix_quotes_one_accepted");
        });

        modelBuilder.Entity<LeadCustomer>(l =>
        {
            l.ToTable("lead_customers");
            l.HasKey(x => x.LeadId);
        });

        modelBuilder.AddPolicies();
        modelBuilder.AddNotifications();
        modelBuilder.UseSnakeCaseColumns();
    }
}

/// <summary>The customer that customers settled for a converted lead (<c>CustomerLinkedToLead</c>), kept for an opportunity opened later.</summary>
public sealed class LeadCustomer
{
    public Guid LeadId { get; init; }
    public Guid CustomerId { get; set; }
}
