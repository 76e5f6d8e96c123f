using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Customers.Endpoints;
using SalesPlatform.Events.Customers;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Jobs;

/// <summary>
/// Escalates complaints nobody responded to in time: marks the breach, publishes <see cref="ComplaintSlaBreached"/>
/// and notifies the customer's owner and the owner's manager (team performance; the owner alone when it is down),
/// all in one transaction, once per complaint. An exclusive job (<c>Jobs:ComplaintSlaScan</c>) on the injected clock.
/// </summary>
public sealed class ComplaintSlaScan(CustomersDbContext db, TimeProvider clock, TeamDirectory directory) : IScheduledJob
{
    public const string Name = "ComplaintSlaScan";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Complaints
            .Where(c => c.Status == ComplaintStatus.Open && c.RespondedAt == null && c.BreachedAt == null && c.ResponseDueAt < now)
            .OrderBy(c => c.ResponseDueAt).Take(200).ToListAsync(ct);
        var raised = 0;
        foreach (var complaint in due)
        {
            if (!complaint.MarkBreached(now))
            {
                continue;
            }

            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == complaint.CustomerId, ct);
            db.AddEvent(new ComplaintSlaBreached(complaint.Id, customer.Id, customer.OwnerId, complaint.Category, complaint.Severity, complaint.ResponseDueAt)
            {
                OccurredAt = now,
            }, clock);
            var recipients = customer.OwnerId is { } owner ? await directory.OwnerAndManagerAsync(owner, ct) : [];
            db.Notify(recipients, "complaint.response-overdue", $"complaint:{complaint.Id}",
                $"客户“{customer.Name}”的客诉超时未响应，已升级 / Complaint of {customer.Name} not answered in time: escalated",
                new { complaintId = complaint.Id, customerId = customer.Id, severity = complaint.Severity, dueAt = complaint.ResponseDueAt }, now);
            db.Timeline.Add(ComplaintEndpoints.Entry(complaint, "complaint.escalated",
                "响应超时，已升级至负责人的上级 / No response in time: escalated to the owner's manager", now));
            raised++;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return raised;
    }
}
