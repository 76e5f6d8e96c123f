using MassTransit;
using SalesPlatform.Events.Leads;
using SalesPlatform.Messaging;
using SalesPlatform.TeamPerformance.Data;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>A reopened lead with an owner is that owner's open load again (one in the pool waits for a claim).</summary>
public sealed class LeadReopenedConsumer(TeamPerformanceDbContext db, TimeProvider clock)
    : InboxConsumer<LeadReopened, TeamPerformanceDbContext>(db, clock)
{
    protected override async Task HandleAsync(LeadReopened message, ConsumeContext<LeadReopened> context)
    {
        if (message.OwnerId is { } owner)
        {
            await LeadLoads.AssignAsync(Db, message.LeadId, owner, message.PartnerId, Clock.GetUtcNow(), context.CancellationToken);
        }
    }
}
