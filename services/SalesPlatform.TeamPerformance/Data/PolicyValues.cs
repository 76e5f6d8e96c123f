using Microsoft.EntityFrameworkCore;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Data;

/// <summary>Reads a policy's current value from its row, falling back to the definition's default when the row is missing.</summary>
public static class PolicyValues
{
    public static async Task<decimal> GetAsync(TeamPerformanceDbContext db, string key, CancellationToken ct)
    {
        var row = await db.Policies.AsNoTracking().Where(p => p.Key == key).Select(p => (decimal?)p.Value).FirstOrDefaultAsync(ct);
        return row ?? PolicyDefinition.Of(key).Default;
    }
}
