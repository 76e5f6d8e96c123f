using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SalesPlatform.Testing;

/// <summary>
/// The whole platform started through the real AppHost (<c>--external-infra --no-build</c>) on the
/// test servers, on its own ports (a free port offset) and its own databases (a unique prefix), for
/// end-to-end tests. The services must already be built in the same configuration as the tests.
/// </summary>
public sealed partial class RunningPlatform : IAsyncDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly int[] BasePorts = [5000, 5100, 5201, 5202, 5301, 5302];
    private readonly StringBuilder output = new();
    private readonly Process process;

    private RunningPlatform(Process process, int portOffset, string dataDirectory)
    {
        this.process = process;
        PortOffset = portOffset;
        DataDirectory = dataDirectory;
    }

    /// <summary>What every port of this platform was shifted by.</summary>
    public int PortOffset { get; }

    /// <summary>The AppHost's state and logs.</summary>
    public string DataDirectory { get; }

    /// <summary>The gateway's base address.</summary>
    public Uri Gateway => new($"http://127.0.0.1:{5000 + PortOffset}");

    /// <summary>The AppHost process.</summary>
    public Process AppHost => process;

    /// <summary>Starts the AppHost from <paramref name="appHostAssembly"/> and waits until the gateway is healthy.</summary>
    public static async Task<RunningPlatform> StartAsync(string appHostAssembly, InfrastructureFixture infra, TimeSpan? timeout = null)
    {
        var offset = FindFreePortOffset();
        var dataDirectory = Directory.CreateTempSubdirectory("salesplatform-apphost").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(appHostAssembly)!,
        };
        foreach (var argument in new[]
                 {
                     appHostAssembly, "--external-infra", "--no-build", "--seed", "--configuration", Configuration,
                     "--port-offset", offset.ToString(), "--data-dir", dataDirectory,
                     "--database-prefix", "e2e" + Guid.NewGuid().ToString("N")[..8] + "_",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ConnectionStrings__postgres"] = infra.Infrastructure.PostgresConnectionString;
        info.Environment["ConnectionStrings__redis"] = infra.Redis;
        info.Environment["ConnectionStrings__rabbitmq"] = infra.RabbitMq;
        var platform = new RunningPlatform(Process.Start(info)!, offset, dataDirectory);
        platform.process.OutputDataReceived += (_, e) => platform.Append(e.Data);
        platform.process.ErrorDataReceived += (_, e) => platform.Append(e.Data);
        platform.process.BeginOutputReadLine();
        platform.process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.UntilAsync(async () =>
        {
            if (platform.process.HasExited)
            {
                return true;
            }

            try
            {
                return (await http.GetAsync(new Uri(platform.Gateway, "/health"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, timeout ?? TimeSpan.FromSeconds(240), $"the platform should become healthy at {platform.Gateway}:\n{platform.Tail()}");

        if (platform.process.HasExited)
        {
            throw new InvalidOperationException($"The AppHost exited with code {platform.process.ExitCode}:\n{platform.Tail()}");
        }

        return platform;
    }

    /// <summary>One service replica as the AppHost reports it in <c>apphost/state.json</c>.</summary>
    /// <param name="Name">Replica name.</param>
    /// <param name="State">Healthy, Restarting, ...</param>
    /// <param name="Pid">Process id.</param>
    /// <param name="Restarts">Restarts after crashes.</param>
    public sealed record Replica(string Name, string State, int? Pid, int Restarts);

    /// <summary>Reads the AppHost's current resource states.</summary>
    public async Task<IReadOnlyList<Replica>> ReadStateAsync()
    {
        var path = Path.Combine(DataDirectory, "apphost", "state.json");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
                return document.RootElement.GetProperty("resources").EnumerateArray().Select(r => new Replica(
                    r.GetProperty("name").GetString()!,
                    r.GetProperty("state").GetString()!,
                    r.GetProperty("pid").ValueKind == JsonValueKind.Number ? r.GetProperty("pid").GetInt32() : null,
                    r.GetProperty("restarts").GetInt32())).ToList();
            }
            catch (Exception e) when (e is IOException or JsonException && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Asks the AppHost to stop (SIGTERM) and waits for it; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            _ = SendSignal(process.Id, 15);
            using var cancellation = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cancellation.Token);
        }

        return process.ExitCode;
    }

    /// <summary>The last lines the AppHost printed (for failure messages).</summary>
    public string Tail(int lines = 60)
    {
        lock (output)
        {
            return string.Join('\n', output.ToString().Split('\n').TakeLast(lines));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Logs of a process that is still shutting down; the temp directory is cleaned by the OS.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
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

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
