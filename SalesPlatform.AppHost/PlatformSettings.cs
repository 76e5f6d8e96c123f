using Microsoft.Extensions.Configuration;

namespace SalesPlatform.AppHost;

/// <summary>
/// The AppHost's own settings, section <c>SalesPlatform</c> (command line <c>--SalesPlatform:Replicas:leads=2</c>,
/// environment <c>SalesPlatform__PortOffset=100</c> or appsettings.json).
/// </summary>
public sealed class PlatformSettings
{
    public const string Section = "SalesPlatform";

    /// <summary>Load the demo organisation, users and partner (default true).</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Use the servers of <c>ConnectionStrings:postgres/redis/rabbitmq</c> instead of starting local ones.</summary>
    public bool ExternalInfrastructure { get; set; }

    /// <summary>State (databases, secrets, identity keys); relative paths are under the repository root. Default <c>.data</c>.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Added to every fixed port (the gateway's 5000, each service's, the servers'), to run two platforms side by side.</summary>
    public int PortOffset { get; set; }

    /// <summary>Prefix of every database name (two platforms on one PostgreSQL server).</summary>
    public string DatabasePrefix { get; set; } = "";

    /// <summary>Instances per service, e.g. <c>leads=2</c>.</summary>
    public Dictionary<string, int> Replicas { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the section and resolves <see cref="DataDirectory"/> against <paramref name="repositoryRoot"/>.</summary>
    public static PlatformSettings From(IConfiguration configuration, string repositoryRoot)
    {
        var settings = configuration.GetSection(Section).Get<PlatformSettings>() ?? new PlatformSettings();
        settings.DataDirectory = Path.GetFullPath(Path.Combine(repositoryRoot, settings.DataDirectory));
        if (settings.PortOffset is < 0 or > 50000)
        {
            throw new ArgumentException($"{Section}:PortOffset must be between 0 and 50000 (got {settings.PortOffset}).");
        }

        foreach (var (service, count) in settings.Replicas)
        {
            if (count is < 1 or > 10)
            {
                throw new ArgumentException($"{Section}:Replicas:{service} must be between 1 and 10 (got {count}).");
            }
        }

        return settings;
    }

    /// <summary>Replicas of <paramref name="service"/> (1 unless configured).</summary>
    public int ReplicasOf(string service) => Replicas.TryGetValue(service, out var count) ? count : 1;
}
