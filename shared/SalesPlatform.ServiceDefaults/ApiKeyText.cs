using System.Security.Cryptography;
using System.Text;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// Text form of API keys: <c>spk_&lt;8 lower-case alphanumerics&gt;_&lt;43 base64url characters&gt;</c>.
/// Shared by identity (which issues and checks keys) and the AppHost (which generates the demo partner's).
/// </summary>
public static class ApiKeyText
{
    /// <summary>The scheme every key starts with.</summary>
    public const string Scheme = "spk";
    private const string PrefixAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int PrefixLength = 8;

    /// <summary>A random public prefix.</summary>
    public static string NewPrefix() => RandomNumberGenerator.GetString(PrefixAlphabet, PrefixLength);

    /// <summary>A random secret (32 bytes, base64url).</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The key's text from its parts.</summary>
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

    /// <summary>SHA-256 of the whole key, as stored.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
