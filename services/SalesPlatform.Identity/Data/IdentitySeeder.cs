using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using OpenIddict.Abstractions;

using SalesPlatform.Identity.Domain;
using SalesPlatform.Identity.Endpoints;
using SalesPlatform.ServiceDefaults;

using static OpenIddict.Abstractions.OpenIddictConstants;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Data;

/// <summary>
/// Registers the first-party clients at every start and, in development (or with
/// <c>Seed:DemoData=true</c>), the demo organisation's users, the demo partner, its API key and
/// its client. Idempotent: existing rows are left as they are.
/// </summary>
public sealed partial class IdentitySeeder(IServiceProvider services, IHostEnvironment environment,
    IOptions<IdentityServiceOptions> options, IOptions<SeedOptions> seed, ILogger<IdentitySeeder> logger) : IHostedService
{
    /// <summary>Transaction-scoped PostgreSQL advisory lock that serialises seeding across replicas.</summary>
    private const string SeedLock = "SELECT pg_advisory_xact_lock(1397759233)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();

        // Replicas starting together seed one after the other (OpenIddict's stores share this scope's DbContext).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(SeedLock, cancellationToken);
        await SeedClientsAsync(applications, cancellationToken);

        if (environment.IsDevelopment() || seed.Value.DemoData)
        {
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<StaffUser>>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await SeedDemoOrganizationAsync(db, hasher, applications, clock.GetUtcNow(), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedClientsAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var web = new OpenIddictApplicationDescriptor
        {
            ClientId = IdentityClients.Web,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "SalesPlatform web console",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in options.Value.WebRedirectUris)
        {
            web.RedirectUris.Add(new Uri(uri));
        }

        foreach (var uri in options.Value.WebPostLogoutRedirectUris)
        {
            web.PostLogoutRedirectUris.Add(new Uri(uri));
        }

        await UpsertAsync(applications, web, cancellationToken);

        var cli = new OpenIddictApplicationDescriptor
        {
            ClientId = IdentityClients.Cli,
            ClientType = ClientTypes.Public,
            DisplayName = "SalesPlatform scripts (development)",
            Permissions =
            {
                Permissions.Endpoints.Token, Permissions.GrantTypes.RefreshToken,
                Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles,
            },
        };
        if (environment.IsDevelopment())
        {
            cli.Permissions.Add(Permissions.GrantTypes.Password);
        }

        await UpsertAsync(applications, cli, cancellationToken);

        if (!string.IsNullOrWhiteSpace(options.Value.GatewayClientSecret))
        {
            await UpsertAsync(applications, new OpenIddictApplicationDescriptor
            {
                ClientId = IdentityClients.Gateway,
                ClientSecret = options.Value.GatewayClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "SalesPlatform gateway (API keys)",
                Permissions = { Permissions.Endpoints.Token, Permissions.Prefixes.GrantType + IdentityClients.ApiKeyGrantType },
            }, cancellationToken);
        }
    }

    private async Task SeedDemoOrganizationAsync(IdentityDbContext db, IPasswordHasher<StaffUser> hasher,
        IOpenIddictApplicationManager applications, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.Users.Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var person in DemoOrganization.People.Where(p => !existing.Contains(p.Id)))
        {
            var user = new StaffUser(person.Id, person.Email, person.Name, [person.Role], now);
            user.SetPasswordHash(hasher.HashPassword(user, DemoOrganization.Password));
            db.Users.Add(user);
        }

        var partner = await db.Partners.FindAsync([DemoOrganization.PartnerId], cancellationToken);
        if (partner is null)
        {
            partner = new Partner(DemoOrganization.PartnerId, DemoOrganization.PartnerName, "standard", now);
            db.Partners.Add(partner);
        }

        if (!string.IsNullOrWhiteSpace(seed.Value.DemoPartnerClientSecret) && partner.ClientId is null
            && await applications.FindByClientIdAsync(IdentityClients.DemoPartner, cancellationToken) is null)
        {
            await applications.CreateAsync(PartnerEndpoints.PartnerClient(IdentityClients.DemoPartner,
                seed.Value.DemoPartnerClientSecret, DemoOrganization.PartnerName), cancellationToken);
            partner.AttachClient(IdentityClients.DemoPartner);
        }

        if (ApiKeyText.TryGetPrefix(seed.Value.DemoPartnerApiKey) is { } prefix)
        {
            if (!await db.ApiKeys.AnyAsync(k => k.Prefix == prefix, cancellationToken))
            {
                db.ApiKeys.Add(ApiKey.FromPlainText(DemoOrganization.PartnerId, "demo key", seed.Value.DemoPartnerApiKey!,
                    ["leads:read", "leads:write"], expiresAt: null, now));
            }

            LogDemoKey(logger, DemoOrganization.PartnerName, seed.Value.DemoPartnerApiKey!);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor,
        CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (application is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(application, descriptor, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo partner {Partner} API key (development only): {ApiKey}")]
    private static partial void LogDemoKey(ILogger logger, string partner, string apiKey);
}
