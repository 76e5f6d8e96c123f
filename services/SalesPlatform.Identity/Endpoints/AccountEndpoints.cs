using System.Net;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using SalesPlatform.Identity.Data;
using SalesPlatform.Identity.Domain;

namespace SalesPlatform.Identity.Endpoints;

/// <summary>The staff login page of the authorization code flow (a plain HTML form, no client script).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapGet("/login", (string? returnUrl) => LoginPage(returnUrl, error: null));
        // The form carries no antiforgery token: the cookie is SameSite=Lax and a forged login only
        // signs the victim in as the attacker, which the authorization flow's state parameter catches.
        account.MapPost("/login", Login).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Login(HttpContext context, IdentityDbContext db, IPasswordHasher<StaffUser> hasher,
        CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var returnUrl = form["returnUrl"].ToString();
        var email = StaffUser.NormalizeEmail(form["email"].ToString());
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null || !user.IsActive
            || hasher.VerifyHashedPassword(user, user.PasswordHash, form["password"].ToString()) == PasswordVerificationResult.Failed)
        {
            return LoginPage(returnUrl, "The e-mail or password is wrong.");
        }

        await context.SignInAsync(IdentityServerSetup.LoginScheme, ConnectEndpoints.LoginPrincipal(user));
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    private static IResult LoginPage(string? returnUrl, string? error)
    {
        var safeReturn = WebUtility.HtmlEncode(IsLocal(returnUrl) ? returnUrl : "/");
        var message = error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>SalesPlatform sign-in</title></head>
            <body>
            <h1>Sign in to SalesPlatform</h1>
            {message}
            <form method="post" action="/account/login">
              <input type="hidden" name="returnUrl" value="{safeReturn}">
              <label>E-mail <input name="email" type="email" autocomplete="username" required></label>
              <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
              <button type="submit">Sign in</button>
            </form>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: error is null ? 200 : 400);
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
