using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Protos.Customers;

namespace SalesPlatform.Leads.FakeTeamPerformance;

/// <summary>
/// customers.proto on loopback for services that call customers (contracts' credit gate): the profiles tests set, a clean low-risk one
/// otherwise; it can be stopped to play customers being down.
/// </summary>
public sealed class FakeCustomersServer : IAsyncDisposable
{
    private readonly FakeGrpcHost<FakeCustomersService> host;

    private FakeCustomersServer() => host = new(services => services.AddSingleton(this));

    /// <summary>Credit profiles by customer id.</summary>
    public Dictionary<Guid, CreditProfile> Profiles { get; } = [];

    /// <summary>The address to configure as the service's <c>grpc</c> endpoint.</summary>
    public string Address => host.Address;

    public bool IsRunning => host.IsRunning;

    public static async Task<FakeCustomersServer> StartAsync()
    {
        var server = new FakeCustomersServer();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts listening (again, on the same port after <see cref="StopAsync"/>).</summary>
    public Task StartAgainAsync() => host.StartAsync();

    /// <summary>Stops listening: calls fail until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => host.StopAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();

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
