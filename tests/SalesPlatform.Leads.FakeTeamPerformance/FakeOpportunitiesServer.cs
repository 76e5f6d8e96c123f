using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesPlatform.Protos.Opportunities;

namespace SalesPlatform.Leads.FakeTeamPerformance;

/// <summary>opportunities.proto on loopback for services that call opportunities (contracts' drafts from an accepted quote).</summary>
public sealed class FakeOpportunitiesServer : IAsyncDisposable
{
    private WebApplication? app;
    private int port;

    /// <summary>Accepted quotes by opportunity id (others: NOT_FOUND).</summary>
    public Dictionary<Guid, AcceptedQuote> Quotes { get; } = [];

    /// <summary>The address to configure as <c>services:opportunities:grpc:0</c>.</summary>
    public string Address => $"http://127.0.0.1:{port}";

    public static async Task<FakeOpportunitiesServer> StartAsync()
    {
        var server = new FakeOpportunitiesServer();
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
        started.MapGrpcService<FakeOpportunitiesService>();
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
}

internal sealed class FakeOpportunitiesService(FakeOpportunitiesServer server) : SalesPlatform.Protos.Opportunities.Opportunities.OpportunitiesBase
{
    public override Task<AcceptedQuote> GetAcceptedQuote(GetAcceptedQuoteRequest request, ServerCallContext context) =>
        Guid.TryParse(request.OpportunityId, out var id) && server.Quotes.TryGetValue(id, out var quote)
            ? Task.FromResult(quote)
            : throw new RpcException(new Status(StatusCode.NotFound, $"Opportunity '{request.OpportunityId}' has no accepted quote."));
}
