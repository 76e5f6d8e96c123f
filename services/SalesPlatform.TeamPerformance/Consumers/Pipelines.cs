using SalesPlatform.TeamPerformance.Data;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Pipeline bookkeeping shared by the won/lost consumers.</summary>
public static class Pipelines
{
    /// <summary>A closed opportunity is no longer open pipeline.</summary>
    public static async Task CloseAsync(TeamPerformanceDbContext db, Guid opportunityId, DateTimeOffset at, CancellationToken ct)
    {
        var entry = await db.Pipeline.FindAsync([opportunityId], ct);
        if (entry is not null && entry.UpdatedAt <= at)
        {
            entry.Amount = 0;
            entry.Stage = "closed";
            entry.UpdatedAt = at;
        }
    }
}
