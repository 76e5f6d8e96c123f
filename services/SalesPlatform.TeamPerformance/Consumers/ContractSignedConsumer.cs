using MassTransit;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using StackExchange.Redis;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Counts signed revenue (attainment, commissions, partner volume for rebates) in the month of signing.</summary>
public sealed class ContractSignedConsumer(TeamPerformanceDbContext db, TimeProvider clock, ReportingCalendar calendar, IConnectionMultiplexer redis)
    : InboxConsumer<ContractSigned, TeamPerformanceDbContext>(db, clock)
{
    protected override Task HandleAsync(ContractSigned message, ConsumeContext<ContractSigned> context) =>
        FactRecorder.RecordAsync(Db, redis, KpiFact.Create(calendar, message.EventId, FactKinds.ContractSigned, message.OwnerId, message.SignedAt,
            message.Amount.Amount, message.Amount.Currency, partnerId: message.PartnerId, customerId: message.CustomerId),
            context.CancellationToken);
}
