using MassTransit;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Contracts.Data;
using SalesPlatform.Contracts.Domain;
using SalesPlatform.Contracts.Endpoints;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Messaging;

namespace SalesPlatform.Contracts.Consumers;

/// <summary>
/// A won opportunity becomes a contract draft exactly once (the inbox drops redeliveries; the opportunity's first version is unique in the
/// database), with the accepted quote's lines, the customer, owner, partner, amount and currency the event carries.
/// </summary>
public sealed class OpportunityWonConsumer(ContractsDbContext db, TimeProvider clock) : InboxConsumer<OpportunityWon, ContractsDbContext>(db, clock)
{
    protected override async Task HandleAsync(OpportunityWon message, ConsumeContext<OpportunityWon> context)
    {
        if (await Db.Contracts.AnyAsync(c => c.OpportunityId == message.OpportunityId, context.CancellationToken))
        {
            return;
        }

        var lines = (message.Lines ?? []).Select(l => new ContractItem(l.ProductCode, l.ProductName, l.Quantity, l.UnitPrice.Amount, l.Total.Amount,
            l.UnitCost.Amount, l.NextTier?.MinQuantity, l.NextTier?.UnitPrice.Amount)).ToList();
        ContractsEndpoints.Draft(Db, Clock, $"商机赢单合同 {message.OpportunityId.ToString()[..8]}", message.CustomerId, null, message.OpportunityId, message.QuoteId,
            message.OwnerId, message.PartnerId, message.Amount.Amount, message.Amount.Currency, message.Cost?.Amount, lines, "system");
    }
}
