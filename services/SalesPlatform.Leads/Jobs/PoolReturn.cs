using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesPlatform.Domain;
using SalesPlatform.Events.Leads;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Leads.Jobs;

/// <summary>
/// Sends leads their owners have not worked within their grade's days back to the pool
/// (<see cref="PoolPolicy"/>), warning the owner <c>warnDaysBefore</c> days ahead, once per due time. Each
/// return, its <see cref="LeadReturnedToPool"/> event, its ownership-history row and the notification are
/// one transaction. An exclusive job (<c>Jobs:PoolReturn</c>).
/// </summary>
public sealed class PoolReturn(LeadsDbContext db, IOptions<LeadJobOptions> options, TimeProvider clock, ReportingCalendar calendar) : IScheduledJob
{
    /// <summary>Job name: settings <c>Jobs:PoolReturn:Enabled</c> and <c>Jobs:PoolReturn:Interval</c>.</summary>
    public const string Name = "PoolReturn";

    /// <summary>Runs one round; returns how many leads went back to the pool.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var policy = await PolicyStore.LoadAsync<PoolPolicy>(db, ct);
        var open = new[] { LeadStatus.Assigned, LeadStatus.Contacted };
        var returned = 0;
        foreach (var rule in policy.ReturnAfter.Where(r => r.Days is not null))
        {
            var warnFrom = now.AddDays(policy.WarnDaysBefore - rule.Days!.Value);
            var dueFrom = now.AddDays(-rule.Days!.Value);
            // Due to return, or due a warning not yet sent (working the lead clears the warning).
            var leads = await db.Leads
                .Where(l => l.OwnerId != null && l.Grade == rule.Grade && open.Contains(l.Status)
                    && (l.LastWorkedAt <= dueFrom || (l.LastWorkedAt <= warnFrom && l.PoolWarningSentFor == null)))
                .OrderBy(l => l.LastWorkedAt).Take(options.Value.BatchSize).ToListAsync(ct);
            foreach (var lead in leads)
            {
                var due = policy.ReturnDue(lead)!.Value;
                var owner = lead.OwnerId!.Value;
                if (due <= now)
                {
                    var reason = $"not worked for {rule.Days} days (grade {lead.Grade})";
                    lead.ReturnToPool("returned", reason, "system", now);
                    db.AddEvent(new LeadReturnedToPool(lead.Id, owner, "returned", reason, lead.PartnerId) { OccurredAt = now }, clock);
                    db.Notify([owner], "lead.returned-to-pool", $"lead:{lead.Id}",
                        $"线索“{lead.Company}”{rule.Days} 天未跟进，已退回线索池 / Lead {lead.Company} went back to the pool: not worked for {rule.Days} days",
                        new { leadId = lead.Id, grade = lead.Grade, company = lead.Company, days = rule.Days }, now);
                    returned++;
                }
                else if (lead.MarkPoolWarning(due, now))
                {
                    var local = calendar.ToLocal(due).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
                    db.Notify([owner], "lead.pool-return-soon", $"lead:{lead.Id}",
                        $"线索“{lead.Company}”如不跟进，将于 {local} 退回线索池 / Lead {lead.Company} goes back to the pool at {local} (Beijing time) unless worked",
                        new { leadId = lead.Id, grade = lead.Grade, company = lead.Company, returnAt = due }, now);
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return returned;
    }
}
