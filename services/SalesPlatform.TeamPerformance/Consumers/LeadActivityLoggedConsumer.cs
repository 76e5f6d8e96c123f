using MassTransit;
using SalesPlatform.Events.Leads;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using StackExchange.Redis;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Counts a follow-up activity (call, email, visit, demo) of the rep.</summary>
public sealed class LeadActivityLoggedConsumer(TeamPerformanceDbContext db, TimeProvider clock, ReportingCalendar calendar, IConnectionMultiplexer redis)
    : InboxConsumer<LeadActivityLogged, TeamPerformanceDbContext>(db, clock)
{
    protected override Task HandleAsync(LeadActivityLogged message, ConsumeContext<LeadActivityLogged> context) =>
        FactRecorder.RecordAsync(Db, redis, KpiFact.Create(calendar, message.EventId, FactKinds.Activity, message.OwnerId, message.PerformedAt,
            subjectId: message.LeadId, detail: message.Kind),
            context.CancellationToken);
}
