using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SalesPlatform.Testing;

/// <summary>
/// JWTs for any role, signed (HS256) with the test key that services accept when configured with
/// <see cref="AuthSettings"/> (<c>Auth:SigningKey</c>, <c>Auth:Issuer</c>, <c>Auth:Audience</c>).
/// </summary>
public static class TestTokens
{
    /// <summary>Symmetric signing key generated for this test run (never committed; 64 hex characters).</summary>
    public static string SigningKey { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Token issuer (the services' default <c>Auth:Issuer</c>).</summary>
    public const string Issuer = "salesplatform-dev";

    /// <summary>Token audience (the services' default <c>Auth:Audience</c>).</summary>
    public const string Audience = "salesplatform";

    /// <summary>The signing key as a security key.</summary>
    public static SymmetricSecurityKey SecurityKey { get; } = new(Encoding.UTF8.GetBytes(SigningKey));

    /// <summary>
    /// A token signed with <paramref name="key"/> instead of this run's key, as an attacker would make
    /// one (for example with a key that was once committed).
    /// </summary>
    public static string Forge(string key, string role = "admin", string issuer = Issuer) =>
        Sign(new Dictionary<string, object> { ["sub"] = Guid.CreateVersion7().ToString(), ["role"] = role, ["name"] = "forged" },
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), issuer, TimeSpan.FromHours(1));

    /// <summary>
    /// Creates a signed token with claims <c>sub</c> and <c>person_id</c> (the person, a new id when
    /// not given; omitted from <c>person_id</c> for partners), <c>role</c>, <c>partner_id</c> (given,
    /// or a new id for role <c>partner</c>), <c>name</c>, <c>iss</c>, <c>aud</c> and <c>exp</c>
    /// (default lifetime one hour).
    /// </summary>
    public static string Create(string role, Guid? personId = null, Guid? partnerId = null, string? name = null,
        TimeSpan? lifetime = null)
    {
        var partner = partnerId ?? (role == "partner" ? Guid.CreateVersion7() : null);
        var person = personId ?? Guid.CreateVersion7();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = (partner ?? person).ToString(),
            ["role"] = role,
            ["name"] = name ?? $"Test {role}",
        };
        if (partner is null || personId is not null)
        {
            claims["person_id"] = person.ToString();
        }

        if (partner is not null)
        {
            claims["partner_id"] = partner.Value.ToString();
        }

        return Sign(claims, SecurityKey, Issuer, lifetime ?? TimeSpan.FromHours(1));
    }

    private static string Sign(Dictionary<string, object> claims, SecurityKey key, string issuer, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Configuration for a test host so it accepts these tokens.</summary>
    public static IDictionary<string, string?> AuthSettings() => new Dictionary<string, string?>
    {
        ["Auth:SigningKey"] = SigningKey,
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
    };

    /// <summary>Validation parameters matching the services' test configuration.</summary>
    public static TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SecurityKey,
        NameClaimType = "name",
        RoleClaimType = "role",
        ClockSkew = TimeSpan.Zero,
    };
}
