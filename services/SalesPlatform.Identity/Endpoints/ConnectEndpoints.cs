using System.Security.Claims;

using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

using SalesPlatform.Identity.Data;
using SalesPlatform.Identity.Domain;
using SalesPlatform.ServiceDefaults;

using static OpenIddict.Abstractions.OpenIddictConstants;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Endpoints;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through to us: token (password in development,
/// authorization code, refresh token, client credentials, API key), authorize and logout. OpenIddict
/// has validated the request (client, secret, PKCE, grant permissions) before these run.
/// </summary>
public static class ConnectEndpoints
{
    private const string Server = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", ExchangeToken).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize)
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)Logout)
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExchangeToken(HttpContext context, IdentityDbContext db,
        IPasswordHasher<StaffUser> hasher, TimeProvider clock, IOptions<AuthOptions> auth,
        IOptions<IdentityServiceOptions> options, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var audience = auth.Value.Audience;

        if (request.IsPasswordGrantType())
        {
            var email = StaffUser.NormalizeEmail(request.Username ?? "");
            var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
            if (user is null || !user.IsActive
                || hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password ?? "") == PasswordVerificationResult.Failed)
            {
                return Reject(Errors.InvalidGrant, "The e-mail or password is wrong.");
            }

            return Results.SignIn(TokenPrincipals.ForStaff(user, request.GetScopes(), audience), authenticationScheme: Server);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The code or refresh token was validated by OpenIddict; reload the user so a
            // deactivated account or changed roles take effect at the next refresh.
            var previous = (await context.AuthenticateAsync(Server)).Principal;
            var user = Guid.TryParse(previous?.GetClaim(Claims.Subject), out var id)
                ? await db.Users.FindAsync([id], cancellationToken)
                : null;
            if (user is null || !user.IsActive || previous is null)
            {
                return Reject(Errors.InvalidGrant, "The account no longer exists or is disabled.");
            }

            return Results.SignIn(TokenPrincipals.ForStaff(user, previous.GetScopes(), audience), authenticationScheme: Server);
        }

        if (request.IsClientCredentialsGrantType())
        {
            var partner = await db.Partners.SingleOrDefaultAsync(p => p.ClientId == request.ClientId, cancellationToken);
            if (partner is null)
            {
                return Reject(Errors.UnauthorizedClient, "This client is not linked to a partner.");
            }

            return Results.SignIn(TokenPrincipals.ForPartner(partner, request.GetScopes(), audience), authenticationScheme: Server);
        }

        if (request.GrantType == IdentityClients.ApiKeyGrantType)
        {
            var plain = (string?)request["api_key"];
            var prefix = ApiKeyText.TryGetPrefix(plain);
            var key = prefix is null ? null : await db.ApiKeys.SingleOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
            if (key is null || !key.Matches(plain!) || !key.IsUsableAt(clock.GetUtcNow()))
            {
                return Reject(Errors.InvalidGrant, "The API key is unknown, expired or revoked.");
            }

            var partner = await db.Partners.SingleAsync(p => p.Id == key.PartnerId, cancellationToken);
            var principal = TokenPrincipals.ForPartner(partner, key.Scopes, audience, key);
            principal.SetAccessTokenLifetime(options.Value.ApiKeyTokenLifetime);
            return Results.SignIn(principal, authenticationScheme: Server);
        }

        return Reject(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static async Task<IResult> Authorize(HttpContext context, IdentityDbContext db, IOptions<AuthOptions> auth,
        CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var login = await context.AuthenticateAsync(IdentityServerSetup.LoginScheme);
        var user = login.Succeeded && Guid.TryParse(login.Principal.GetClaim(Claims.Subject), out var id)
            ? await db.Users.FindAsync([id], cancellationToken)
            : null;
        if (user is null || !user.IsActive)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Reject(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back to this same authorization request after the login page.
            var parameters = context.Request.HasFormContentType
                ? context.Request.Form.Select(p => KeyValuePair.Create(p.Key, p.Value))
                : context.Request.Query.Select(p => KeyValuePair.Create(p.Key, p.Value));
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityServerSetup.LoginScheme]);
        }

        return Results.SignIn(TokenPrincipals.ForStaff(user, request.GetScopes(), auth.Value.Audience), authenticationScheme: Server);
    }

    private static async Task<IResult> Logout(HttpContext context)
    {
        await context.SignOutAsync(IdentityServerSetup.LoginScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [Server]);
    }

    private static IResult Reject(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [Server]);

    /// <summary>Principal of the login cookie: the person id and display name.</summary>
    public static ClaimsPrincipal LoginPrincipal(StaffUser user)
    {
        var identity = new ClaimsIdentity(IdentityServerSetup.LoginScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString()).SetClaim(Claims.Name, user.Name);
        return new ClaimsPrincipal(identity);
    }
}
