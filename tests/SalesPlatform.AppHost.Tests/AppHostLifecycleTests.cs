using System.Diagnostics;
using SalesPlatform.Testing;

namespace SalesPlatform.AppHost.Tests;

/// <summary>
/// The real Aspire AppHost with every real service on the test servers (Aspire.Hosting.Testing):
/// all healthy, the gateway answers, and stopping the app leaves no service process behind.
/// </summary>
public sealed class AppHostLifecycleTests(InfrastructureFixture infra) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task AppHost_StartsEveryServiceHealthy_AndStopsEverything()
    {
        var platform = await RunningPlatform.StartAsync<Projects.SalesPlatform_AppHost>(infra);
        List<int> pids;
        try
        {
            using var http = new HttpClient { BaseAddress = platform.Gateway };
            using var health = await http.GetAsync("/health");
            Assert.True(health.IsSuccessStatusCode, await health.Content.ReadAsStringAsync());
            pids = [];
            foreach (var service in RunningPlatform.Services)
            {
                pids.AddRange(await platform.ProcessIdsAsync(service));
            }

            Assert.True(pids.Count >= RunningPlatform.Services.Count, $"process ids: {string.Join(", ", pids)}");
        }
        finally
        {
            await platform.DisposeAsync();
        }

        await Eventually.UntilAsync(() => Task.FromResult(pids.All(pid => !IsRunning(pid))), TimeSpan.FromSeconds(60),
            "every service process ends when the AppHost stops");
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
