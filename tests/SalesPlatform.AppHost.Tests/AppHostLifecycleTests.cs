using System.Diagnostics;
using SalesPlatform.Testing;

namespace SalesPlatform.AppHost.Tests;

/// <summary>
/// Runs the real AppHost with every real service on the test servers: all healthy, the gateway
/// answers, a killed service is restarted, SIGTERM stops everything and leaves no process behind.
/// </summary>
public sealed class AppHostLifecycleTests(InfrastructureFixture infra) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task AppHost_StartsHealthy_RestartsCrashedService_AndStopsEverything()
    {
        await using var platform = await RunningPlatform.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "SalesPlatform.AppHost.dll"), infra);

        var state = await platform.ReadStateAsync();
        Assert.All(state, r => Assert.Equal("Healthy", r.State));
        Assert.Equal(["teamperformance", "identity", "leads", "gateway"], state.Select(r => r.Name));
        var pids = state.Select(r => r.Pid!.Value).ToList();

        // Crash one service: the AppHost must notice, restart it and see it healthy again.
        var leads = state.Single(r => r.Name == "leads");
        Process.GetProcessById(leads.Pid!.Value).Kill();
        await Eventually.UntilAsync(async () =>
        {
            var now = (await platform.ReadStateAsync()).Single(r => r.Name == "leads");
            return now is { Restarts: >= 1, State: "Healthy" } && now.Pid != leads.Pid;
        }, TimeSpan.FromSeconds(90), "the killed leads service should be restarted and healthy:\n" + platform.Tail());
        pids.Add((await platform.ReadStateAsync()).Single(r => r.Name == "leads").Pid!.Value);

        // A clean stop: SIGTERM, exit code 0, no service process left.
        Assert.Equal(0, await platform.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} is still running after the AppHost stopped"));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
