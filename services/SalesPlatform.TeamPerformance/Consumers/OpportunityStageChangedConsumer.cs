using MassTransit;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Messaging;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Consumers;

/// <summary>Keeps the latest open amount of each opportunity (pipeline coverage); an older event never overwrites a newer one.</summary>
public sealed class OpportunityStageChangedConsumer(TeamPerformanceDbContext db, TimeProvider clock)
    : InboxConsumer<OpportunityStageChanged, TeamPerformanceDbContext>(db, clock)
{
    protected override async Task HandleAsync(OpportunityStageChanged message, ConsumeContext<OpportunityStageChanged> context)
    {
        var entry = await Pipelines.LockAsync(Db, message.OpportunityId, context.CancellationToken);
        if (entry is null)
        {
            entry = new PipelineEntry { OpportunityId = message.OpportunityId };
            Db.Pipeline.Add(entry);
        }
        else if (entry.UpdatedAt > message.OccurredAt)
        {
            return;
        }

        entry.OwnerId = message.OwnerId;
        entry.Stage = message.Stage;
        entry.Amount = message.Amount.Amount;
        entry.Currency = message.Amount.Currency;
        entry.WinProbability = message.WinProbability;
        entry.ExpectedCloseDate = message.ExpectedCloseDate;
        entry.UpdatedAt = message.OccurredAt;
    }
}
