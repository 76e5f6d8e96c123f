using System.Net.Http.Json;
using SalesPlatform.Contracts.Data;
using SalesPlatform.Domain;
using SalesPlatform.Leads.FakeTeamPerformance;
using SalesPlatform.Testing;

namespace SalesPlatform.Contracts.Tests;

/// <summary>The contracts host on real servers (<see cref="ServiceApp{TMarker, TDbContext}"/>) with fake customers and opportunities it calls over gRPC.</summary>
public sealed class ContractsApp() : ServiceApp<ContractsServiceMarker, ContractsDbContext>("contractsdb")
{
    public FakeCustomersServer Customers { get; private set; } = null!;

    public FakeOpportunitiesServer Opportunities { get; private set; } = null!;

    protected override async Task ConfigureAsync(IDictionary<string, string?> settings)
    {
        Customers = await FakeCustomersServer.StartAsync();
        Opportunities = await FakeOpportunitiesServer.StartAsync();
        settings["services:customers:grpc:0"] = Customers.Address;
        settings["services:opportunities:grpc:0"] = Opportunities.Address;
        settings["CustomersClient:Deadline"] = "00:00:01";
        settings["Jobs:OverdueProcess:Enabled"] = "false";
    }

    protected override async ValueTask StopFakesAsync()
    {
        await Customers.DisposeAsync();
        await Opportunities.DisposeAsync();
    }

    /// <summary>A contract drafted by hand for RepA.</summary>
    public async Task<(Guid Id, Guid Customer)> DraftAsync(decimal amount, decimal? deposit = null, Guid? customer = null, Guid? owner = null)
    {
        var customerId = customer ?? Guid.NewGuid();
        using var response = await (owner is null ? Rep() : Admin()).PostAsJsonAsync("/api/contracts", new
        {
            title = "视觉检测工作站采购合同", customerId, customerName = "苏州精密机械有限公司", amount, currency = "CNY", depositShare = deposit, ownerId = owner,
            lines = new[] { new { productCode = "VIS-200", productName = "视觉检测工作站", quantity = 1m, unitPrice = amount } },
        });
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return ((await ReadAsync(response)).GetProperty("id").GetGuid(), customerId);
    }

    /// <summary>Legal's review with every item passed.</summary>
    public async Task PassLegalAsync(Guid id)
    {
        using var response = await Client(Roles.Legal, Guid.CreateVersion7()).PutAsJsonAsync($"/api/contracts/{id}/legal-review", new
        {
            items = new[] { "ip-ownership", "confidentiality", "data-protection", "anti-bribery", "penalty-clauses", "other" }
                .Select(i => new { item = i, passed = true, note = (string?)null }),
        });
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
