using MassTransit;
using SalesPlatform.Events.Customers;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Records an NPS answer of one of the owner's customers.</summary>
public sealed class CustomerNpsRecordedConsumer(TeamPerformanceDbContext db, TimeProvider clock, ReportingCalendar calendar)
    : InboxConsumer<CustomerNpsRecorded, TeamPerformanceDbContext>(db, clock)
{
    protected override Task HandleAsync(CustomerNpsRecorded message, ConsumeContext<CustomerNpsRecorded> context)
    {
        if (message.Score is >= 0 and <= 10)
        {
            Db.Facts.Add(KpiFact.Create(calendar, message.EventId, FactKinds.Nps, message.OwnerId, message.OccurredAt, score: message.Score,
                customerId: message.CustomerId));
        }

        return Task.CompletedTask;
    }
}
