using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace SalesPlatform.AppHost;

/// <summary>
/// Declares the platform's resources (the way an Aspire AppHost's builder does) and runs them:
/// infrastructure first, then every service in dependency order, each waited for until healthy.
/// </summary>
public sealed class DistributedApplication(AppHostOptions options)
{
    private readonly List<ProjectResource> projects = [];
    private readonly List<string> databases = [];
    private readonly List<InfrastructureResource> infrastructure = [];
    private readonly ConsoleLog log = new();
    private readonly Dictionary<string, string> connectionStrings = new(StringComparer.Ordinal);
    private string? managementUrl;
    private bool startedInfrastructure;

    /// <summary>The options the AppHost was started with.</summary>
    public AppHostOptions Options => options;

    /// <summary>A PostgreSQL database created (if missing) on the platform's server and given as <c>ConnectionStrings__{name}</c>.</summary>
    public string AddDatabase(string name)
    {
        databases.Add(name);
        return name;
    }

    /// <summary>Declares a service project; <paramref name="httpPort"/> and <paramref name="grpcPort"/> get the port offset added.</summary>
    public ProjectResource AddProject(string name, string projectPath, int httpPort, int? grpcPort = null)
    {
        var project = new ProjectResource(name, projectPath, httpPort + options.PortOffset, grpcPort + options.PortOffset)
        {
            Replicas = options.Replicas.GetValueOrDefault(name, 1),
        };
        projects.Add(project);
        return project;
    }

    /// <summary>Starts everything, prints the resource table, runs until Ctrl+C or SIGTERM, then stops everything.</summary>
    public async Task<int> RunAsync()
    {
        using var shutdown = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            shutdown.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            shutdown.Cancel();
        });

        var started = Stopwatch.StartNew();
        var exitCode = 0;
        try
        {
            var unknown = options.Replicas.Keys.Where(k => projects.All(p => p.Name != k)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"--replicas names unknown services: {string.Join(", ", unknown)}. Known: {string.Join(", ", projects.Select(p => p.Name))}.");
            }

            if (!options.NoBuild)
            {
                await BuildAsync(shutdown.Token);
            }

            await StartInfrastructureAsync(shutdown.Token);
            await CreateDatabasesAsync(shutdown.Token);
            if (!await StartProjectsAsync(shutdown.Token))
            {
                exitCode = 1;
                PrintTable();
                return exitCode;
            }

            PrintTable();
            log.Event("platform", $"every resource is healthy after {started.Elapsed.TotalSeconds:F1} s; Ctrl+C stops everything", ConsoleColor.Green);
            using var stateWriter = StartStateWriter(shutdown.Token);
            await Task.Delay(Timeout.Infinite, shutdown.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Ctrl+C during start: fall through to the orderly stop.
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            log.Event("apphost", e.Message, ConsoleColor.Red);
            exitCode = 1;
        }
        finally
        {
            await StopAsync();
        }

        return exitCode;
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        log.Event("build", $"dotnet build SalesPlatform.sln -c {options.Configuration}");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = options.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", "SalesPlatform.sln", "-c", options.Configuration, "-nologo", "-v", "quiet" })
        {
            info.ArgumentList.Add(argument);
        }

        using var build = Process.Start(info)!;
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = build.StandardError.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"The build failed:\n{await output}\n{await errors}");
        }
    }

    private async Task StartInfrastructureAsync(CancellationToken cancellationToken)
    {
        string[] names = ["postgres", "redis", "rabbitmq"];
        if (options.ExternalInfrastructure)
        {
            foreach (var name in names)
            {
                var value = Environment.GetEnvironmentVariable($"ConnectionStrings__{name}")
                    ?? throw new InvalidOperationException($"--external-infra needs ConnectionStrings__{name} in the environment.");
                connectionStrings[name] = value;
                infrastructure.Add(new InfrastructureResource(name) { State = ResourceState.Healthy, Urls = { Redact(value) } });
            }

            managementUrl = Environment.GetEnvironmentVariable("RABBITMQ_MANAGEMENT_URL");
            return;
        }

        var offset = options.PortOffset;
        log.Event("infra", "starting PostgreSQL, Redis and RabbitMQ (scripts/infra.sh)");
        var output = await RunInfraScriptAsync(cancellationToken, "start",
            "--state-dir", Path.Combine(options.DataDirectory, "infra"),
            "--pg-port", (55432 + offset).ToString(), "--redis-port", (56379 + offset).ToString(),
            "--amqp-port", (55672 + offset).ToString());
        startedInfrastructure = true;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = line.IndexOf('=');
            if (separator < 0)
            {
                continue;
            }

            var (key, value) = (line[..separator], line[(separator + 1)..]);
            if (key.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            {
                connectionStrings[key["ConnectionStrings__".Length..]] = value;
            }
            else if (key == "RABBITMQ_MANAGEMENT_URL")
            {
                managementUrl = value;
            }
        }

        foreach (var name in names)
        {
            if (!connectionStrings.TryGetValue(name, out var value))
            {
                throw new InvalidOperationException($"scripts/infra.sh did not report ConnectionStrings__{name}:\n{output}");
            }

            infrastructure.Add(new InfrastructureResource(name) { State = ResourceState.Healthy, Urls = { Redact(value) } });
        }

        if (managementUrl is not null)
        {
            infrastructure.Single(i => i.Name == "rabbitmq").Urls.Add(managementUrl + " (management)");
        }
    }

    private async Task<string> RunInfraScriptAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = options.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(options.Root, "scripts", "infra.sh"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var script = Process.Start(info)!;
        var output = script.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = new StringBuilder();
        script.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.AppendLine(e.Data);
                log.Line("infra", e.Data);
            }
        };
        script.BeginErrorReadLine();
        await script.WaitForExitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/infra.sh {arguments[0]} failed (exit {script.ExitCode}):\n{errors}");
        }

        return await output;
    }

    private async Task CreateDatabasesAsync(CancellationToken cancellationToken)
    {
        var admin = connectionStrings["postgres"];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        foreach (var name in databases)
        {
            var database = options.DatabasePrefix + name;
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                log.Event("postgres", $"created database {database}");
            }

            connectionStrings[name] = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        }
    }

    /// <summary>Starts projects in waves: each wave holds every project whose dependencies are healthy.</summary>
    private async Task<bool> StartProjectsAsync(CancellationToken cancellationToken)
    {
        var pending = new List<ProjectResource>(projects);
        var healthy = new HashSet<ProjectResource>();
        while (pending.Count > 0)
        {
            var wave = pending.Where(p => p.WaitsFor.All(healthy.Contains)).ToList();
            if (wave.Count == 0)
            {
                throw new InvalidOperationException("Circular WaitFor between: " + string.Join(", ", pending.Select(p => p.Name)));
            }

            var results = await Task.WhenAll(wave.Select(project => StartProjectAsync(project, cancellationToken)));
            if (results.Any(ok => !ok))
            {
                foreach (var failed in wave.SelectMany(p => p.Processes).Where(p => p.State != ResourceState.Healthy))
                {
                    log.Event(failed.Name, $"failed: {failed.Reason}", ConsoleColor.Red);
                    foreach (var line in failed.LastLines)
                    {
                        log.Line(failed.Name, line);
                    }
                }

                return false;
            }

            healthy.UnionWith(wave);
            pending.RemoveAll(wave.Contains);
        }

        return true;
    }

    private async Task<bool> StartProjectAsync(ProjectResource project, CancellationToken cancellationToken)
    {
        var assembly = project.AssemblyPath(options.Root, options.Configuration);
        for (var i = 0; i < project.Replicas; i++)
        {
            var name = project.Replicas > 1 ? $"{project.Name}-{i}" : project.Name;
            var replica = new ServiceProcess(name, assembly, project.HttpUrl(i) + "/health", EnvironmentFor(project, i),
                Path.Combine(options.DataDirectory, "logs"), log);
            replica.Urls.Add(project.HttpUrl(i));
            if (project.GrpcUrl(i) is { } grpc)
            {
                replica.Urls.Add(grpc + " (gRPC)");
            }

            project.Processes.Add(replica);
        }

        log.Event(project.Name, $"starting {project.Replicas} instance(s)");
        var results = await Task.WhenAll(project.Processes.Select(p => p.StartAsync(cancellationToken)));
        return results.All(ok => ok);
    }

    private Dictionary<string, string> EnvironmentFor(ProjectResource project, int index)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Kestrel__Endpoints__Http__Url"] = project.HttpUrl(index),
            ["Kestrel__Endpoints__Http__Protocols"] = "Http1",
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{index}",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        if (project.GrpcUrl(index) is { } grpc)
        {
            environment["Kestrel__Endpoints__Grpc__Url"] = grpc;
            environment["Kestrel__Endpoints__Grpc__Protocols"] = "Http2";
        }

        if (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }

        if (options.Seed)
        {
            environment["Seed__DemoData"] = "true";
        }

        foreach (var name in project.ConnectionNames)
        {
            environment[$"ConnectionStrings__{name}"] = connectionStrings.TryGetValue(name, out var value)
                ? value
                : throw new InvalidOperationException($"{project.Name} needs connection '{name}', which no resource provides.");
        }

        foreach (var reference in project.References)
        {
            for (var i = 0; i < reference.Replicas; i++)
            {
                environment[$"services__{reference.Name}__http__{i}"] = reference.HttpUrl(i);
                if (reference.GrpcUrl(i) is { } referenceGrpc)
                {
                    environment[$"services__{reference.Name}__grpc__{i}"] = referenceGrpc;
                }
            }
        }

        foreach (var (key, value) in project.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    private void PrintTable()
    {
        var rows = new List<(string Name, string State, string Urls)>();
        rows.AddRange(infrastructure.Select(i => (i.Name, i.State.ToString(), string.Join("  ", i.Urls))));
        foreach (var process in projects.SelectMany(p => p.Processes))
        {
            var state = process.Restarts > 0 ? $"{process.State} ({process.Restarts} restarts)" : process.State.ToString();
            rows.Add((process.Name, state, string.Join("  ", process.Urls)));
        }

        var text = new StringBuilder().AppendLine().AppendLine($"{"RESOURCE",-20}{"STATE",-24}URL");
        foreach (var (name, state, urls) in rows)
        {
            text.AppendLine($"{name,-20}{state,-24}{urls}");
        }

        text.AppendLine($"logs: {Path.Combine(options.DataDirectory, "logs")}");
        if (options.Seed)
        {
            text.AppendLine($"demo users (password {SalesPlatform.ServiceDefaults.DemoOrganization.Password}): "
                + string.Join(", ", SalesPlatform.ServiceDefaults.DemoOrganization.People.Select(p => p.Email)));
            foreach (var note in projects.SelectMany(p => p.Processes).SelectMany(p => p.DevelopmentNotes).Distinct())
            {
                text.AppendLine(note);
            }
        }

        log.Block(text.ToString());
    }

    /// <summary>Writes <c>apphost/state.json</c> every second (PIDs, states, restarts) for scripts and tests.</summary>
    private IDisposable StartStateWriter(CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.DataDirectory, "apphost", "state.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new Timer(_ =>
        {
            var state = new
            {
                apphostPid = Environment.ProcessId,
                resources = projects.SelectMany(p => p.Processes).Select(p => new
                {
                    name = p.Name,
                    state = p.State.ToString(),
                    pid = p.Pid,
                    restarts = p.Restarts,
                    urls = p.Urls,
                }),
            };
            if (!cancellationToken.IsCancellationRequested)
            {
                var temporary = path + ".tmp";
                File.WriteAllText(temporary, JsonSerializer.Serialize(state));
                File.Move(temporary, path, overwrite: true);
            }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    private async Task StopAsync()
    {
        log.Event("platform", "stopping services, then infrastructure", ConsoleColor.Yellow);
        var grace = TimeSpan.FromSeconds(10);
        foreach (var project in Enumerable.Reverse(projects))
        {
            await Task.WhenAll(project.Processes.Select(p => p.StopAsync(grace)));
        }

        if (startedInfrastructure)
        {
            try
            {
                await RunInfraScriptAsync(CancellationToken.None, "stop", "--state-dir", Path.Combine(options.DataDirectory, "infra"));
            }
            catch (InvalidOperationException e)
            {
                log.Event("infra", e.Message, ConsoleColor.Red);
            }
        }

        File.Delete(Path.Combine(options.DataDirectory, "apphost", "state.json"));
        log.Event("platform", "stopped", ConsoleColor.Yellow);
    }

    private static string Redact(string connectionString) =>
        System.Text.RegularExpressions.Regex.Replace(connectionString, "(Password=)[^;]*|(://[^:/@]+:)[^@]*@", m =>
            m.Groups[1].Success ? m.Groups[1].Value + "***" : m.Groups[2].Value + "***@");
}
