using MassTransit;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Events;
using SalesPlatform.Events.Customers;
using SalesPlatform.Events.Leads;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Messaging;
using SalesPlatform.Opportunities.Data;
using SalesPlatform.Opportunities.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Opportunities.Consumers;

// Several types in one file: the two consumers that open a converted lead's opportunity and give it its customer, whichever comes first.
/// <summary>
/// A converted lead opens exactly one opportunity (the lead id is unique in the database; the inbox drops redeliveries), carrying the
/// lead's owner, partner, source, campaign, budget and company, in the first stage; the customer when customers settled it already.
/// </summary>
public sealed class LeadConvertedConsumer(OpportunitiesDbContext db, TimeProvider clock) : InboxConsumer<LeadConverted, OpportunitiesDbContext>(db, clock)
{
    protected override async Task HandleAsync(LeadConverted message, ConsumeContext<LeadConverted> context)
    {
        var ct = context.CancellationToken;
        await LeadLock.TakeAsync(Db, message.LeadId, ct);
        if (await Db.Opportunities.AnyAsync(o => o.LeadId == message.LeadId, ct))
        {
            return;
        }

        var now = Clock.GetUtcNow();
        var stages = await PolicyStore.LoadAsync<StagePolicy>(Db, ct);
        var customer = message.ExistingCustomerId
            ?? await Db.LeadCustomers.Where(l => l.LeadId == message.LeadId).Select(l => (Guid?)l.CustomerId).FirstOrDefaultAsync(ct);
        var opportunity = Opportunity.Open(message.OpportunityName, customer, message.Company, message.OwnerId, message.PartnerId, message.LeadId,
            message.Source, message.Campaign, message.Industry, message.Region, message.EstimatedAmount?.Amount ?? 0m,
            message.EstimatedAmount?.Currency ?? "CNY", null, [], stages.Open.First(), now);
        Db.Opportunities.Add(opportunity);
        Db.StageChanges.Add(new StageChange
        {
            OpportunityId = opportunity.Id, ToStage = opportunity.Stage, Amount = opportunity.Amount, Currency = opportunity.Currency,
            Probability = opportunity.Probability, By = "system", At = now, Reason = $"lead:{message.LeadId}",
        });
        OpportunityEvents.Opened(Db, opportunity, Clock);
    }
}

/// <summary>Customers settled the customer of a converted lead: the lead's opportunity gets it (or keeps it for when it opens).</summary>
public sealed class CustomerLinkedToLeadConsumer(OpportunitiesDbContext db, TimeProvider clock)
    : InboxConsumer<CustomerLinkedToLead, OpportunitiesDbContext>(db, clock)
{
    protected override async Task HandleAsync(CustomerLinkedToLead message, ConsumeContext<CustomerLinkedToLead> context)
    {
        var ct = context.CancellationToken;
        await LeadLock.TakeAsync(Db, message.LeadId, ct);
        var link = await Db.LeadCustomers.FirstOrDefaultAsync(l => l.LeadId == message.LeadId, ct);
        if (link is null)
        {
            Db.LeadCustomers.Add(new LeadCustomer { LeadId = message.LeadId, CustomerId = message.CustomerId });
        }
        else
        {
            link.CustomerId = message.CustomerId;
        }

        if (await Db.Opportunities.FirstOrDefaultAsync(o => o.LeadId == message.LeadId, ct) is { CustomerId: null } opportunity)
        {
            opportunity.LinkCustomer(message.CustomerId, Clock.GetUtcNow());
        }
    }
}

/// <summary>
/// The two consumers of one lead take turns (a transaction-scoped lock on the lead id): each then sees what the other committed, so
/// the opportunity and its customer meet whichever event comes first, even when both arrive at once.
/// </summary>
internal static class LeadLock
{
    public static Task TakeAsync(OpportunitiesDbContext db, Guid leadId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"opportunity-lead:" + leadId}, 0))", ct);
}

/// <summary>The events an opportunity publishes through the outbox, built in one place.</summary>
public static class OpportunityEvents
{
    public static void Opened(OpportunitiesDbContext db, Opportunity o, TimeProvider clock)
    {
        db.AddEvent(new OpportunityOpened(o.Id, o.CustomerId, o.OwnerId, o.Name, new Money(o.Amount, o.Currency), o.Stage, o.Probability, o.ExpectedCloseDate,
            o.LeadId, o.PartnerId, o.Source, o.Campaign) { OccurredAt = o.CreatedAt }, clock);
        StageChanged(db, o, clock);
    }

    /// <summary>The open pipeline of the owner changed (team performance's coverage, analytics' funnel).</summary>
    public static void StageChanged(OpportunitiesDbContext db, Opportunity o, TimeProvider clock) =>
        db.AddEvent(new SalesPlatform.Events.Opportunities.OpportunityStageChanged(o.Id, o.OwnerId, o.Stage, new Money(o.IsOpen ? o.Amount : 0m, o.Currency),
            o.Probability, o.ExpectedCloseDate) { OccurredAt = o.UpdatedAt }, clock);
}
