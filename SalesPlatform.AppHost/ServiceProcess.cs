using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SalesPlatform.AppHost;

/// <summary>
/// One running replica of a service: started as <c>dotnet Service.dll</c> with its configuration in
/// environment variables, its output prefixed on the console and written to a log file, its
/// <c>/health</c> polled, and restarted with back-off when it crashes.
/// </summary>
public sealed partial class ServiceProcess : Resource
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly string assembly;
    private readonly string healthUrl;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly ConsoleLog log;
    private readonly StreamWriter logFile;
    private readonly Queue<string> lastLines = new();
    private readonly Lock gate = new();
    private Process? process;
    private bool stopping;
    private Task? supervision;

    public ServiceProcess(string name, string assembly, string healthUrl, IReadOnlyDictionary<string, string> environment,
        string logDirectory, ConsoleLog log)
        : base(name)
    {
        this.assembly = assembly;
        this.healthUrl = healthUrl;
        this.environment = environment;
        this.log = log;
        Directory.CreateDirectory(logDirectory);
        logFile = new StreamWriter(Path.Combine(logDirectory, name + ".log"), append: true) { AutoFlush = true };
    }

    /// <summary>Lines marked "(development only)" (e.g. the demo partner's API key), repeated under the resource table.</summary>
    public IReadOnlyList<string> DevelopmentNotes
    {
        get
        {
            lock (gate)
            {
                return [.. developmentNotes];
            }
        }
    }

    private readonly List<string> developmentNotes = [];

    /// <summary>How many times the replica was restarted after a crash.</summary>
    public int Restarts { get; private set; }

    /// <summary>Process id of the current instance, or null.</summary>
    public int? Pid => process is { HasExited: false } p ? p.Id : null;

    /// <summary>The last lines the process wrote, shown when it fails.</summary>
    public IReadOnlyList<string> LastLines
    {
        get
        {
            lock (gate)
            {
                return [.. lastLines];
            }
        }
    }

    /// <summary>Starts the process and waits until <c>/health</c> answers 200; false (with <see cref="Resource.Reason"/>) otherwise.</summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(assembly))
        {
            State = ResourceState.Failed;
            Reason = $"{assembly} does not exist: build the solution (drop --no-build) or check --configuration.";
            return false;
        }

        Launch();
        var healthy = await WaitForHealthAsync(cancellationToken);
        supervision = SuperviseAsync(cancellationToken);
        return healthy;
    }

    private void Launch()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        info.ArgumentList.Add(assembly);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        State = ResourceState.Starting;
        var started = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Name}.");
        started.OutputDataReceived += (_, e) => Write(e.Data);
        started.ErrorDataReceived += (_, e) => Write(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            lastLines.Enqueue(line);
            while (lastLines.Count > 20)
            {
                lastLines.Dequeue();
            }

            logFile.WriteLine(line);
            if (line.Contains("(development only)", StringComparison.Ordinal))
            {
                developmentNotes.Add(line.Trim());
            }
        }

        log.Line(Name, line);
    }

    private async Task<bool> WaitForHealthAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + HealthTimeout;
        while (DateTimeOffset.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            if (process is null || process.HasExited)
            {
                State = ResourceState.Failed;
                Reason = $"exited with code {process?.ExitCode} before it became healthy";
                return false;
            }

            try
            {
                using var response = await http.GetAsync(healthUrl, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    State = ResourceState.Healthy;
                    Reason = null;
                    return true;
                }

                State = ResourceState.Unhealthy;
                Reason = $"/health answers {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync(cancellationToken))}";
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow answer; ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        State = ResourceState.Failed;
        Reason ??= $"not healthy within {HealthTimeout.TotalSeconds:F0} s";
        return false;
    }

    /// <summary>Restarts the process with exponential back-off whenever it exits while the AppHost runs.</summary>
    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            var current = process;
            if (current is null)
            {
                return;
            }

            await current.WaitForExitAsync(CancellationToken.None).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stopping || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            Restarts++;
            State = ResourceState.Restarting;
            Reason = $"exited with code {current.ExitCode}; restart {Restarts} in {backoff.TotalSeconds:F0} s";
            log.Event(Name, Reason, ConsoleColor.Yellow);
            await Task.Delay(backoff, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stopping || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            Launch();
            if (await WaitForHealthAsync(cancellationToken))
            {
                log.Event(Name, $"healthy again after restart {Restarts}", ConsoleColor.Green);
                backoff = TimeSpan.FromSeconds(1);
            }
            else
            {
                log.Event(Name, $"restart {Restarts} failed: {Reason}", ConsoleColor.Red);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), and kills its tree if it has not ended within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        stopping = true;
        State = ResourceState.Stopping;
        var current = process;
        if (current is { HasExited: false })
        {
            _ = SendSignal(current.Id, SigTerm);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await current.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                current.Kill(entireProcessTree: true);
                await current.WaitForExitAsync(CancellationToken.None);
            }
        }

        if (supervision is not null)
        {
            await supervision.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        State = ResourceState.Stopped;
        lock (gate)
        {
            logFile.Dispose();
        }
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
