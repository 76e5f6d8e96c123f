using MassTransit;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Counts a lost deal (win rate) and closes its pipeline entry.</summary>
public sealed class OpportunityLostConsumer(TeamPerformanceDbContext db, TimeProvider clock, ReportingCalendar calendar)
    : InboxConsumer<OpportunityLost, TeamPerformanceDbContext>(db, clock)
{
    protected override async Task HandleAsync(OpportunityLost message, ConsumeContext<OpportunityLost> context)
    {
        Db.Facts.Add(KpiFact.Create(calendar, message.EventId, FactKinds.DealLost, message.OwnerId, message.OccurredAt,
            message.Amount.Amount, message.Amount.Currency, partnerId: message.PartnerId, customerId: message.CustomerId));
        await Pipelines.CloseAsync(Db, message.OpportunityId, message.OccurredAt, context.CancellationToken);
    }
}
