namespace SalesPlatform.AppHost;

/// <summary>State of a resource as shown in the table.</summary>
public enum ResourceState
{
    Pending,
    Starting,
    Healthy,
    Unhealthy,
    Restarting,
    Failed,
    Stopping,
    Stopped,
}

/// <summary>Something the AppHost runs or connects to: an infrastructure server or a service replica.</summary>
public abstract class Resource(string name)
{
    /// <summary>Display name (service name plus replica index for services).</summary>
    public string Name { get; } = name;

    /// <summary>Current state.</summary>
    public ResourceState State { get; set; } = ResourceState.Pending;

    /// <summary>Where to reach it (shown in the table).</summary>
    public List<string> Urls { get; } = [];

    /// <summary>Why it failed, when it did.</summary>
    public string? Reason { get; set; }
}

/// <summary>PostgreSQL, Redis or RabbitMQ, started by scripts/infra.sh or given by connection strings.</summary>
public sealed class InfrastructureResource(string name) : Resource(name);

/// <summary>
/// A .NET service project declared in Program.cs: its ports, what it references and waits for.
/// Each replica becomes a supervised <see cref="ServiceProcess"/>.
/// </summary>
public sealed class ProjectResource
{
    internal ProjectResource(string name, string projectPath, int httpPort, int? grpcPort)
    {
        Name = name;
        ProjectPath = projectPath;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
    }

    /// <summary>Service discovery name (<c>services__{Name}__http__0</c>).</summary>
    public string Name { get; }

    /// <summary>Project directory relative to the repository root.</summary>
    public string ProjectPath { get; }

    /// <summary>REST and health port of replica 0; replica i uses HttpPort + 10 * i.</summary>
    public int HttpPort { get; }

    /// <summary>gRPC (HTTP/2) port of replica 0, if the service serves gRPC.</summary>
    public int? GrpcPort { get; }

    /// <summary>Number of instances.</summary>
    public int Replicas { get; internal set; } = 1;

    /// <summary>Connection string names this service receives.</summary>
    public List<string> ConnectionNames { get; } = [];

    /// <summary>Services whose endpoints this one is told about.</summary>
    public List<ProjectResource> References { get; } = [];

    /// <summary>Services that must be healthy before this one starts.</summary>
    public List<ProjectResource> WaitsFor { get; } = [];

    /// <summary>Extra environment for every replica.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>The supervised replicas once started.</summary>
    public List<ServiceProcess> Processes { get; } = [];

    /// <summary>Gives this service <c>ConnectionStrings__{name}</c>.</summary>
    public ProjectResource WithConnection(params string[] names)
    {
        ConnectionNames.AddRange(names);
        return this;
    }

    /// <summary>Tells this service where <paramref name="services"/> are (Aspire discovery keys).</summary>
    public ProjectResource WithReference(params ProjectResource[] services)
    {
        References.AddRange(services);
        return this;
    }

    /// <summary>Starts this service only after <paramref name="services"/> are healthy.</summary>
    public ProjectResource WaitFor(params ProjectResource[] services)
    {
        WaitsFor.AddRange(services);
        return this;
    }

    /// <summary>Adds an environment variable for every replica.</summary>
    public ProjectResource WithEnvironment(string name, string value)
    {
        Environment[name] = value;
        return this;
    }

    /// <summary>REST endpoint of replica <paramref name="index"/>.</summary>
    public string HttpUrl(int index) => $"http://127.0.0.1:{HttpPort + (10 * index)}";

    /// <summary>gRPC endpoint of replica <paramref name="index"/>.</summary>
    public string? GrpcUrl(int index) => GrpcPort is { } port ? $"http://127.0.0.1:{port + (10 * index)}" : null;

    /// <summary>The built assembly to run.</summary>
    public string AssemblyPath(string root, string configuration)
    {
        var projectName = Path.GetFileName(ProjectPath);
        return Path.Combine(root, ProjectPath, "bin", configuration, "net10.0", projectName + ".dll");
    }
}
