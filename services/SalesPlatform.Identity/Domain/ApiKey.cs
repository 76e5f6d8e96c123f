using System.Security.Cryptography;
using System.Text;

using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Domain;

/// <summary>
/// A partner API key. The plain key (<c>spk_&lt;prefix&gt;_&lt;secret&gt;</c>) is shown once at creation;
/// only its SHA-256 hash is stored (the secret is 256 random bits, so a fast hash is enough) and the
/// prefix identifies the key in lists and logs.
/// </summary>
public sealed class ApiKey
{
    private ApiKey()
    {
    }

    private ApiKey(Guid partnerId, string name, string prefix, string secretHash, IEnumerable<string> scopes,
        DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        PartnerId = partnerId;
        Name = name;
        Prefix = prefix;
        SecretHash = secretHash;
        Scopes = [.. scopes.Distinct(StringComparer.Ordinal)];
        ExpiresAt = expiresAt;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid PartnerId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Public part of the key: unique, safe to log and show.</summary>
    public string Prefix { get; private set; } = "";

    /// <summary>Hex SHA-256 of the whole plain key.</summary>
    public string SecretHash { get; private set; } = "";

    public List<string> Scopes { get; private set; } = [];

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Creates a key and returns it with its plain text, which is never stored.</summary>
    public static (ApiKey Key, string PlainText) Issue(Guid partnerId, string name, IEnumerable<string> scopes,
        DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var prefix = ApiKeyText.NewPrefix();
        var plain = ApiKeyText.Compose(prefix, ApiKeyText.NewSecret());
        return (new ApiKey(partnerId, name, prefix, ApiKeyText.Hash(plain), scopes, expiresAt, now), plain);
    }

    /// <summary>Registers a key whose plain text is given (the fixed demo key of development).</summary>
    public static ApiKey FromPlainText(Guid partnerId, string name, string plainText, IEnumerable<string> scopes,
        DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var prefix = ApiKeyText.TryGetPrefix(plainText)
            ?? throw new ArgumentException("An API key has the form spk_<prefix>_<secret>.", nameof(plainText));
        return new ApiKey(partnerId, name, prefix, ApiKeyText.Hash(plainText), scopes, expiresAt, now);
    }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    /// <summary>True when <paramref name="plainText"/> is this key (constant-time comparison).</summary>
    public bool Matches(string plainText) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ApiKeyText.Hash(plainText)),
            Encoding.ASCII.GetBytes(SecretHash));

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
