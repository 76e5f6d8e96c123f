using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesPlatform.Events.Leads;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Jobs;

// Several types in one file: The SLA scan and the assignment-queue job with their options: both walk the same leads on a schedule.
/// <summary>Settings of the leads jobs, section <c>Leads:Jobs</c> (on/off and intervals: <c>Jobs:&lt;Name&gt;</c>).</summary>
public sealed class LeadJobOptions
{
    public const string Section = "Leads:Jobs";

    /// <summary>Leads one round of the SLA scan or the assignment queue looks at.</summary>
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Reminds the owner and their manager before a first contact is due (the grade's <c>remindBefore</c>), and
/// at every overdue first contact or follow-up raises <see cref="LeadSlaBreached"/> once and notifies them
/// both (<c>GET /api/leads/notifications</c>). An exclusive job (one replica at a time, <c>Jobs:SlaScan</c>);
/// the reminder or breach is marked on the lead in the same transaction as the event and the notifications,
/// so each is raised once even if rounds overlap. Team performance down: the owner is still notified.
/// </summary>
public sealed class SlaScan(LeadsDbContext db, IOptions<LeadJobOptions> options, TimeProvider clock, ReportingCalendar calendar,
    TeamDirectory directory) : IScheduledJob
{
    /// <summary>Job name: settings <c>Jobs:SlaScan:Enabled</c> and <c>Jobs:SlaScan:Interval</c>.</summary>
    public const string Name = "SlaScan";

    /// <summary>Runs one scan; returns how many breaches it raised.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var now = clock.GetUtcNow();
        var batch = options.Value.BatchSize;
        var open = new[] { LeadStatus.Assigned, LeadStatus.Contacted };
        var firstContact = await db.Leads
            .Where(l => l.FirstContactedAt == null && l.FirstContactBreachedAt == null && l.FirstContactDueAt < now && open.Contains(l.Status))
            .OrderBy(l => l.FirstContactDueAt).Take(batch).ToListAsync(ct);
        var followUp = await db.Leads
            .Where(l => l.NextFollowUpDueAt < now && (l.FollowUpBreachReportedFor == null || l.FollowUpBreachReportedFor != l.NextFollowUpDueAt)
                && open.Contains(l.Status))
            .OrderBy(l => l.NextFollowUpDueAt).Take(batch).ToListAsync(ct);

        var sla = await PolicyStore.LoadAsync<SlaPolicy>(db, ct);
        var horizon = now + sla.LongestReminder;
        var dueSoon = await db.Leads
            .Where(l => l.FirstContactedAt == null && l.FirstContactRemindedAt == null && l.OwnerId != null && l.FirstContactDueAt > now
                && l.FirstContactDueAt <= horizon && open.Contains(l.Status))
            .OrderBy(l => l.FirstContactDueAt).Take(batch).ToListAsync(ct);

        var raised = 0;
        foreach (var lead in dueSoon)
        {
            if (lead.MarkFirstContactDueSoon(now, sla))
            {
                var due = lead.FirstContactDueAt!.Value;
                await NotifyAsync(lead, "lead.first-contact-due-soon",
                    $"{lead.Grade} 级线索“{lead.Company}”须在 {Local(due)} 前首次联系 / Grade {lead.Grade} lead {lead.Company}: first contact due by {Local(due)} (Beijing time)",
                    due, now, ct);
            }
        }

        foreach (var lead in firstContact)
        {
            var due = lead.FirstContactDueAt!.Value;
            if (lead.MarkFirstContactBreached(now))
            {
                db.AddEvent(new LeadSlaBreached(lead.Id, lead.OwnerId!.Value, "first-contact", lead.Grade, due, now) { OccurredAt = now }, clock);
                await NotifyAsync(lead, "lead.first-contact-overdue",
                    $"{lead.Grade} 级线索“{lead.Company}”首次联系已超时（应于 {Local(due)}）/ Grade {lead.Grade} lead {lead.Company}: first contact overdue since {Local(due)} (Beijing time)",
                    due, now, ct);
                raised++;
            }
        }

        foreach (var lead in followUp)
        {
            var due = lead.NextFollowUpDueAt!.Value;
            if (lead.MarkFollowUpBreached(now))
            {
                db.AddEvent(new LeadSlaBreached(lead.Id, lead.OwnerId!.Value, "follow-up", lead.Grade, due, now) { OccurredAt = now }, clock);
                await NotifyAsync(lead, "lead.follow-up-overdue",
                    $"线索“{lead.Company}”跟进已超时（应于 {Local(due)}）/ Lead {lead.Company}: follow-up overdue since {Local(due)} (Beijing time)",
                    due, now, ct);
                raised++;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return raised;
    }

    private string Local(DateTimeOffset at) => calendar.ToLocal(at).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    // The owner and the owner's manager (the owner alone when team performance is down).
    private async Task NotifyAsync(Lead lead, string kind, string message, DateTimeOffset due, DateTimeOffset now, CancellationToken ct)
    {
        var owner = lead.OwnerId!.Value;
        db.Notify(await directory.OwnerAndManagerAsync(owner, ct), kind, $"lead:{lead.Id}", message,
            new { leadId = lead.Id, grade = lead.Grade, company = lead.Company, dueAt = due, ownerId = owner }, now);
    }
}

/// <summary>
/// Assigns queued leads when possible (team performance back, a rule added, capacity freed).
/// Replicas share the work: each claims a batch with FOR UPDATE SKIP LOCKED. A batch stops at
/// the first sign that team performance is down. A lead no rule or rep could take waits out its
/// back-off (<see cref="Domain.AssignmentPolicy.RetryAfter"/>); changing the assignment policy clears it.
/// </summary>
public sealed class AssignmentQueue(LeadsDbContext db, Assignment.LeadAssigner assigner, IOptions<LeadJobOptions> options, TimeProvider clock,
    ILogger<AssignmentQueue> logger) : IScheduledJob
{
    /// <summary>Job name: settings <c>Jobs:AssignmentQueue:Enabled</c> and <c>Jobs:AssignmentQueue:Interval</c>.</summary>
    public const string Name = "AssignmentQueue";

    /// <summary>Tries the oldest-tried queued leads once; returns how many got an owner.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Only leads whose back-off has passed: one that no rule or rep can take is not retried every run.
        var leads = await db.Leads
            .FromSqlInterpolated($"""
                SELECT * FROM leads WHERE status = 'Queued' AND (next_queue_attempt_at IS NULL OR next_queue_attempt_at <= {now})
                ORDER BY next_queue_attempt_at NULLS FIRST, updated_at LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (leads.Count == 0)
        {
            return 0;
        }

        var policy = await PolicyStore.LoadAsync<AssignmentPolicy>(db, ct);
        var sla = await PolicyStore.LoadAsync<SlaPolicy>(db, ct);
        var load = new Dictionary<Guid, int>();
        var assigned = 0;
        foreach (var lead in leads)
        {
            try
            {
                var decision = await assigner.AssignAsync(lead, policy, sla, now, ct, throwWhenDown: true, extraLoad: load);
                if (decision.OwnerId is not null)
                {
                    db.AddEvent(LeadEvents.Assigned(lead, null, now), clock);
                    assigned++;
                }
            }
            catch (TeamPerformanceUnavailableException e)
            {
                logger.LogWarning("Assignment queue paused: {Error}", e.Message);
                lead.QueueForNextRun("queued: team performance unavailable", now);
                break;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return assigned;
    }
}
