using MassTransit;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using StackExchange.Redis;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Counts collections (回款) in the month the cash arrived, with the collection cycle (signing to cash).</summary>
public sealed class PaymentReceivedConsumer(TeamPerformanceDbContext db, TimeProvider clock, ReportingCalendar calendar, IConnectionMultiplexer redis)
    : InboxConsumer<PaymentReceived, TeamPerformanceDbContext>(db, clock)
{
    protected override Task HandleAsync(PaymentReceived message, ConsumeContext<PaymentReceived> context) =>
        FactRecorder.RecordAsync(Db, redis, KpiFact.Create(calendar, message.EventId, FactKinds.Payment, message.OwnerId, message.ReceivedAt,
            message.Amount.Amount, message.Amount.Currency, KpiFact.DaysBetween(message.ContractSignedAt, message.ReceivedAt),
            customerId: message.CustomerId), context.CancellationToken);
}
