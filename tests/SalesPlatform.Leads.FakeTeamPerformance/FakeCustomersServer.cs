using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesPlatform.Protos.Customers;

namespace SalesPlatform.Leads.FakeTeamPerformance;

/// <summary>
/// customers.proto on loopback for services that call customers (contracts' credit gate): the profiles tests set, a clean low-risk one
/// otherwise; it can be stopped to play customers being down.
/// </summary>
public sealed class FakeCustomersServer : IAsyncDisposable
{
    private WebApplication? app;
    private int port;

    /// <summary>Credit profiles by customer id.</summary>
    public Dictionary<Guid, CreditProfile> Profiles { get; } = [];

    /// <summary>The address to configure as <c>services:customers:grpc:0</c>.</summary>
    public string Address => $"http://127.0.0.1:{port}";

    public static async Task<FakeCustomersServer> StartAsync()
    {
        var server = new FakeCustomersServer();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts listening (again, on the same port after <see cref="StopAsync"/>).</summary>
    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        var started = builder.Build();
        started.MapGrpcService<FakeCustomersService>();
        await started.StartAsync();
        if (port == 0)
        {
            port = new Uri(started.Urls.First()).Port;
        }

        app = started;
    }

    /// <summary>Stops listening: calls fail until <see cref="StartAgainAsync"/>.</summary>
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

    /// <summary>A profile with the given rating (and blacklist).</summary>
    public static CreditProfile Profile(Guid customer, string risk, bool blacklisted = false, string? reason = null) => new()
    {
        CustomerId = customer.ToString(), Payments = 10, OnTimePayments = risk == "low" ? 10 : 6, OnTimeRatio = risk == "low" ? 1 : 0.6,
        CreditClass = risk == "low" ? "A" : "D", Blacklisted = blacklisted, BlacklistReason = reason ?? "", BlacklistedBy = blacklisted ? "高菲（财务）" : "",
        RiskRating = risk, RiskRule = risk == "low" ? "on time" : "90+ days late",
    };
}

internal sealed class FakeCustomersService(FakeCustomersServer server) : Customers.CustomersBase
{
    public override Task<CreditProfile> GetCreditProfile(GetCreditProfileRequest request, ServerCallContext context) =>
        Task.FromResult(Guid.TryParse(request.CustomerId, out var id) && server.Profiles.TryGetValue(id, out var profile)
            ? profile : FakeCustomersServer.Profile(Guid.TryParse(request.CustomerId, out var any) ? any : Guid.Empty, "low"));
}
