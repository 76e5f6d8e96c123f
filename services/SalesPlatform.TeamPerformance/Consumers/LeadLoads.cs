using Microsoft.EntityFrameworkCore;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>
/// Keeps each rep's open-lead load from lead events: one row per lead says who owns it and whether it is
/// open, so a reassignment moves the load and a close releases it exactly once, whatever the event order.
/// The lead row is locked (FOR UPDATE) and the counters change with atomic UPDATEs, so events of one lead or
/// one rep handled at the same time on different queues never lose an update.
/// </summary>
public static class LeadLoads
{
    /// <summary>Gives the lead to <paramref name="ownerId"/>; returns true when the owner changed (or the lead is new or reopened).</summary>
    public static async Task<bool> AssignAsync(TeamPerformanceDbContext db, Guid leadId, Guid ownerId, Guid? partnerId, DateTimeOffset now,
        CancellationToken ct)
    {
        var load = await LockAsync(db, leadId, ct);
        if (load is { Open: true } && load.OwnerId == ownerId)
        {
            return false;
        }

        if (load is null)
        {
            load = new LeadLoad { LeadId = leadId, OwnerId = ownerId, PartnerId = partnerId };
            db.LeadLoads.Add(load);
        }
        else if (load.Open)
        {
            await ReleaseAsync(db, load.OwnerId, ct);
        }

        load.OwnerId = ownerId;
        load.PartnerId ??= partnerId;
        load.Open = true;
        load.UpdatedAt = now;
        await db.People.Where(p => p.Id == ownerId).ExecuteUpdateAsync(s => s.SetProperty(p => p.OpenLeads, p => p.OpenLeads + 1), ct);
        return true;
    }

    /// <summary>Closes the lead (converted, disqualified, recycled) and releases its owner's load once.</summary>
    public static async Task CloseAsync(TeamPerformanceDbContext db, Guid leadId, DateTimeOffset now, CancellationToken ct)
    {
        var load = await LockAsync(db, leadId, ct);
        if (load is not { Open: true })
        {
            return;
        }

        load.Open = false;
        load.UpdatedAt = now;
        await ReleaseAsync(db, load.OwnerId, ct);
    }

    private static Task<LeadLoad?> LockAsync(TeamPerformanceDbContext db, Guid leadId, CancellationToken ct) =>
        db.LeadLoads.FromSqlInterpolated($"SELECT * FROM lead_loads WHERE lead_id = {leadId} FOR UPDATE").FirstOrDefaultAsync(ct);

    // Never below zero: a close may arrive for a lead assigned before this service tracked loads.
    private static Task<int> ReleaseAsync(TeamPerformanceDbContext db, Guid ownerId, CancellationToken ct) =>
        db.People.Where(p => p.Id == ownerId && p.OpenLeads > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OpenLeads, p => p.OpenLeads - 1), ct);
}
