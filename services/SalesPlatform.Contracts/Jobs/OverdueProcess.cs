using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Contracts.Data;
using SalesPlatform.Contracts.Domain;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Contracts.Jobs;

/// <summary>
/// Walks the collections process (<see cref="CollectionsPolicy"/>) over unpaid instalments of signed contracts, on the reporting calendar's days:
/// a reminder before the due date, then each overdue step once (a notification to its owner: the rep, the rep's manager or finance), and
/// <c>PaymentOverdue</c> once per ageing bucket an instalment enters. Each action is recorded, so a second run adds nothing. An exclusive
/// job (<c>Jobs:OverdueProcess</c>) on the injected clock.
/// </summary>
public sealed class OverdueProcess(ContractsDbContext db, TimeProvider clock, ReportingCalendar calendar, TeamDirectory directory) : IScheduledJob
{
    public const string Name = "OverdueProcess";

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var today = calendar.DateOf(now);
        var policy = await PolicyStore.LoadAsync<CollectionsPolicy>(db, ct);
        var remindFrom = today.AddDays(policy.RemindDaysBefore);
        var open = await db.Instalments.Where(i => i.Status != InstalmentStatus.Void && i.Paid < i.Amount && i.DueDate <= remindFrom)
            .Join(db.Contracts.Where(c => c.Status == ContractStatus.Signed || c.Status == ContractStatus.InForce), i => i.ContractId, c => c.Id, (i, c) => new { i, c })
            .OrderBy(x => x.i.DueDate).Take(1000).ToListAsync(ct);
        var ids = open.Select(x => x.i.Id).ToList();
        var done = (await db.OverdueActions.Where(a => ids.Contains(a.InstalmentId)).Select(a => new { a.InstalmentId, a.Key }).ToListAsync(ct))
            .Select(a => (a.InstalmentId, a.Key)).ToHashSet();
        var actions = 0;
        foreach (var (instalment, contract) in open.Select(x => (x.i, x.c)))
        {
            var daysPast = today.DayNumber - instalment.DueDate.DayNumber;
            var amount = instalment.Outstanding.ToString("N2", CultureInfo.InvariantCulture);
            if (daysPast <= 0)
            {
                if (Once(instalment, "reminder"))
                {
                    db.Notify([contract.OwnerId], "instalment.due-soon", $"contract:{contract.Id}",
                        $"合同 {contract.Number} 第 {instalment.Sequence} 期 {contract.Currency} {amount} 将于 {instalment.DueDate:yyyy-MM-dd} 到期 / Instalment {instalment.Sequence} of {contract.Number} ({contract.Currency} {amount}) is due on {instalment.DueDate:yyyy-MM-dd}",
                        new { contractId = contract.Id, instalmentId = instalment.Id, dueDate = instalment.DueDate }, now);
                }

                continue;
            }

            instalment.Status = InstalmentStatus.Overdue;
            var bucket = policy.BucketOf(daysPast);
            if (Once(instalment, "bucket:" + bucket))
            {
                db.AddEvent(new PaymentOverdue(instalment.Id, contract.Id, contract.CustomerId, contract.OwnerId, new Money(instalment.Outstanding, contract.Currency),
                    calendar.StartOf(instalment.DueDate.AddDays(1)).AddTicks(-1), daysPast) { OccurredAt = now }, clock);
            }

            foreach (var step in policy.Steps.Where(s => s.Day <= daysPast).OrderBy(s => s.Day))
            {
                if (!Once(instalment, "step:" + step.Action))
                {
                    continue;
                }

                var recipients = await RecipientsAsync(step.OwnerRole, contract.OwnerId, ct);
                db.Notify(recipients, $"collections.{step.Action}", $"contract:{contract.Id}",
                    $"合同 {contract.Number} 第 {instalment.Sequence} 期逾期 {daysPast} 天（{contract.Currency} {amount}）：{step.Action} / Instalment {instalment.Sequence} of {contract.Number} is {daysPast} days overdue ({contract.Currency} {amount}): {step.Action}",
                    new { contractId = contract.Id, instalmentId = instalment.Id, step = step.Action, ownerRole = step.OwnerRole, daysPast }, now);
                db.Record(contract.Id, "collections:" + step.Action, "system", $"instalment {instalment.Sequence}, {daysPast} days past due, owner {step.OwnerRole}", now);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return actions;

        // Who owns a step: the rep, the rep's manager, or everyone in finance; the rep when team performance cannot say (logged by the directory).
        async Task<IReadOnlyList<Guid>> RecipientsAsync(string ownerRole, Guid owner, CancellationToken token)
        {
            try
            {
                return ownerRole switch
                {
                    "manager" => await directory.ManagerOfAsync(owner, token) is { } manager ? [manager] : [owner],
                    "finance" => await directory.RoleMembersAsync(SalesPlatform.Domain.Roles.Finance, token) is { Count: > 0 } finance ? finance : [owner],
                    _ => [owner],
                };
            }
            catch (TeamPerformanceUnavailableException)
            {
                return [owner];
            }
        }

        bool Once(Instalment instalment, string key)
        {
            if (!done.Add((instalment.Id, key)))
            {
                return false;
            }

            db.OverdueActions.Add(new OverdueAction { InstalmentId = instalment.Id, Key = key, At = clock.GetUtcNow() });
            actions++;
            return true;
        }
    }
}
