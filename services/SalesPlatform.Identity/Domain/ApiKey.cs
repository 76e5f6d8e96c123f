using System.Security.Cryptography;
using System.Text;

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

/// <summary>Text form of API keys: <c>spk_&lt;8 lower-case alphanumerics&gt;_&lt;43 base64url characters&gt;</c>.</summary>
public static class ApiKeyText
{
    public const string Scheme = "spk";
    private const string PrefixAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int PrefixLength = 8;

    public static string NewPrefix() => RandomNumberGenerator.GetString(PrefixAlphabet, PrefixLength);

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Compose(string prefix, string secret) => $"{Scheme}_{prefix}_{secret}";

    /// <summary>The prefix of a well-formed key, or null.</summary>
    public static string? TryGetPrefix(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        var parts = key.Split('_', 3);
        return parts.Length == 3 && parts[0] == Scheme && parts[1].Length == PrefixLength && parts[2].Length >= 16
            && parts[1].All(char.IsAsciiLetterOrDigit)
            ? parts[1]
            : null;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
