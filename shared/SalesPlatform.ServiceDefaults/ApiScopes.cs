using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// What a partner API key's scopes allow. A scope names an API by its route prefix and, optionally,
/// read or write: <c>leads</c> (both), <c>leads:read</c> (GET, HEAD, OPTIONS under <c>/api/leads</c>),
/// <c>leads:write</c> (every other method). A key without scopes keeps the partner defaults (each
/// service decides by role); a key with scopes is refused (403) anywhere its scopes do not name.
/// The gateway applies this before forwarding, and every service again on the token it receives.
/// </summary>
public static class ApiScopes
{
    /// <summary>Claim of a partner token naming the API key it was issued for.</summary>
    public const string ApiKeyIdClaim = "api_key_id";

    /// <summary>Scope names and the route prefix each governs.</summary>
    public static readonly IReadOnlyDictionary<string, string> Apis = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["leads"] = "/api/leads",
        ["opportunities"] = "/api/opportunities",
        ["contracts"] = "/api/contracts",
        ["customers"] = "/api/customers",
        ["performance"] = "/api/performance",
        ["analytics"] = "/api/analytics",
    };

    /// <summary>Every scope a key may be given.</summary>
    public static IEnumerable<string> All => Apis.Keys.SelectMany(api => new[] { api, api + ":read", api + ":write" });

    /// <summary>Null when every scope is known, else a message naming the unknown ones and the valid ones.</summary>
    public static string? Validate(IEnumerable<string> scopes)
    {
        var unknown = scopes.Where(s => !All.Contains(s, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0 ? null
            : $"Unknown scope(s) {string.Join(", ", unknown)}; a scope is one of {string.Join(", ", All)}.";
    }

    /// <summary>
    /// The scope a request needs and the key does not have (for example <c>leads:write</c>), or null
    /// when <paramref name="granted"/> allows it or is empty (partner defaults).
    /// </summary>
    public static string? Missing(IReadOnlyCollection<string> granted, string method, PathString path)
    {
        var keyScopes = granted.Where(s => All.Contains(s, StringComparer.Ordinal)).ToList();
        if (keyScopes.Count == 0)
        {
            return null;
        }

        var api = Apis.FirstOrDefault(a => path.StartsWithSegments(a.Value, StringComparison.OrdinalIgnoreCase)).Key;
        if (api is null)
        {
            return $"a scope for {path}";
        }

        var access = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? "read" : "write";
        var needed = $"{api}:{access}";
        return keyScopes.Contains(api) || keyScopes.Contains(needed) ? null : needed;
    }

    /// <summary>The scopes of a validated token (<c>scope</c> claims, space-separated or repeated).</summary>
    public static IReadOnlyCollection<string> Of(ClaimsPrincipal user) =>
        [.. user.FindAll("scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct()];

    /// <summary>The 403 problem details for a request outside the key's scopes.</summary>
    public static IResult Refusal(string missing) => Results.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "The API key's scopes do not allow this.",
        detail: $"This API key lacks the scope {missing}; ask an administrator for a key with it.",
        extensions: new Dictionary<string, object?> { ["missingScope"] = missing });
}

/// <summary>Refuses a request made with an API-key token outside that key's scopes (see <see cref="ApiScopes"/>).</summary>
public sealed class ApiKeyScopeMiddleware(RequestDelegate next)
{
    /// <summary>Checks the scopes of an API-key token, then calls the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(c => c.Type == ApiScopes.ApiKeyIdClaim)
            && ApiScopes.Missing(ApiScopes.Of(context.User), context.Request.Method, context.Request.Path) is { } missing)
        {
            await ApiScopes.Refusal(missing).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
