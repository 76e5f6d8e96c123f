using MassTransit;
using SalesPlatform.Events.Leads;
using SalesPlatform.Messaging;
using SalesPlatform.TeamPerformance.Data;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Releases the owner's load (the lead goes back to nurturing; a later assignment opens it again).</summary>
public sealed class LeadRecycledConsumer(TeamPerformanceDbContext db, TimeProvider clock)
    : InboxConsumer<LeadRecycled, TeamPerformanceDbContext>(db, clock)
{
    protected override Task HandleAsync(LeadRecycled message, ConsumeContext<LeadRecycled> context) =>
        LeadLoads.CloseAsync(Db, message.LeadId, Clock.GetUtcNow(), context.CancellationToken);
}
