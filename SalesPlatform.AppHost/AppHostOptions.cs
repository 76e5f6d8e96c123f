namespace SalesPlatform.AppHost;

/// <summary>Command-line options of the AppHost.</summary>
public sealed record AppHostOptions
{
    /// <summary>Use servers from connection strings (environment) instead of starting local ones.</summary>
    public bool ExternalInfrastructure { get; init; }

    /// <summary>Replica count per service name, e.g. leads=2.</summary>
    public IReadOnlyDictionary<string, int> Replicas { get; init; } = new Dictionary<string, int>();

    /// <summary>Load the demo data that exists (development organisation and users).</summary>
    public bool Seed { get; init; }

    /// <summary>Port of the gateway on 127.0.0.1.</summary>
    public int GatewayPort { get; init; } = 5000;

    /// <summary>Skip the solution build before starting.</summary>
    public bool NoBuild { get; init; }

    /// <summary>Build configuration whose outputs are run.</summary>
    public string Configuration { get; init; } = "Debug";

    /// <summary>State and logs directory (git-ignored).</summary>
    public string DataDirectory { get; init; } = ".data";

    /// <summary>Port offset added to every service and infrastructure port (run two platforms side by side, tests).</summary>
    public int PortOffset { get; init; }

    /// <summary>Prefix of every database name (two platforms on one PostgreSQL server, tests).</summary>
    public string DatabasePrefix { get; init; } = "";

    /// <summary>The repository root (holds SalesPlatform.sln).</summary>
    public string Root { get; init; } = "";

    public const string Usage = """
        Usage: dotnet run --project SalesPlatform.AppHost -- [options]
          --seed                       load the demo data (development organisation, users, partner key)
          --replicas leads=2,...       several instances of a service behind the gateway
          --gateway-port N             gateway port on 127.0.0.1 (default 5000)
          --external-infra             use ConnectionStrings__postgres / __redis / __rabbitmq from the environment
          --no-build                   do not build the solution first
          --configuration C            Debug (default) or Release outputs
          --data-dir DIR               state and logs (default .data under the repository root)
          --port-offset N              add N to every port (run a second platform side by side)
          --database-prefix P          prefix every database name with P (a second platform on one server)
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a readable message on bad input.</summary>
    public static AppHostOptions Parse(string[] args, string root)
    {
        var options = new AppHostOptions { Root = root, DataDirectory = Path.Combine(root, ".data") };
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--seed" => options with { Seed = true },
                "--external-infra" => options with { ExternalInfrastructure = true },
                "--no-build" => options with { NoBuild = true },
                "--replicas" => options with { Replicas = ParseReplicas(Value()) },
                "--gateway-port" => options with { GatewayPort = ParsePort(Value(), "--gateway-port") },
                "--configuration" or "-c" => options with { Configuration = Value() },
                "--data-dir" => options with { DataDirectory = Path.GetFullPath(Value()) },
                "--port-offset" => options with { PortOffset = int.TryParse(Value(), out var offset) && offset is >= 0 and <= 20000
                    ? offset : throw new ArgumentException("--port-offset must be a number from 0 to 20000.") },
                "--database-prefix" => options with { DatabasePrefix = System.Text.RegularExpressions.Regex.IsMatch(Value(), "^[a-z0-9_]{0,30}$")
                    ? args[i] : throw new ArgumentException("--database-prefix must be lower-case letters, digits or _ (at most 30).") },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }

        return options;
    }

    private static Dictionary<string, int> ParseReplicas(string value)
    {
        var replicas = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1], out var count) || count is < 1 or > 5)
            {
                throw new ArgumentException($"--replicas expects name=count pairs with counts 1-5, e.g. leads=2; got '{pair}'.");
            }

            replicas[parts[0]] = count;
        }

        return replicas;
    }

    private static int ParsePort(string value, string option) =>
        int.TryParse(value, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"{option} must be a TCP port (1-65535); got '{value}'.");
}
