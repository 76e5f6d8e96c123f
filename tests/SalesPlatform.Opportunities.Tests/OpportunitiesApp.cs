using System.Net.Http.Json;
using SalesPlatform.Opportunities.Data;
using SalesPlatform.Testing;

namespace SalesPlatform.Opportunities.Tests;

/// <summary>The opportunities host on real servers (<see cref="ServiceApp{TMarker, TDbContext}"/>), with price book and deal helpers.</summary>
public sealed class OpportunitiesApp() : ServiceApp<OpportunitiesServiceMarker, OpportunitiesDbContext>("opportunitiesdb")
{
    /// <summary>A product in the price book (created once per code).</summary>
    public async Task<string> ProductAsync(string code, decimal listPrice, decimal unitCost, object[]? tiers = null, string kind = "product", string currency = "CNY",
        object[]? components = null)
    {
        using var response = await Admin().PostAsJsonAsync("/api/opportunities/products",
            new { code, name = "产品" + code, kind, currency, listPrice, unitCost, tiers, components, unit = "台" });
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return code;
    }

    /// <summary>An opportunity opened by hand for RepA.</summary>
    public async Task<Guid> OpenAsync(decimal amount = 500_000m, Guid? customer = null)
    {
        using var response = await Rep().PostAsJsonAsync("/api/opportunities",
            new { name = "二期产线" + Guid.NewGuid().ToString("N")[..6], customerId = customer ?? Guid.NewGuid(), customerName = "苏州精密机械", amount, currency = "CNY", expectedCloseDate = "2027-03-31" });
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await ReadAsync(response)).GetProperty("id").GetGuid();
    }
}
