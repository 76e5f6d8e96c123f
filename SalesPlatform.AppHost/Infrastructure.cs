using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace SalesPlatform.AppHost;

/// <summary>A server run from the machine's installation by <c>scripts/infra.sh serve</c>, with its connection string.</summary>
public sealed class ServerResource(string name, string workingDirectory, ReferenceExpression connectionString)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => connectionString;
}

/// <summary>One service's database on the PostgreSQL server (local or given); the service creates and migrates it.</summary>
public sealed class DatabaseResource(string name, string databaseName, IResourceWithConnectionString server)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent<IResourceWithConnectionString>
{
    /// <inheritdoc />
    public IResourceWithConnectionString Parent => server;

    /// <summary>The database's name on the server.</summary>
    public string DatabaseName => databaseName;

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{server.ConnectionStringExpression};Database={databaseName}");
}

/// <summary>PostgreSQL, Redis and RabbitMQ as the services see them, and what to wait for before starting them.</summary>
public sealed record Infrastructure(
    IResourceBuilder<IResourceWithConnectionString> Postgres,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResourceWithConnectionString> RabbitMq,
    IReadOnlyList<IResourceBuilder<IResourceWithWaitSupport>> Servers);

/// <summary>Declares the infrastructure and the services on it.</summary>
public static class InfrastructureExtensions
{
    private static readonly (string Name, int Port)[] BasePorts =
        [("postgres", 55432), ("redis", 56379), ("rabbitmq", 55672), ("management", 55673), ("epmd", 55674), ("distribution", 55675)];

    /// <summary>
    /// Local servers started by <c>scripts/infra.sh serve</c> (state under the data folder, fixed ports
    /// plus the offset, health checks that <c>WaitFor</c> uses), or the servers named by
    /// <c>ConnectionStrings:postgres/redis/rabbitmq</c> when <see cref="PlatformSettings.ExternalInfrastructure"/>.
    /// </summary>
    public static Infrastructure AddInfrastructure(this IDistributedApplicationBuilder builder, PlatformSettings settings,
        DevelopmentSecrets secrets, string repositoryRoot)
    {
        if (settings.ExternalInfrastructure)
        {
            return new Infrastructure(builder.AddConnectionString("postgres"), builder.AddConnectionString("redis"),
                builder.AddConnectionString("rabbitmq"), []);
        }

        var port = BasePorts.ToDictionary(p => p.Name, p => p.Port + settings.PortOffset);
        string[] common =
        [
            "--state-dir", Path.Combine(settings.DataDirectory, "infra"), "--name", "apphost",
            "--pg-port", $"{port["postgres"]}", "--redis-port", $"{port["redis"]}", "--amqp-port", $"{port["rabbitmq"]}",
            "--mgmt-port", $"{port["management"]}", "--epmd-port", $"{port["epmd"]}", "--dist-port", $"{port["distribution"]}",
        ];
        IResourceBuilder<ServerResource> Server(string name, ReferenceExpression connectionString) =>
            builder.AddResource(new ServerResource(name, repositoryRoot, connectionString))
                .WithArgs(["scripts/infra.sh", "serve", name, .. common])
                .ExcludeFromManifest();

        var pgPassword = builder.AddParameter("postgres-password", secrets.PostgresPassword, secret: true);
        var rabbitPassword = builder.AddParameter("rabbitmq-password", secrets.RabbitMqPassword, secret: true);

        var postgres = Server("postgres",
                ReferenceExpression.Create($"Host=127.0.0.1;Port={port["postgres"].ToString()};Username=app;Password={pgPassword}"))
            .WithEnvironment("INFRA_PG_PASSWORD", pgPassword)
            .WithEndpoint(name: "tcp", port: port["postgres"], scheme: "tcp", isProxied: false)
            .WithHealthCheck("postgres-ready");
        builder.Services.AddHealthChecks().AddNpgSql(
            $"Host=127.0.0.1;Port={port["postgres"]};Username=app;Password={secrets.PostgresPassword};Database=postgres;Timeout=3",
            name: "postgres-ready");

        var redis = Server("redis", ReferenceExpression.Create($"127.0.0.1:{port["redis"].ToString()}"))
            .WithEndpoint(name: "tcp", port: port["redis"], scheme: "tcp", isProxied: false)
            .WithHealthCheck("redis-ready");
        builder.Services.AddHealthChecks().AddRedis($"127.0.0.1:{port["redis"]},abortConnect=false,connectTimeout=2000", name: "redis-ready");

        // Erlang's port mapper runs as a resource of its own, or it would outlive the AppHost.
        var epmd = builder.AddResource(new ExecutableResource("epmd", "bash", repositoryRoot))
            .WithArgs(["scripts/infra.sh", "serve", "epmd", .. common])
            .WithEndpoint(name: "tcp", port: port["epmd"], scheme: "tcp", isProxied: false)
            .WithHealthCheck("epmd-ready")
            .ExcludeFromManifest();
        // RabbitMQ starts a port mapper of its own when it finds none listening: wait until ours is.
        builder.Services.AddHealthChecks().AddAsyncCheck("epmd-ready", async cancellationToken =>
        {
            using var client = new System.Net.Sockets.TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port["epmd"], cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (System.Net.Sockets.SocketException e)
            {
                return HealthCheckResult.Unhealthy("epmd does not listen yet: " + e.Message);
            }
        });

        var amqp = $"amqp://app:{secrets.RabbitMqPassword}@127.0.0.1:{port["rabbitmq"]}/";
        var rabbitMq = Server("rabbitmq",
                ReferenceExpression.Create($"amqp://app:{rabbitPassword}@127.0.0.1:{port["rabbitmq"].ToString()}/"))
            .WithEnvironment("INFRA_RABBIT_PASSWORD", rabbitPassword)
            .WithEndpoint(name: "tcp", port: port["rabbitmq"], scheme: "tcp", isProxied: false)
            .WithHttpEndpoint(name: "management", port: port["management"], isProxied: false)
            .WithHealthCheck("rabbitmq-ready")
            .WaitFor(epmd);
        var connection = new BrokerConnection(amqp);
        builder.Services.AddHealthChecks().AddRabbitMQ(_ => connection.GetAsync(), name: "rabbitmq-ready");

        return new Infrastructure(postgres, redis, rabbitMq, [postgres, redis, rabbitMq]);
    }

    /// <summary>A database of <paramref name="name"/> (with the settings' prefix) on the PostgreSQL server.</summary>
    public static IResourceBuilder<DatabaseResource> AddDatabase(this IDistributedApplicationBuilder builder, Infrastructure infrastructure,
        string name, PlatformSettings settings) =>
        builder.AddResource(new DatabaseResource(name, settings.DatabasePrefix + name, infrastructure.Postgres.Resource))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Running,
                Properties = [new("Database", settings.DatabasePrefix + name)],
            })
            .ExcludeFromManifest();

    /// <summary>
    /// A service project with its Kestrel endpoints (from its appsettings.json) moved by the port offset,
    /// its replicas, the Development environment and the demo-data switch.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name,
        PlatformSettings settings) where TProject : IProjectMetadata, new()
    {
        var project = builder.AddProject<TProject>(name)
            .WithReplicas(settings.ReplicasOf(name))
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("Seed__DemoData", settings.Seed ? "true" : "false");
        foreach (var endpoint in project.Resource.Annotations.OfType<EndpointAnnotation>())
        {
            endpoint.Port += settings.PortOffset;
        }

        return project;
    }

    /// <summary>Connection strings of the servers (or databases) the service uses, and waiting until each server is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithInfrastructure(this IResourceBuilder<ProjectResource> project,
        Infrastructure infrastructure, params IResourceBuilder<IResourceWithConnectionString>[] uses)
    {
        foreach (var resource in uses)
        {
            project.WithReference(resource);
            // A database is ready when its server is; given servers (ExternalInfrastructure) are not waited for.
            var server = resource.Resource is DatabaseResource database ? database.Parent : resource.Resource;
            if (infrastructure.Servers.FirstOrDefault(s => s.Resource == server) is { } local)
            {
                project.WaitFor(local);
            }
        }

        return project;
    }

    /// <summary>One AMQP connection for the health check, made again after a failure (the server starts after the AppHost).</summary>
    private sealed class BrokerConnection(string uri)
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private IConnection? connection;

        public async Task<IConnection> GetAsync()
        {
            await gate.WaitAsync();
            try
            {
                if (connection is { IsOpen: true })
                {
                    return connection;
                }

                connection?.Dispose();
                connection = await new ConnectionFactory { Uri = new Uri(uri), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) }
                    .CreateConnectionAsync();
                return connection;
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
