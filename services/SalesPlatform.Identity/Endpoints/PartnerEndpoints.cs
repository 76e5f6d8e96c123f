using System.Security.Cryptography;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using OpenIddict.Abstractions;

using SalesPlatform.Identity.Data;
using SalesPlatform.Identity.Domain;
using SalesPlatform.ServiceDefaults;

using static OpenIddict.Abstractions.OpenIddictConstants;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Endpoints;

/// <summary>Admin API for partners, their API keys and their client-credentials clients.</summary>
public static class PartnerEndpoints
{
    public sealed record CreatePartnerRequest(string? Name, string? Tier);

    public sealed record PartnerDto(Guid Id, string Name, string Tier, string? ClientId, DateTimeOffset CreatedAt)
    {
        public static PartnerDto From(Partner partner) =>
            new(partner.Id, partner.Name, partner.Tier, partner.ClientId, partner.CreatedAt);
    }

    public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);

    public sealed record ApiKeyDto(Guid Id, Guid PartnerId, string Name, string Prefix, IReadOnlyList<string> Scopes,
        DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset CreatedAt)
    {
        public static ApiKeyDto From(ApiKey key) =>
            new(key.Id, key.PartnerId, key.Name, key.Prefix, key.Scopes, key.ExpiresAt, key.RevokedAt, key.CreatedAt);
    }

    /// <summary>A new key: <see cref="Key"/> is shown this once and never again.</summary>
    public sealed record CreatedApiKey(ApiKeyDto ApiKey, string Key);

    /// <summary>A new client: <see cref="ClientSecret"/> is shown this once and never again.</summary>
    public sealed record CreatedClient(string ClientId, string ClientSecret);

    public static IEndpointRouteBuilder MapPartnerEndpoints(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/api/identity/partners").RequireAuthorization(Policies.Admin).WithTags("Partners");
        partners.MapPost("/", CreatePartner).WithRequestExample(new { name = "Jiangsu Industrial Distribution Co.", tier = "premium" });
        partners.MapGet("/", ListPartners);
        partners.MapPost("/{partnerId:guid}/api-keys", CreateApiKey)
            .WithRequestExample(new { name = "portal-production", scopes = new[] { "leads" }, expiresAt = "2027-12-31T00:00:00Z" });
        partners.MapGet("/{partnerId:guid}/api-keys", ListApiKeys);
        partners.MapDelete("/{partnerId:guid}/api-keys/{keyId:guid}", RevokeApiKey);
        partners.MapPost("/{partnerId:guid}/client", CreateClient);
        return app;
    }

    private static async Task<Created<PartnerDto>> CreatePartner(CreatePartnerRequest request, IdentityDbContext db,
        TimeProvider clock, IOptions<IdentityServiceOptions> options, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            throw new RequestValidationException("name", "A partner needs a name of at most 200 characters.");
        }

        var tier = request.Tier?.Trim() ?? "standard";
        if (!options.Value.PartnerTiers.Contains(tier))
        {
            throw new RequestValidationException("tier", $"The tier must be one of: {string.Join(", ", options.Value.PartnerTiers)}.");
        }

        var partner = new Partner(Guid.CreateVersion7(), name, tier, clock.GetUtcNow());
        db.Partners.Add(partner);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/identity/partners/{partner.Id}", PartnerDto.From(partner));
    }

    private static async Task<Ok<ListPage<PartnerDto>>> ListPartners(ListQuery list, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var partners = db.Partners.AsNoTracking();
        if (list.Pattern is { } pattern)
        {
            partners = partners.Where(p => EF.Functions.ILike(p.Name, pattern));
        }

        return TypedResults.Ok(await partners.ToPageAsync(list, p => p.Id, PartnerDto.From, cancellationToken, ListSort.Oldest));
    }

    private static async Task<Created<CreatedApiKey>> CreateApiKey(Guid partnerId, CreateApiKeyRequest request,
        IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await RequirePartner(db, partnerId, cancellationToken);
        var now = clock.GetUtcNow();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            throw new RequestValidationException("name", "An API key needs a name of at most 200 characters.");
        }

        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            throw new RequestValidationException("expiresAt", "The expiry must be in the future.");
        }

        var scopes = request.Scopes ?? [];
        if (ApiScopes.Validate(scopes) is { } scopeError)
        {
            throw new RequestValidationException("scopes", scopeError);
        }

        var (key, plainText) = ApiKey.Issue(partnerId, name, scopes, request.ExpiresAt?.ToUniversalTime(), now);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/identity/partners/{partnerId}/api-keys/{key.Id}",
            new CreatedApiKey(ApiKeyDto.From(key), plainText));
    }

    private static async Task<Ok<ListPage<ApiKeyDto>>> ListApiKeys(Guid partnerId, ListQuery list, IdentityDbContext db,
        CancellationToken cancellationToken)
    {
        await RequirePartner(db, partnerId, cancellationToken);
        var keys = db.ApiKeys.AsNoTracking().Where(k => k.PartnerId == partnerId);
        if (list.Pattern is { } pattern)
        {
            keys = keys.Where(k => EF.Functions.ILike(k.Name, pattern) || EF.Functions.ILike(k.Prefix, pattern));
        }

        return TypedResults.Ok(await keys.ToPageAsync(list, k => k.Id, ApiKeyDto.From, cancellationToken, ListSort.Oldest));
    }

    private static async Task<NoContent> RevokeApiKey(Guid partnerId, Guid keyId, IdentityDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.PartnerId == partnerId, cancellationToken)
            ?? throw new NotFoundException("API key", keyId);
        key.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Created<CreatedClient>> CreateClient(Guid partnerId, IdentityDbContext db,
        IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var partner = await RequirePartner(db, partnerId, cancellationToken);
        if (partner.ClientId is not null)
        {
            throw new ConflictException("partner_has_client", $"Partner {partnerId} already has the client {partner.ClientId}.");
        }

        var clientId = $"partner-{partner.Id:N}";
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await applications.CreateAsync(PartnerClient(clientId, secret, partner.Name), cancellationToken);
        partner.AttachClient(clientId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/identity/partners/{partnerId}", new CreatedClient(clientId, secret));
    }

    /// <summary>A confidential client that may only use the client-credentials grant.</summary>
    public static OpenIddictApplicationDescriptor PartnerClient(string clientId, string secret, string displayName) => new()
    {
        ClientId = clientId,
        ClientSecret = secret,
        ClientType = ClientTypes.Confidential,
        DisplayName = displayName,
        Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
    };

    private static async Task<Partner> RequirePartner(IdentityDbContext db, Guid partnerId, CancellationToken cancellationToken) =>
        await db.Partners.FindAsync([partnerId], cancellationToken) ?? throw new NotFoundException("Partner", partnerId);
}
