using SalesPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Messaging;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Data;

/// <summary>The team performance database: org, targets, KPI facts, plans, partners, policies, outbox and inbox.</summary>
/// <remarks>
/// New migration (from the repository root):
/// <c>dotnet dotnet-ef migrations add &lt;Name&gt; --project services/SalesPlatform.TeamPerformance --output-dir Data/Migrations</c>
/// </remarks>
public sealed class TeamPerformanceDbContext(DbContextOptions<TeamPerformanceDbContext> options) : DbContext(options)
{
    public DbSet<OrgUnit> Units => Set<OrgUnit>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<LeadLoad> LeadLoads => Set<LeadLoad>();
    public DbSet<KpiFact> Facts => Set<KpiFact>();
    public DbSet<PipelineEntry> Pipeline => Set<PipelineEntry>();
    public DbSet<OverdueSnapshot> OverdueSnapshots => Set<OverdueSnapshot>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<ImprovementPlan> ImprovementPlans => Set<ImprovementPlan>();
    public DbSet<Partner> Partners => Set<Partner>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();

        modelBuilder.Entity<OrgUnit>(unit =>
        {
            unit.ToTable("units");
            unit.HasKey(u => u.Id);
            unit.Property(u => u.Name).HasMaxLength(200);
            unit.Property(u => u.Level).HasMaxLength(20);
            unit.Property(u => u.Path).HasMaxLength(400);
            unit.Property(u => u.NamePath).HasMaxLength(1000);
            // text_pattern_ops lets "path LIKE 'prefix%'" use the index: a subtree is one range scan.
            unit.HasIndex(u => u.Path).HasOperators("text_pattern_ops");
            unit.HasIndex(u => u.ParentId);
        });

        modelBuilder.Entity<Person>(person =>
        {
            person.ToTable("people");
            person.HasKey(p => p.Id);
            person.Property(p => p.Name).HasMaxLength(200);
            person.Property(p => p.Email).HasMaxLength(320);
            person.Property(p => p.Role).HasMaxLength(40);
            person.Property(p => p.Specialty).HasMaxLength(40);
            person.Property(p => p.Path).HasMaxLength(1200);
            person.HasIndex(p => p.Path).HasOperators("text_pattern_ops");
            person.HasIndex(p => p.UnitId);
            person.HasIndex(p => p.ManagerId);
            person.HasIndex(p => p.Email).IsUnique();
            person.HasIndex(p => new { p.Role, p.Active });
            person.OwnsMany(p => p.Territories, territory =>
            {
                territory.ToTable("person_territories");
                territory.WithOwner().HasForeignKey("PersonId");
                territory.Property<int>("Id").ValueGeneratedOnAdd();
                territory.HasKey("Id");
                territory.Property(t => t.Region).HasMaxLength(100);
                territory.Property(t => t.Province).HasMaxLength(100);
                territory.Property(t => t.City).HasMaxLength(100);
                territory.HasIndex(t => t.Region);
                territory.Ignore(t => t.Specificity);
            });
        });

        modelBuilder.Entity<LeadLoad>(load =>
        {
            load.ToTable("lead_loads");
            load.HasKey(l => l.LeadId);
            load.HasIndex(l => new { l.OwnerId, l.Open });
            load.HasIndex(l => l.PartnerId);
        });

        modelBuilder.Entity<KpiFact>(fact =>
        {
            fact.Property(f => f.Detail).HasMaxLength(40);
            fact.HasIndex(f => new { f.Kind, f.SubjectId });
            fact.ToTable("kpi_facts");
            fact.HasKey(f => f.Id);
            fact.Property(f => f.Kind).HasMaxLength(40);
            fact.Property(f => f.Currency).HasMaxLength(3);
            fact.Property(f => f.Amount).HasPrecision(18, 2);
            fact.Property(f => f.Days).HasPrecision(10, 2);
            fact.HasIndex(f => new { f.PersonId, f.Month });
            fact.HasIndex(f => new { f.PartnerId, f.Month });
            fact.HasIndex(f => new { f.EventId, f.Kind }).IsUnique();
        });

        modelBuilder.Entity<PipelineEntry>(pipeline =>
        {
            pipeline.ToTable("pipeline");
            pipeline.HasKey(p => p.OpportunityId);
            pipeline.Property(p => p.Stage).HasMaxLength(60);
            pipeline.Property(p => p.Currency).HasMaxLength(3);
            pipeline.Property(p => p.Amount).HasPrecision(18, 2);
            pipeline.Property(p => p.WinProbability).HasPrecision(5, 4);
            pipeline.HasIndex(p => p.OwnerId);
        });

        modelBuilder.Entity<OverdueSnapshot>(overdue =>
        {
            overdue.ToTable("overdue_snapshots");
            overdue.HasKey(o => new { o.OwnerId, o.Month });
            overdue.Property(o => o.Currency).HasMaxLength(3);
            overdue.Property(o => o.Amount).HasPrecision(18, 2);
        });

        modelBuilder.Entity<Target>(target =>
        {
            target.ToTable("targets");
            target.HasKey(t => t.Id);
            target.Property(t => t.Metric).HasMaxLength(40);
            target.Property(t => t.Product).HasMaxLength(100);
            target.Property(t => t.Currency).HasMaxLength(3);
            target.Property(t => t.Amount).HasPrecision(18, 2);
            target.Property(t => t.Weight).HasPrecision(18, 6);
            target.Property(t => t.Specific).HasMaxLength(500);
            target.Property(t => t.Measure).HasMaxLength(500);
            target.Property(t => t.Achievable).HasMaxLength(500);
            target.Property(t => t.Relevant).HasMaxLength(500);
            target.Property(t => t.CreatedBy).HasMaxLength(200);
            target.HasIndex(t => t.ParentId);
            target.HasIndex(t => new { t.Metric, t.Year, t.PersonId });
            target.HasIndex(t => new { t.Metric, t.Year, t.UnitId });
            target.HasIndex(t => new { t.Metric, t.Year, t.PartnerId });
            target.OwnsMany(t => t.Adjustments, adjustment =>
            {
                adjustment.ToTable("target_adjustments");
                adjustment.WithOwner().HasForeignKey(a => a.TargetId);
                adjustment.HasKey(a => a.Id);
                // Ids are set by the domain: a new adjustment in the collection is an insert, not an update.
                adjustment.Property(a => a.Id).ValueGeneratedNever();
                adjustment.Property(a => a.OldAmount).HasPrecision(18, 2);
                adjustment.Property(a => a.NewAmount).HasPrecision(18, 2);
                adjustment.Property(a => a.Reason).HasMaxLength(1000);
                adjustment.Property(a => a.AdjustedBy).HasMaxLength(200);
            });
        });

        modelBuilder.Entity<ImprovementPlan>(plan =>
        {
            plan.ToTable("improvement_plans");
            plan.HasKey(p => p.Id);
            plan.Property(p => p.TriggerPeriod).HasMaxLength(10);
            plan.Property(p => p.Reason).HasMaxLength(1000);
            plan.Property(p => p.Status).HasMaxLength(20);
            plan.Property(p => p.Quadrant).HasMaxLength(40);
            plan.HasIndex(p => new { p.PersonId, p.Status });
            plan.HasIndex(p => p.ManagerId);
        });

        modelBuilder.Entity<Partner>(partner =>
        {
            partner.ToTable("partners");
            partner.HasKey(p => p.Id);
            partner.Property(p => p.Name).HasMaxLength(200);
            partner.Property(p => p.Kind).HasMaxLength(20);
            partner.Property(p => p.Tier).HasMaxLength(20);
            partner.Property(p => p.Region).HasMaxLength(100);
            partner.Property(p => p.Province).HasMaxLength(100);
            partner.Property(p => p.City).HasMaxLength(100);
        });

        modelBuilder.AddPolicies();
        modelBuilder.UseSnakeCaseColumns();
    }
}
