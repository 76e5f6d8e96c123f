using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace SalesPlatform.Testing;

/// <summary>
/// The whole platform started through the real Aspire AppHost with <c>Aspire.Hosting.Testing</c>, on
/// the test servers (<c>ExternalInfrastructure</c>), its own ports (a free port offset), databases
/// (a unique prefix) and data folder, so it never collides with a developer's running platform.
/// </summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    /// <summary>Every service's fixed port in its appsettings.json (the offset moves them all).</summary>
    private static readonly int[] BasePorts = [5000, 5100, 5201, 5202, 5301, 5302];

    private RunningPlatform(DistributedApplication app, int portOffset, string dataDirectory)
    {
        App = app;
        PortOffset = portOffset;
        DataDirectory = dataDirectory;
    }

    /// <summary>The running distributed application (resources, notifications, clients).</summary>
    public DistributedApplication App { get; }

    /// <summary>What every fixed port of this platform was shifted by.</summary>
    public int PortOffset { get; }

    /// <summary>The AppHost's data folder (secrets, identity keys).</summary>
    public string DataDirectory { get; }

    /// <summary>The gateway's base address.</summary>
    public Uri Gateway => App.GetEndpoint("gateway", "http");

    /// <summary>The services every platform runs, in the order they start.</summary>
    public static readonly IReadOnlyList<string> Services =
        ["identity", "teamperformance", "leads", "customers", "opportunities", "contracts", "analytics", "gateway"];

    /// <summary>Starts the AppHost <typeparamref name="TAppHost"/> and waits until every service is healthy.</summary>
    public static async Task<RunningPlatform> StartAsync<TAppHost>(InfrastructureFixture infra, TimeSpan? timeout = null)
        where TAppHost : class
    {
        var offset = FindFreePortOffset();
        var dataDirectory = Directory.CreateTempSubdirectory("salesplatform-apphost").FullName;
        string[] args =
        [
            "--SalesPlatform:ExternalInfrastructure=true",
            $"--SalesPlatform:PortOffset={offset}",
            $"--SalesPlatform:DataDirectory={dataDirectory}",
            $"--SalesPlatform:DatabasePrefix=e2e{Guid.NewGuid().ToString("N")[..8]}_",
            $"--ConnectionStrings:postgres={infra.Infrastructure.PostgresConnectionString}",
            $"--ConnectionStrings:redis={infra.Redis}",
            $"--ConnectionStrings:rabbitmq={infra.RabbitMq}",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<TAppHost>(args,
            (options, _) => options.DisableDashboard = true);
        var app = await builder.BuildAsync();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(6));
        await app.StartAsync(deadline.Token);
        foreach (var service in Services)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, deadline.Token);
        }

        return new RunningPlatform(app, offset, dataDirectory);
    }

    /// <summary>Process ids of every running instance of <paramref name="resource"/>, as the orchestrator reports them.</summary>
    public async Task<IReadOnlyList<int>> ProcessIdsAsync(string resource)
    {
        // The watch replays every resource's current state first; a short window is enough to read them.
        var pids = new Dictionary<string, int>();
        using var window = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var change in App.ResourceNotifications.WatchAsync(window.Token))
            {
                if (change.Resource.Name == resource
                    && change.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
                    && int.TryParse(value.ToString(), out var pid))
                {
                    pids[change.ResourceId] = pid;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return [.. pids.Values];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Files of a process still shutting down; the temp directory is cleaned by the OS.
        }
    }

    /// <summary>An offset under which the gateway and every service port are free (kept below the ephemeral range).</summary>
    private static int FindFreePortOffset()
    {
        for (var offset = 10000 + (Random.Shared.Next(400) * 20); offset <= 20000; offset += 20)
        {
            if (BasePorts.All(p => IsFree(p + offset)))
            {
                return offset;
            }
        }

        throw new InvalidOperationException("No free port range for the platform.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
