using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Data;

/// <summary>The leads database (<c>leadsdb</c>).</summary>
/// <remarks>
/// New migration, from the repository root:
/// <c>dotnet ef migrations add Name --project services/SalesPlatform.Leads --output-dir Data/Migrations</c> with
/// <c>Auth__Authority</c> and the <c>ConnectionStrings__*</c> set in the environment (any values: nothing connects).
/// </remarks>
public sealed class LeadsDbContext(DbContextOptions<LeadsDbContext> options) : DbContext(options)
{
    internal static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        TextInput.Configure(json);
        return json;
    }

    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<LeadActivity> Activities => Set<LeadActivity>();
    public DbSet<PolicyDocument> Policies => Set<PolicyDocument>();
    public DbSet<Suppression> Suppressions => Set<Suppression>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportRow> ImportRows => Set<ImportRow>();
    public DbSet<LeadOwnershipChange> OwnershipChanges => Set<LeadOwnershipChange>();
    public DbSet<KnownCustomer> KnownCustomers => Set<KnownCustomer>();

    /// <summary>
    /// Saves, writing a row of the ownership history for every lead whose owner changes in this unit of
    /// work (kind and who from <see cref="Lead.OwnershipNote"/>), so the history cannot miss one.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var entry in ChangeTracker.Entries<Lead>().ToList())
        {
            var owner = entry.Property(l => l.OwnerId);
            var from = entry.State == EntityState.Added ? null : owner.OriginalValue;
            if (entry.State is EntityState.Added or EntityState.Modified && from != owner.CurrentValue)
            {
                var lead = entry.Entity;
                var (kind, by) = lead.OwnershipNote ?? (from is null ? "assigned" : "reassigned", "system");
                OwnershipChanges.Add(new LeadOwnershipChange
                {
                    LeadId = lead.Id,
                    FromOwner = from,
                    ToOwner = owner.CurrentValue,
                    Kind = kind,
                    Reason = owner.CurrentValue is null ? lead.QueueReason : lead.AssignmentReason,
                    ChangedBy = by,
                    ChangedAt = lead.UpdatedAt == default ? now : lead.UpdatedAt,
                });
                lead.ClearOwnershipNote();
            }
        }

        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.AddOutboxAndInbox();

        modelBuilder.Entity<KnownCustomer>(known =>
        {
            known.ToTable("known_customers");
            known.HasKey(k => k.CustomerId);
            known.Property(k => k.Name).HasMaxLength(200);
            known.Property(k => k.NameKey).HasMaxLength(200);
            known.Property(k => k.CreditCode).HasMaxLength(18);
            known.HasIndex(k => k.NameKey);
        });

        modelBuilder.Entity<Lead>(lead =>
        {
            lead.ToTable("leads");
            lead.HasKey(l => l.Id);
            lead.Property(l => l.Source).HasMaxLength(40);
            lead.Property(l => l.PurchasingCycle).HasMaxLength(40);
            lead.Property(l => l.Campaign).HasMaxLength(100);
            lead.Property(l => l.Company).HasMaxLength(200);
            lead.Property(l => l.CompanyKey).HasMaxLength(200);
            lead.Property(l => l.IdentityKey).HasMaxLength(401);
            lead.Property(l => l.ContactName).HasMaxLength(200);
            lead.Property(l => l.Email).HasMaxLength(254);
            lead.Property(l => l.Phone).HasMaxLength(20);
            lead.Property(l => l.BudgetCurrency).HasMaxLength(3);
            lead.Property(l => l.LawfulBasis).HasMaxLength(40);
            lead.Property(l => l.Grade).HasMaxLength(10);
            lead.Property(l => l.Score).HasPrecision(7, 2);
            lead.Property(l => l.BudgetAmount).HasPrecision(18, 2);
            lead.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
            lead.Property(l => l.Interactions).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<InteractionCounts>(v, Json)!,
                new ValueComparer<InteractionCounts>((a, b) => a == b, v => v.GetHashCode(), v => v));
            lead.Property(l => l.Breakdown).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<ScoreBreakdown>(v, Json)!,
                new ValueComparer<ScoreBreakdown>((a, b) => ReferenceEquals(a, b), v => v.GetHashCode(), v => v));
            lead.Ignore(l => l.IsOpen);
            lead.HasIndex(l => l.Email);
            // Free-text search of the list (q) in Chinese and English, served by an index.
            lead.HasTextSearch(nameof(Lead.Company), nameof(Lead.ContactName), nameof(Lead.Email));
            lead.HasIndex(l => l.Phone);
            lead.HasIndex(l => l.IdentityKey);
            lead.HasIndex(l => new { l.OwnerId, l.Id });
            // The list's commonest filter, grade, within a scope (owners) and within the unowned queue.
            lead.HasIndex(l => new { l.OwnerId, l.Grade });
            lead.HasIndex(l => l.Collaborators).HasMethod("gin");
            lead.Ignore(l => l.OwnershipNote);
            lead.HasIndex(l => l.LastWorkedAt).HasFilter("owner_id IS NOT NULL");
            lead.HasIndex([nameof(Lead.Grade)], "ix_leads_queue_grade").HasFilter("owner_id IS NULL");
            lead.HasIndex(l => new { l.PartnerId, l.Id });
            lead.HasIndex(l => new { l.Status, l.Id });
            lead.HasIndex(l => l.NextQueueAttemptAt).HasFilter("status = 'Queued'");
            // The SLA job scans only open leads with a running clock.
            lead.HasIndex(l => l.FirstContactDueAt).HasFilter("first_contacted_at IS NULL AND first_contact_breached_at IS NULL");
            lead.HasIndex(l => l.NextFollowUpDueAt).HasFilter("next_follow_up_due_at IS NOT NULL");
        });

        modelBuilder.Entity<LeadActivity>(activity =>
        {
            activity.ToTable("lead_activities");
            activity.HasKey(a => a.Id);
            activity.Property(a => a.Kind).HasMaxLength(20);
            activity.Property(a => a.Outcome).HasMaxLength(2000);
            activity.Property(a => a.NextStep).HasMaxLength(2000);
            activity.HasIndex(a => new { a.LeadId, a.PerformedAt });
            activity.HasOne<Lead>().WithMany().HasForeignKey(a => a.LeadId);
        });

        modelBuilder.Entity<LeadOwnershipChange>(change =>
        {
            change.ToTable("lead_ownership_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.Id).UseIdentityAlwaysColumn();
            change.Property(c => c.Kind).HasMaxLength(20);
            change.Property(c => c.Reason).HasMaxLength(2000);
            change.Property(c => c.ChangedBy).HasMaxLength(200);
            change.HasIndex(c => new { c.LeadId, c.Id });
            // Claims per person per day and the reclaim cool-down read by the one who got or lost the lead.
            change.HasIndex(c => new { c.ToOwner, c.Kind, c.ChangedAt });
            change.HasIndex(c => new { c.FromOwner, c.LeadId, c.ChangedAt });
        });

        modelBuilder.Entity<Suppression>(suppression =>
        {
            suppression.ToTable("suppressions");
            suppression.HasKey(s => s.Value);
            suppression.Property(s => s.Value).HasMaxLength(254);
            suppression.Property(s => s.Reason).HasMaxLength(200);
        });

        modelBuilder.Entity<ImportJob>(job =>
        {
            job.ToTable("import_jobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            job.Property(j => j.FileName).HasMaxLength(260);
            job.Property(j => j.Campaign).HasMaxLength(100);
            job.Property(j => j.Error).HasMaxLength(2000);
        });

        modelBuilder.Entity<ImportRow>(row =>
        {
            row.ToTable("import_rows");
            row.HasKey(r => new { r.JobId, r.RowNumber });
            row.Property(r => r.Raw).HasColumnType("jsonb");
            row.Property(r => r.Outcome).HasMaxLength(20);
            row.Property(r => r.Reason).HasMaxLength(1000);
            row.HasOne<ImportJob>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.AddPolicies();
        modelBuilder.AddNotifications();
        modelBuilder.UseSnakeCaseColumns();
    }
}
