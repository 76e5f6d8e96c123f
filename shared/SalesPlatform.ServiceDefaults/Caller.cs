using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// Who is calling: the person (team-performance person id), roles and partner, read from the
/// validated token. Minimal-API handlers take it as a parameter (<c>(Caller caller) =&gt; ...</c>)
/// and scope every query by it; gRPC services use <see cref="From"/>.
/// </summary>
/// <param name="PersonId">Staff member's person id (<c>sub</c> or <c>person_id</c> claim), null for partners.</param>
/// <param name="Roles">Roles from <c>role</c> claims.</param>
/// <param name="PartnerId">Partner id (<c>partner_id</c> claim) for partner callers.</param>
/// <param name="Name">Display name or e-mail, for audit trails.</param>
public sealed record Caller(Guid? PersonId, IReadOnlySet<string> Roles, Guid? PartnerId, string? Name)
{
    /// <summary>Claim holding the person id when <c>sub</c> is not a GUID.</summary>
    public const string PersonIdClaim = "person_id";
    /// <summary>Claim holding the partner id.</summary>
    public const string PartnerIdClaim = "partner_id";
    /// <summary>Claim holding roles.</summary>
    public const string RoleClaim = "role";

    /// <summary>True when the caller has <paramref name="role"/>.</summary>
    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>True for administrators.</summary>
    public bool IsAdmin => Roles.Contains(SalesPlatform.Domain.Roles.Admin);

    /// <summary>True for partner identities.</summary>
    public bool IsPartner => PartnerId is not null || Roles.Contains(SalesPlatform.Domain.Roles.Partner);

    /// <summary>True for managers in the sales line (who see a subtree rather than own records).</summary>
    public bool IsManager => SalesPlatform.Domain.Roles.Managers.Any(Roles.Contains);

    /// <summary>The person id, or a 403 when the caller is not a person (a partner, a service).</summary>
    public Guid RequirePerson() =>
        PersonId ?? throw new ForbiddenException("This action needs a signed-in staff member.");

    /// <summary>Reads the caller from a validated principal.</summary>
    public static Caller From(ClaimsPrincipal user)
    {
        var roles = user.FindAll(RoleClaim).Concat(user.FindAll(ClaimTypes.Role))
            .Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var person = ParseGuid(user.FindFirst(PersonIdClaim)?.Value) ?? ParseGuid(user.FindFirst("sub")?.Value)
            ?? ParseGuid(user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        var partner = ParseGuid(user.FindFirst(PartnerIdClaim)?.Value);
        if (partner is not null)
        {
            person = null;
        }

        var name = user.FindFirst("name")?.Value ?? user.FindFirst("email")?.Value ?? user.Identity?.Name;
        return new Caller(person, roles, partner, name);
    }

    /// <summary>Minimal-API binding: a handler parameter of type <see cref="Caller"/> gets the current caller.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(From(context.User));

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
