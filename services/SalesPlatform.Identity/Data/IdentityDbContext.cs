using Microsoft.EntityFrameworkCore;

using SalesPlatform.Identity.Domain;

namespace SalesPlatform.Identity.Data;

/// <summary>Users, partners, API keys and OpenIddict's applications, authorizations, scopes and tokens.</summary>
/// <remarks>
/// New migration (from the repository root):
/// <c>dotnet ef migrations add &lt;Name&gt; --project services/SalesPlatform.Identity --output-dir Data/Migrations</c>
/// </remarks>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    public DbSet<StaffUser> Users => Set<StaffUser>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict();

        modelBuilder.Entity<StaffUser>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Email).HasMaxLength(256);
            user.HasIndex(u => u.Email).IsUnique();
            user.Property(u => u.Name).HasMaxLength(200);
            user.Property(u => u.PasswordHash).HasMaxLength(512);
        });

        modelBuilder.Entity<Partner>(partner =>
        {
            partner.ToTable("partners");
            partner.HasKey(p => p.Id);
            partner.Property(p => p.Name).HasMaxLength(200);
            partner.Property(p => p.Tier).HasMaxLength(50);
            partner.Property(p => p.ClientId).HasMaxLength(100);
            partner.HasIndex(p => p.ClientId).IsUnique();
        });

        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Name).HasMaxLength(200);
            key.Property(k => k.Prefix).HasMaxLength(16);
            key.HasIndex(k => k.Prefix).IsUnique();
            key.Property(k => k.SecretHash).HasMaxLength(64);
            key.HasOne<Partner>().WithMany().HasForeignKey(k => k.PartnerId);
        });
    }
}
