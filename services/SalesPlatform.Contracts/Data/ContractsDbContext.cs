using Microsoft.EntityFrameworkCore;
using SalesPlatform.Contracts.Domain;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Contracts.Data;

/// <summary>The contracts database (<c>contractsdb</c>).</summary>
/// <remarks>New migration: <c>dotnet ef migrations add Name --output-dir Data/Migrations</c> with <c>Auth__Authority</c> and <c>ConnectionStrings__*</c> set to anything.</remarks>
public sealed class ContractsDbContext(DbContextOptions<ContractsDbContext> options) : DbContext(options)
{
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<ContractApproval> Approvals => Set<ContractApproval>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<Instalment> Instalments => Set<Instalment>();
    public DbSet<PaymentEntry> Payments => Set<PaymentEntry>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<OverdueAction> OverdueActions => Set<OverdueAction>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Contract>(c =>
        {
            c.ToTable("contracts");
            c.HasKey(x => x.Id);
            c.Property(x => x.Number).HasMaxLength(40);
            c.Property(x => x.Title).HasMaxLength(200);
            c.Property(x => x.CustomerName).HasMaxLength(200);
            c.Property(x => x.Currency).HasMaxLength(3);
            c.Property(x => x.Status).HasMaxLength(20);
            c.Property(x => x.ApprovalStatus).HasMaxLength(20);
            c.Property(x => x.RiskRating).HasMaxLength(10);
            c.Property(x => x.RejectionReason).HasMaxLength(2000);
            c.Property(x => x.PriceAdjustmentClause).HasMaxLength(2000);
            c.Property(x => x.PenaltyClause).HasMaxLength(2000);
            c.Property(x => x.SignedBy).HasMaxLength(200);
            c.Property(x => x.DocumentSha256).HasMaxLength(64);
            c.Property(x => x.Amount).HasPrecision(20, 2);
            c.Property(x => x.Cost).HasPrecision(20, 2);
            c.Property(x => x.DepositShare).HasPrecision(5, 4);
            c.Property(x => x.Lines).HasJsonConversion();
            c.Property(x => x.RequiredSteps).HasJsonConversion();
            c.Property(x => x.Legal).HasJsonConversion();
            c.Ignore(x => x.IsSigned);
            c.HasIndex(x => new { x.Number, x.Version }).IsUnique();
            c.HasIndex(x => x.OpportunityId).IsUnique().HasFilter("opportunity_id IS NOT NULL AND version = 1");
            c.HasIndex(x => new { x.OwnerId, x.Id });
            c.HasIndex(x => new { x.PartnerId, x.Id });
            c.HasIndex(x => x.CustomerId);
            c.HasTextSearch(nameof(Contract.Title), nameof(Contract.CustomerName), nameof(Contract.Number));
        });

        modelBuilder.Entity<ContractApproval>(a =>
        {
            a.ToTable("contract_approvals");
            a.HasKey(x => x.Id);
            a.Property(x => x.Role).HasMaxLength(40);
            a.Property(x => x.By).HasMaxLength(200);
            a.Property(x => x.Comment).HasMaxLength(2000);
            // Once per role per round, kept by the database.
            a.HasIndex(x => new { x.ContractId, x.Round, x.Role }).IsUnique();
        });

        modelBuilder.Entity<AuditEntry>(a =>
        {
            a.ToTable("contract_audit");
            a.HasKey(x => x.Id);
            a.Property(x => x.Action).HasMaxLength(60);
            a.Property(x => x.By).HasMaxLength(200);
            a.Property(x => x.Comment).HasMaxLength(2000);
            a.HasIndex(x => new { x.ContractId, x.Id });
        });

        modelBuilder.Entity<Instalment>(i =>
        {
            i.ToTable("instalments");
            i.HasKey(x => x.Id);
            i.Property(x => x.Status).HasMaxLength(20);
            i.Property(x => x.Amount).HasPrecision(20, 2);
            i.Property(x => x.Paid).HasPrecision(20, 2);
            i.Ignore(x => x.Outstanding);
            i.HasIndex(x => new { x.ContractId, x.Sequence }).IsUnique();
            i.HasIndex(x => x.DueDate);
        });

        modelBuilder.Entity<PaymentEntry>(p =>
        {
            p.ToTable("payments");
            p.HasKey(x => x.Id);
            p.Property(x => x.Amount).HasPrecision(20, 2);
            p.Property(x => x.Currency).HasMaxLength(3);
            p.Property(x => x.Reference).HasMaxLength(100);
            p.Property(x => x.RecordedBy).HasMaxLength(200);
            p.HasIndex(x => x.ContractId);
        });

        modelBuilder.Entity<Invoice>(i =>
        {
            i.ToTable("invoices");
            i.HasKey(x => x.Id);
            i.Property(x => x.Number).HasMaxLength(40);
            i.Property(x => x.Kind).HasMaxLength(20);
            i.Property(x => x.Title).HasMaxLength(200);
            i.Property(x => x.TaxId).HasMaxLength(18);
            i.Property(x => x.IssuedBy).HasMaxLength(200);
            i.Property(x => x.Amount).HasPrecision(20, 2);
            i.Property(x => x.Tax).HasPrecision(20, 2);
            i.Property(x => x.TaxRate).HasPrecision(5, 4);
            i.HasIndex(x => x.Number).IsUnique();
            i.HasIndex(x => x.ContractId);
        });

        modelBuilder.Entity<OverdueAction>(a =>
        {
            a.ToTable("overdue_actions");
            a.HasKey(x => x.Id);
            a.Property(x => x.Key).HasMaxLength(60);
            a.HasIndex(x => new { x.InstalmentId, x.Key }).IsUnique();
        });

        modelBuilder.AddPolicies();
        modelBuilder.AddNotifications();
        modelBuilder.UseSnakeCaseColumns();
    }

    /// <summary>Writes an audit row for the contract in this unit of work.</summary>
    public void Record(Guid contractId, string action, string by, string? comment, DateTimeOffset at) =>
        Audit.Add(new AuditEntry { ContractId = contractId, Action = action, By = by, Comment = comment, At = at });
}
