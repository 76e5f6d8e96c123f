using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SalesPlatform.Testing;

/// <summary>
/// One instance of <c>scripts/infra.sh</c> (a state directory plus an instance name) owned by this
/// test process: runs its commands, and removes it when the process exits, also when tests fail
/// or the process is killed (a detached watcher destroys the instance once this process is gone).
/// </summary>
internal sealed class InfraScript
{
    private readonly string[] _portArguments;
    private int _destroyed;

    private InfraScript(string stateDirectory, string name, string[] portArguments)
    {
        StateDirectory = stateDirectory;
        Name = name;
        _portArguments = portArguments;
    }

    /// <summary>Directory holding the instance's state (a fresh temp directory).</summary>
    public string StateDirectory { get; }

    /// <summary>Instance name passed as <c>--name</c>.</summary>
    public string Name { get; }

    /// <summary>Creates an instance on free loopback ports for the given components.</summary>
    private static InfraScript Create(string name, bool postgres, bool redis)
    {
        var state = Path.Combine(Path.GetTempPath(), "salesplatform-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(state);
        var ports = FreePorts(6);
        var args = new List<string>
        {
            "--amqp-port", ports[0].ToString(), "--mgmt-port", ports[1].ToString(),
            "--epmd-port", ports[2].ToString(), "--dist-port", ports[3].ToString(),
        };
        if (postgres)
        {
            args.AddRange(["--pg-port", ports[4].ToString()]);
        }

        if (redis)
        {
            args.AddRange(["--redis-port", ports[5].ToString()]);
        }

        var script = new InfraScript(state, name, [.. args]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => script.Destroy();
        script.StartWatcher();
        return script;
    }

    /// <summary>
    /// Creates and starts a new instance; when the start fails (a free port picked here was taken
    /// by another process in the meantime) it retries twice on other ports.
    /// </summary>
    public static async Task<(InfraScript Script, IReadOnlyDictionary<string, string> Values)> StartNewAsync(
        string name, bool postgres, bool redis, string? only)
    {
        for (var attempt = 1; ; attempt++)
        {
            var script = Create(name, postgres, redis);
            try
            {
                return (script, await script.StartAsync(only));
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await script.DestroyAsync();
            }
        }
    }

    /// <summary>Runs <c>infra.sh start</c> and returns the printed <c>KEY=value</c> lines.</summary>
    public async Task<IReadOnlyDictionary<string, string>> StartAsync(string? only)
    {
        var args = new List<string>(_portArguments);
        if (only is not null)
        {
            args.AddRange(["--only", only]);
        }

        var output = await RunAsync("start", args, TimeSpan.FromMinutes(3));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals]] = line[(equals + 1)..];
            }
        }

        return values;
    }

    /// <summary>Runs <c>infra.sh stop</c> (state kept).</summary>
    public Task StopAsync() => RunAsync("stop", [], TimeSpan.FromMinutes(1));

    /// <summary>Stops the servers and deletes the state; safe to call more than once.</summary>
    public async Task DestroyAsync()
    {
        if (Interlocked.Exchange(ref _destroyed, 1) == 1)
        {
            return;
        }

        await RunAsync("destroy", [], TimeSpan.FromMinutes(1));
        TryDeleteStateDirectory();
    }

    private void Destroy()
    {
        try
        {
            DestroyAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"[SalesPlatform.Testing] could not stop test infrastructure '{Name}': {ex.Message}");
        }
    }

    private void TryDeleteStateDirectory()
    {
        try
        {
            if (Directory.Exists(StateDirectory))
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }

    // Safety net for a test process that dies without running ProcessExit handlers (killed,
    // crashed): a detached shell waits for this process to end and then destroys the instance.
    private void StartWatcher()
    {
        var script = Quote(ScriptPath);
        var command =
            $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"bash {script} destroy --state-dir {Quote(StateDirectory)} --name {Quote(Name)}; rm -rf {Quote(StateDirectory)}";
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        info.ArgumentList.Add("bash");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var watcher = Process.Start(info);
    }

    private async Task<string> RunAsync(string command, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = RepositoryRoot,
        };
        info.ArgumentList.Add(ScriptPath);
        info.ArgumentList.Add(command);
        info.ArgumentList.Add("--state-dir");
        info.ArgumentList.Add(StateDirectory);
        info.ArgumentList.Add("--name");
        info.ArgumentList.Add(Name);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["INFRA_FAST"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"infra.sh {command} did not finish within {timeout}.\n{await stderr}");
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"infra.sh {command} failed with exit code {process.ExitCode}:\n{errors}");
        }

        return output;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string ScriptPath => Path.Combine(RepositoryRoot, "scripts", "infra.sh");

    /// <summary>The repository root: the nearest directory above the test binaries with SalesPlatform.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SalesPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"SalesPlatform.sln not found above {AppContext.BaseDirectory}; cannot locate scripts/infra.sh.");
    }

    // Several listeners held at once so the ports are distinct; the OS does not hand out a port
    // it just gave away to port 0 again right away.
    private static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
