using Microsoft.EntityFrameworkCore;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Pipeline bookkeeping shared by the stage/won/lost consumers; the row is locked so concurrent events of one opportunity apply in turn (the newer one wins).</summary>
public static class Pipelines
{
    /// <summary>A closed opportunity is no longer open pipeline.</summary>
    public static async Task CloseAsync(TeamPerformanceDbContext db, Guid opportunityId, DateTimeOffset at, CancellationToken ct)
    {
        var entry = await LockAsync(db, opportunityId, ct);
        if (entry is not null && entry.UpdatedAt <= at)
        {
            entry.Amount = 0;
            entry.Stage = "closed";
            entry.UpdatedAt = at;
        }
    }

    public static Task<PipelineEntry?> LockAsync(TeamPerformanceDbContext db, Guid opportunityId, CancellationToken ct) =>
        db.Pipeline.FromSqlInterpolated($"SELECT * FROM pipeline WHERE opportunity_id = {opportunityId} FOR UPDATE").FirstOrDefaultAsync(ct);
}
