using MassTransit;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using StackExchange.Redis;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Counts a won deal (win rate, deal size, sales cycle, new customers, partner deals) and closes its pipeline entry.</summary>
public sealed class OpportunityWonConsumer(TeamPerformanceDbContext db, TimeProvider clock, ReportingCalendar calendar, IConnectionMultiplexer redis)
    : InboxConsumer<OpportunityWon, TeamPerformanceDbContext>(db, clock)
{
    protected override async Task HandleAsync(OpportunityWon message, ConsumeContext<OpportunityWon> context)
    {
        await FactRecorder.RecordAsync(Db, redis, KpiFact.Create(calendar, message.EventId, FactKinds.DealWon, message.OwnerId, message.OccurredAt,
            message.Amount.Amount, message.Amount.Currency, KpiFact.DaysBetween(message.CreatedAt, message.OccurredAt),
            score: message.IsNewCustomer ? 1 : 0, partnerId: message.PartnerId, customerId: message.CustomerId), context.CancellationToken);
        await Pipelines.CloseAsync(Db, message.OpportunityId, message.OccurredAt, context.CancellationToken);
    }
}
