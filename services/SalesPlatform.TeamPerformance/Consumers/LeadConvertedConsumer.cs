using MassTransit;
using SalesPlatform.Events.Leads;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Releases the owner's load and counts the conversion (lead conversion rate, partner conversion).</summary>
public sealed class LeadConvertedConsumer(TeamPerformanceDbContext db, TimeProvider clock, ReportingCalendar calendar)
    : InboxConsumer<LeadConverted, TeamPerformanceDbContext>(db, clock)
{
    protected override async Task HandleAsync(LeadConverted message, ConsumeContext<LeadConverted> context)
    {
        await LeadLoads.CloseAsync(Db, message.LeadId, Clock.GetUtcNow(), context.CancellationToken);
        Db.Facts.Add(KpiFact.Create(calendar, message.EventId, FactKinds.LeadConverted, message.OwnerId, message.OccurredAt,
            partnerId: message.PartnerId, customerId: message.ExistingCustomerId, subjectId: message.LeadId));
    }
}
