using System.Text.Json;
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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<PaymentRecord> Payments => Set<PaymentRecord>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<SurveyResponse> Surveys => Set<SurveyResponse>();

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
            customer.Property(c => c.Contacts).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<List<CustomerContact>>(v, Json) ?? new List<CustomerContact>(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<CustomerContact>>(
                    (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, c) => HashCode.Combine(h, c.GetHashCode())), v => v.ToList()));
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

        modelBuilder.Entity<Customer>().Property(c => c.BlacklistReason).HasMaxLength(500);
        modelBuilder.Entity<Customer>().Property(c => c.BlacklistedBy).HasMaxLength(200);
        modelBuilder.AddPolicies();
        modelBuilder.AddNotifications();
        modelBuilder.UseSnakeCaseColumns();
    }
}
