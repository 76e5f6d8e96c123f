using MassTransit;
using SalesPlatform.Events.Leads;
using SalesPlatform.Messaging;
using SalesPlatform.TeamPerformance.Data;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Frees the former owner's load when a lead goes back to the pool (a later claim opens it again).</summary>
public sealed class LeadReturnedToPoolConsumer(TeamPerformanceDbContext db, TimeProvider clock)
    : InboxConsumer<LeadReturnedToPool, TeamPerformanceDbContext>(db, clock)
{
    protected override Task HandleAsync(LeadReturnedToPool message, ConsumeContext<LeadReturnedToPool> context) =>
        LeadLoads.CloseAsync(Db, message.LeadId, Clock.GetUtcNow(), context.CancellationToken);
}
