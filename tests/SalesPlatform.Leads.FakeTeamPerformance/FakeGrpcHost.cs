using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesPlatform.Leads.FakeTeamPerformance;

/// <summary>
/// A gRPC service on loopback for tests of the services that call it: one way to start it, stop it (to play the service being down) and start
/// it again on the same port. <typeparamref name="TService"/> is the fake's gRPC service; <paramref name="register"/> adds what it reads.
/// </summary>
public sealed class FakeGrpcHost<TService>(Action<IServiceCollection> register) : IAsyncDisposable where TService : class
{
    private WebApplication? app;
    private int port;

    /// <summary>The address to configure as <c>services:&lt;name&gt;:grpc:0</c>.</summary>
    public string Address => $"http://127.0.0.1:{port}";

    public bool IsRunning => app is not null;

    /// <summary>Starts listening (again, on the same port after <see cref="StopAsync"/>).</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The test output holds the service's appsettings.json (its Kestrel ports): ignore it.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        register(builder.Services);
        var started = builder.Build();
        started.MapGrpcService<TService>();
        await started.StartAsync();
        if (port == 0)
        {
            port = new Uri(started.Urls.First()).Port;
        }

        app = started;
    }

    /// <summary>Stops listening: calls fail until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
