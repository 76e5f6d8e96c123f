using System.Security.Cryptography;
using System.Text.Json;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.AppHost;

/// <summary>
/// The secrets a local platform needs (the servers' passwords, the gateway's client secret at
/// identity, the demo partner's API key and client secret), generated on the first run and kept in
/// the data folder, outside git, so they stay the same across restarts. Nothing secret is committed.
/// </summary>
public sealed record DevelopmentSecrets(string GatewayClientSecret, string DemoPartnerApiKey, string DemoPartnerClientSecret,
    string PostgresPassword, string RabbitMqPassword)
{
    /// <summary>Reads <c>secrets.json</c> under <paramref name="dataDirectory"/>, creating it (mode 0600) when missing.</summary>
    public static DevelopmentSecrets LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "secrets.json");
        if (File.Exists(path) && JsonSerializer.Deserialize<DevelopmentSecrets>(File.ReadAllText(path)) is
            { GatewayClientSecret.Length: > 0, DemoPartnerApiKey.Length: > 0, DemoPartnerClientSecret.Length: > 0,
                PostgresPassword.Length: > 0, RabbitMqPassword.Length: > 0 } existing)
        {
            return existing;
        }

        var secrets = new DevelopmentSecrets(ApiKeyText.NewSecret(), ApiKeyText.Compose(ApiKeyText.NewPrefix(), ApiKeyText.NewSecret()),
            ApiKeyText.NewSecret(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18)));
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(secrets));
        return secrets;
    }
}
