using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Data;

/// <summary>The customers database (<c>customersdb</c>).</summary>
/// <remarks>
/// New migration: <c>dotnet ef migrations add Name --project services/SalesPlatform.Customers --output-dir Data/Migrations</c> with
/// <c>Auth__Authority</c> and the <c>ConnectionStrings__*</c> set in the environment (any values: nothing connects).
/// </remarks>
public sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<PaymentRecord> Payments => Set<PaymentRecord>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<SurveyResponse> Surveys => Set<SurveyResponse>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<ProductHolding> Holdings => Set<ProductHolding>();
    public DbSet<AffinityCount> AffinityCounts => Set<AffinityCount>();
    public DbSet<CustomerOwnershipChange> OwnershipChanges => Set<CustomerOwnershipChange>();
    public DbSet<WinBackTask> WinBackTasks => Set<WinBackTask>();
    public DbSet<SpotCheck> SpotChecks => Set<SpotCheck>();

    /// <summary>
    /// Every owner change saved writes its history row, a timeline entry and <c>CustomerOwnerChanged</c> in the same
    /// transaction, so neither the history nor the consumers can miss one.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<Customer>().ToList())
        {
            if (entry.Entity.PendingOwnership is not { } note)
            {
                continue;
            }

            var customer = entry.Entity;
            OwnershipChanges.Add(new CustomerOwnershipChange
            {
                CustomerId = customer.Id, FromOwner = note.From, ToOwner = customer.OwnerId, Kind = note.Kind, Reason = note.Reason, ChangedBy = note.By,
                ChangedAt = note.At,
            });
            var (zh, en) = note.Kind switch
            {
                "claimed" => ("从公海领取", "claimed from the pool"),
                "released" => ("退回公海", "released to the pool"),
                "reclaimed" => ("收回公海", "reclaimed to the pool"),
                _ => ("变更负责人", "reassigned"),
            };
            Timeline.Add(new TimelineEntry
            {
                Id = Guid.CreateVersion7(note.At), CustomerId = customer.Id, Kind = "ownership." + note.Kind, Subject = customer.OwnerId is { } o ? $"person:{o}" : null,
                OccurredAt = note.At, Summary = $"{note.By} {zh}{(note.Reason is null ? "" : "：" + note.Reason)} / {note.By}: {en}"
                    + (note.Reason is null ? "" : $" ({note.Reason})"),
            });
            this.AddEvent(new SalesPlatform.Events.Customers.CustomerOwnerChanged(customer.Id, note.From, customer.OwnerId, note.Kind, note.Reason)
            {
                OccurredAt = note.At,
            });
            customer.ClearPendingOwnership();
        }

        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Customer>(customer =>
        {
            customer.ToTable("customers");
            customer.HasKey(c => c.Id);
            customer.Property(c => c.Name).HasMaxLength(200);
            customer.Property(c => c.NameKey).HasMaxLength(200);
            customer.Property(c => c.CreditCode).HasMaxLength(18);
            customer.Property(c => c.Industry).HasMaxLength(60);
            customer.Property(c => c.Size).HasMaxLength(20);
            customer.Property(c => c.Region).HasMaxLength(60);
            customer.Property(c => c.Province).HasMaxLength(60);
            customer.Property(c => c.City).HasMaxLength(60);
            customer.Property(c => c.Contacts).HasJsonConversion();
            // One customer per credit code; without one, per normalised name (the database keeps both unique).
            customer.HasIndex(c => c.CreditCode).IsUnique().HasFilter("credit_code IS NOT NULL");
            customer.HasIndex(c => c.NameKey).IsUnique().HasFilter("credit_code IS NULL");
            customer.HasIndex(c => c.SourceLeadId).IsUnique().HasFilter("source_lead_id IS NOT NULL");
            customer.HasIndex(c => new { c.OwnerId, c.Id });
            customer.HasIndex(c => new { c.PartnerId, c.Id });
            customer.HasTextSearch(nameof(Customer.Name));
        });

        modelBuilder.Entity<TimelineEntry>(entry =>
        {
            entry.ToTable("timeline_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Kind).HasMaxLength(60);
            entry.Property(e => e.Summary).HasMaxLength(1000);
            entry.Property(e => e.Subject).HasMaxLength(100);
            entry.HasIndex(e => new { e.CustomerId, e.OccurredAt });
            entry.HasIndex(e => e.EventId).IsUnique().HasFilter("event_id IS NOT NULL");
        });

        modelBuilder.Entity<PaymentRecord>(payment =>
        {
            payment.ToTable("payment_records");
            payment.HasKey(p => p.Id);
            payment.HasIndex(p => new { p.ContractId, p.DueAt }).IsUnique();
            payment.HasIndex(p => p.CustomerId);
        });

        modelBuilder.Entity<Complaint>(complaint =>
        {
            complaint.ToTable("complaints");
            complaint.HasKey(c => c.Id);
            complaint.Property(c => c.Category).HasMaxLength(20);
            complaint.Property(c => c.Severity).HasMaxLength(20);
            complaint.Property(c => c.Status).HasMaxLength(20);
            complaint.Property(c => c.Description).HasMaxLength(4000);
            complaint.Property(c => c.Resolution).HasMaxLength(4000);
            complaint.Property(c => c.CorrectiveAction).HasMaxLength(4000);
            complaint.Property(c => c.ConfirmedBy).HasMaxLength(200);
            complaint.HasIndex(c => new { c.CustomerId, c.Id });
            complaint.HasIndex(c => c.ResponseDueAt).HasFilter("status = 'open' AND responded_at IS NULL AND breached_at IS NULL");
        });

        modelBuilder.Entity<SurveyResponse>(survey =>
        {
            survey.ToTable("survey_responses");
            survey.HasKey(s => s.Id);
            survey.Property(s => s.Touchpoint).HasMaxLength(40);
            survey.Property(s => s.Comment).HasMaxLength(2000);
            survey.HasIndex(s => new { s.OwnerId, s.AnsweredAt });
            survey.HasIndex(s => new { s.CustomerId, s.AnsweredAt });
        });

        modelBuilder.Entity<Customer>(customer =>
        {
            customer.Property(c => c.LockReason).HasMaxLength(500);
            customer.Property(c => c.LostReason).HasMaxLength(500);
            customer.Property(c => c.LostCompetitor).HasMaxLength(200);
            customer.Ignore(c => c.PendingOwnership);
            customer.OwnsOne(c => c.Segment, segment =>
            {
                segment.Property(s => s.RfmSegment).HasMaxLength(20);
                segment.Property(s => s.ValueTier).HasMaxLength(20);
                segment.Property(s => s.Lifecycle).HasMaxLength(20);
                segment.Property(s => s.ContributionBasis).HasMaxLength(10);
                segment.Property(s => s.LifecycleRule).HasMaxLength(500);
                segment.Property(s => s.Contribution).HasPrecision(20, 2);
                segment.Property(s => s.LifetimeValue).HasPrecision(20, 2);
                segment.Property(s => s.Share).HasPrecision(9, 6);
                segment.Property(s => s.ShareAbove).HasPrecision(9, 6);
                segment.HasIndex(s => s.ValueTier);
                segment.HasIndex(s => s.RfmSegment);
                segment.HasIndex(s => s.Lifecycle);
            });
            customer.HasIndex(c => c.OwnerId).HasFilter("owner_id IS NULL").HasDatabaseName("ix_customers_pool");
            customer.HasIndex(c => c.ChurnScore).HasFilter("churn_raised_at IS NOT NULL").HasDatabaseName("ix_customers_at_risk");
        });

        modelBuilder.Entity<Purchase>(purchase =>
        {
            purchase.ToTable("purchases");
            purchase.HasKey(p => p.ContractId);
            purchase.Property(p => p.Currency).HasMaxLength(3);
            purchase.Property(p => p.Amount).HasPrecision(20, 2);
            purchase.Property(p => p.BaseAmount).HasPrecision(20, 2);
            purchase.Property(p => p.Cost).HasPrecision(20, 2);
            purchase.Ignore(p => p.Contribution);
            purchase.Property(p => p.Lines).HasJsonConversion();
            purchase.HasIndex(p => new { p.CustomerId, p.SignedAt });
        });

        modelBuilder.Entity<ProductHolding>(holding =>
        {
            holding.ToTable("product_holdings");
            holding.HasKey(h => new { h.CustomerId, h.ProductCode });
            holding.Property(h => h.ProductCode).HasMaxLength(60);
            holding.Property(h => h.ProductName).HasMaxLength(200);
            holding.Property(h => h.Currency).HasMaxLength(3);
        });

        modelBuilder.Entity<AffinityCount>(count =>
        {
            count.ToTable("affinity_counts");
            count.HasKey(c => new { c.Group, c.ProductA, c.ProductB });
            count.Property(c => c.Group).HasMaxLength(60);
            count.Property(c => c.ProductA).HasMaxLength(60);
            count.Property(c => c.ProductB).HasMaxLength(60);
        });

        modelBuilder.Entity<CustomerOwnershipChange>(change =>
        {
            change.ToTable("customer_ownership_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.Kind).HasMaxLength(20);
            change.Property(c => c.Reason).HasMaxLength(500);
            change.Property(c => c.ChangedBy).HasMaxLength(200);
            change.HasIndex(c => new { c.CustomerId, c.Id });
            change.HasIndex(c => new { c.FromOwner, c.CustomerId, c.ChangedAt });
        });

        modelBuilder.Entity<WinBackTask>(task =>
        {
            task.ToTable("win_back_tasks");
            task.HasKey(t => t.Id);
            task.Property(t => t.Offer).HasMaxLength(40);
            task.Property(t => t.Status).HasMaxLength(20);
            task.Property(t => t.Outcome).HasMaxLength(2000);
            task.HasIndex(t => new { t.OwnerId, t.Status });
            task.HasIndex(t => t.CustomerId);
        });

        modelBuilder.Entity<SpotCheck>(check =>
        {
            check.ToTable("spot_checks");
            check.HasKey(c => new { c.Quarter, c.CustomerId });
            check.Property(c => c.Quarter).HasMaxLength(7);
            check.Property(c => c.Touchpoint).HasMaxLength(40);
        });

        modelBuilder.Entity<Customer>().Property(c => c.BlacklistReason).HasMaxLength(500);
        modelBuilder.Entity<Customer>().Property(c => c.BlacklistedBy).HasMaxLength(200);
        modelBuilder.AddPolicies();
        modelBuilder.AddNotifications();
        modelBuilder.UseSnakeCaseColumns();
    }
}
