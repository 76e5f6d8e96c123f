using System.Security.Claims;

using OpenIddict.Abstractions;

using SalesPlatform.Identity.Domain;
using SalesPlatform.ServiceDefaults;

using static OpenIddict.Abstractions.OpenIddictConstants;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Endpoints;

/// <summary>Builds the claims of issued tokens: <c>sub</c>, <c>name</c>, <c>email</c>, <c>role</c>, <c>partner_id</c>.</summary>
public static class TokenPrincipals
{
    public static ClaimsPrincipal ForStaff(StaffUser user, IEnumerable<string> scopes, string audience)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.Email, user.Email)
            .SetClaims(Claims.Role, [.. user.Roles]);
        return Finish(identity, scopes, audience);
    }

    public static ClaimsPrincipal ForPartner(Partner partner, IEnumerable<string> scopes, string audience, ApiKey? key = null)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, partner.Id.ToString())
            .SetClaim(Claims.Name, partner.Name)
            .SetClaim(Caller.PartnerIdClaim, partner.Id.ToString())
            .SetClaim(IdentityClients.PartnerTierClaim, partner.Tier)
            .SetClaims(Claims.Role, [Roles.Partner]);
        if (key is not null)
        {
            identity.SetClaim(IdentityClients.ApiKeyIdClaim, key.Id.ToString());
        }

        return Finish(identity, scopes, audience);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(authenticationType: "SalesPlatform", nameType: Claims.Name, roleType: Claims.Role);

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes, string audience)
    {
        identity.SetScopes(scopes);
        identity.SetAudiences(audience);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Email or Claims.Role when identity.HasScope(Scopes.OpenId) =>
                [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }
}
