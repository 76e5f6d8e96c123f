using MassTransit;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Keeps the latest overdue-receivables snapshot of the owner for the month of the snapshot.</summary>
public sealed class ReceivablesOverdueSnapshottedConsumer(TeamPerformanceDbContext db, TimeProvider clock, ReportingCalendar calendar)
    : InboxConsumer<ReceivablesOverdueSnapshotted, TeamPerformanceDbContext>(db, clock)
{
    protected override async Task HandleAsync(ReceivablesOverdueSnapshotted message, ConsumeContext<ReceivablesOverdueSnapshotted> context)
    {
        var month = Period.MonthOf(message.AsOf, calendar);
        var snapshot = await Db.OverdueSnapshots
            .FromSqlInterpolated($"SELECT * FROM overdue_snapshots WHERE owner_id = {message.OwnerId} AND month = {month} FOR UPDATE")
            .FirstOrDefaultAsync(context.CancellationToken);
        if (snapshot is null)
        {
            snapshot = new OverdueSnapshot { OwnerId = message.OwnerId, Month = month };
            Db.OverdueSnapshots.Add(snapshot);
        }
        else if (snapshot.AsOf > message.AsOf)
        {
            return;
        }

        snapshot.Amount = message.Overdue.Amount;
        snapshot.Currency = message.Overdue.Currency;
        snapshot.AsOf = message.AsOf;
    }
}
