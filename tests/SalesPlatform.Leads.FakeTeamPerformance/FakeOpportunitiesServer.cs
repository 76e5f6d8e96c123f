using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Protos.Opportunities;

namespace SalesPlatform.Leads.FakeTeamPerformance;

/// <summary>opportunities.proto on loopback for services that call opportunities (contracts' drafts from an accepted quote).</summary>
public sealed class FakeOpportunitiesServer : IAsyncDisposable
{
    private readonly FakeGrpcHost<FakeOpportunitiesService> host;

    private FakeOpportunitiesServer() => host = new(services => services.AddSingleton(this));

    /// <summary>Accepted quotes by opportunity id (others: NOT_FOUND).</summary>
    public Dictionary<Guid, AcceptedQuote> Quotes { get; } = [];

    /// <summary>The address to configure as the service's <c>grpc</c> endpoint.</summary>
    public string Address => host.Address;

    public bool IsRunning => host.IsRunning;

    public static async Task<FakeOpportunitiesServer> StartAsync()
    {
        var server = new FakeOpportunitiesServer();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts listening (again, on the same port after <see cref="StopAsync"/>).</summary>
    public Task StartAgainAsync() => host.StartAsync();

    /// <summary>Stops listening: calls fail until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => host.StopAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();
}

internal sealed class FakeOpportunitiesService(FakeOpportunitiesServer server) : SalesPlatform.Protos.Opportunities.Opportunities.OpportunitiesBase
{
    public override Task<AcceptedQuote> GetAcceptedQuote(GetAcceptedQuoteRequest request, ServerCallContext context) =>
        Guid.TryParse(request.OpportunityId, out var id) && server.Quotes.TryGetValue(id, out var quote)
            ? Task.FromResult(quote)
            : throw new RpcException(new Status(StatusCode.NotFound, $"Opportunity '{request.OpportunityId}' has no accepted quote."));
}
