using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>
/// Keeps each rep's open-lead load from lead events: one row per lead says who owns it and whether it is
/// open, so a reassignment moves the load and a close releases it exactly once, whatever the event order.
/// </summary>
public static class LeadLoads
{
    /// <summary>Gives the lead to <paramref name="ownerId"/>; returns true when the owner changed (or the lead is new to us).</summary>
    public static async Task<bool> AssignAsync(TeamPerformanceDbContext db, Guid leadId, Guid ownerId, Guid? partnerId, DateTimeOffset now,
        CancellationToken ct)
    {
        var load = await db.LeadLoads.FindAsync([leadId], ct);
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
            (await db.People.FindAsync([load.OwnerId], ct))?.ReleaseOpenLead();
        }

        load.OwnerId = ownerId;
        load.PartnerId ??= partnerId;
        load.Open = true;
        load.UpdatedAt = now;
        (await db.People.FindAsync([ownerId], ct))?.AddOpenLead();
        return true;
    }

    /// <summary>Closes the lead (converted, disqualified, recycled) and releases its owner's load once.</summary>
    public static async Task CloseAsync(TeamPerformanceDbContext db, Guid leadId, DateTimeOffset now, CancellationToken ct)
    {
        var load = await db.LeadLoads.FindAsync([leadId], ct);
        if (load is not { Open: true })
        {
            return;
        }

        load.Open = false;
        load.UpdatedAt = now;
        (await db.People.FindAsync([load.OwnerId], ct))?.ReleaseOpenLead();
    }
}
