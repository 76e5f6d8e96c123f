using MassTransit;
using SalesPlatform.Events.Leads;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Moves the lead's load to the new owner and counts a lead assigned to them (conversion-rate denominator).</summary>
public sealed class LeadAssignedConsumer(TeamPerformanceDbContext db, TimeProvider clock, ReportingCalendar calendar)
    : InboxConsumer<LeadAssigned, TeamPerformanceDbContext>(db, clock)
{
    protected override async Task HandleAsync(LeadAssigned message, ConsumeContext<LeadAssigned> context)
    {
        var ct = context.CancellationToken;
        if (await LeadLoads.AssignAsync(Db, message.LeadId, message.OwnerId, message.PartnerId, Clock.GetUtcNow(), ct))
        {
            Db.Facts.Add(KpiFact.Create(calendar, message.EventId, FactKinds.LeadAssigned, message.OwnerId, message.OccurredAt,
                partnerId: message.PartnerId, subjectId: message.LeadId));
        }
    }
}
