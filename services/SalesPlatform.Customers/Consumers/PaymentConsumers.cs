using MassTransit;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Messaging;

namespace SalesPlatform.Customers.Consumers;

// Several types in one file: the two consumers that keep each instalment's payment record, one rule.
/// <summary>A payment: its instalment (contract and due date) is paid, on time or with the days it was late.</summary>
public sealed class PaymentReceivedConsumer(CustomersDbContext db, TimeProvider clock) : InboxConsumer<PaymentReceived, CustomersDbContext>(db, clock)
{
    protected override async Task HandleAsync(PaymentReceived message, ConsumeContext<PaymentReceived> context)
    {
        var record = await PaymentRecords.GetAsync(Db, message.CustomerId, message.ContractId, message.DueAt, context.CancellationToken);
        record.PaidAt = message.ReceivedAt;
        var at = message.ReceivedAt.ToUniversalTime();
        var amount = message.Amount.Amount.ToString("N2", System.Globalization.CultureInfo.InvariantCulture);
        Db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(at), EventId = message.EventId, CustomerId = message.CustomerId, Kind = "payment.received",
            Subject = $"contract:{message.ContractId}", OccurredAt = at,
            Summary = $"收到回款 {message.Amount.Currency} {amount} / Payment received: {message.Amount.Currency} {amount}",
        });
        record.DaysLate = Math.Max(record.DaysLate, (int)Math.Max(0, Math.Floor((message.ReceivedAt - message.DueAt).TotalDays)));
    }
}

/// <summary>An overdue report: the instalment is (still) unpaid and this many days late.</summary>
public sealed class PaymentOverdueConsumer(CustomersDbContext db, TimeProvider clock) : InboxConsumer<PaymentOverdue, CustomersDbContext>(db, clock)
{
    protected override async Task HandleAsync(PaymentOverdue message, ConsumeContext<PaymentOverdue> context)
    {
        var record = await PaymentRecords.GetAsync(Db, message.CustomerId, message.ContractId, message.DueAt, context.CancellationToken);
        if (!record.WasOverdue)
        {
            // The first overdue report of an instalment goes on the timeline; the daily repeats only update the days.
            var at = message.OccurredAt.ToUniversalTime();
            var amount = message.Amount.Amount.ToString("N2", System.Globalization.CultureInfo.InvariantCulture);
            Db.Timeline.Add(new TimelineEntry
            {
                Id = Guid.CreateVersion7(at), EventId = message.EventId, CustomerId = message.CustomerId, Kind = "payment.overdue",
                Subject = $"contract:{message.ContractId}", OccurredAt = at,
                Summary = $"回款逾期 {message.DaysOverdue} 天：{message.Amount.Currency} {amount} / Payment overdue {message.DaysOverdue} days: {message.Amount.Currency} {amount}",
            });
        }

        record.WasOverdue = true;
        if (record.PaidAt is null)
        {
            record.DaysLate = Math.Max(record.DaysLate, message.DaysOverdue);
        }
    }
}

/// <summary>The payment record of one instalment (contract and due date), created on first news of it.</summary>
internal static class PaymentRecords
{
    public static async Task<PaymentRecord> GetAsync(CustomersDbContext db, Guid customer, Guid contract, DateTimeOffset dueAt, CancellationToken ct)
    {
        var due = dueAt.ToUniversalTime();
        var record = await db.Payments.FirstOrDefaultAsync(p => p.ContractId == contract && p.DueAt == due, ct);
        if (record is null)
        {
            record = new PaymentRecord { CustomerId = customer, ContractId = contract, DueAt = due };
            db.Payments.Add(record);
        }

        return record;
    }
}
