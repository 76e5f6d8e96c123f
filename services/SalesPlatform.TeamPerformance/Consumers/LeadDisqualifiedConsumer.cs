using MassTransit;
using SalesPlatform.Events.Leads;
using SalesPlatform.Messaging;
using SalesPlatform.TeamPerformance.Data;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Releases the owner's load.</summary>
public sealed class LeadDisqualifiedConsumer(TeamPerformanceDbContext db, TimeProvider clock)
    : InboxConsumer<LeadDisqualified, TeamPerformanceDbContext>(db, clock)
{
    protected override Task HandleAsync(LeadDisqualified message, ConsumeContext<LeadDisqualified> context) =>
        LeadLoads.CloseAsync(Db, message.LeadId, Clock.GetUtcNow(), context.CancellationToken);
}
