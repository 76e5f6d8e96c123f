namespace SalesPlatform.Events.Opportunities;

/// <summary>
/// Published by the opportunities service when an opportunity is closed as won. Team performance
/// counts it for attainment, win rate, deal size and sales cycle; analytics for the funnel.
/// </summary>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="CustomerId">The customer the deal is with.</param>
/// <param name="OwnerId">The sales rep (team-performance person id) who owns the opportunity.</param>
/// <param name="Amount">Final deal amount.</param>
/// <param name="CreatedAt">When the opportunity was opened (for the sales-cycle KPI).</param>
/// <param name="PartnerId">The channel partner that sourced the deal, if any.</param>
/// <param name="LeadId">The lead it was converted from, if any.</param>
/// <param name="IsNewCustomer">True when this is the customer's first won deal.</param>
public sealed record OpportunityWon(
    Guid OpportunityId,
    Guid CustomerId,
    Guid OwnerId,
    Money Amount,
    DateTimeOffset CreatedAt,
    Guid? PartnerId,
    Guid? LeadId,
    bool IsNewCustomer) : IntegrationEvent;

/// <summary>
/// Published by the opportunities service when an opportunity is closed as lost, with the reason and
/// the competitor that won it. Team performance counts it for the win rate.
/// </summary>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="OwnerId">The owning sales rep.</param>
/// <param name="Amount">The amount that was at stake.</param>
/// <param name="CreatedAt">When the opportunity was opened.</param>
/// <param name="Reason">Why it was lost.</param>
/// <param name="Competitor">Who won it instead, if known.</param>
/// <param name="PartnerId">The channel partner that sourced the deal, if any.</param>
public sealed record OpportunityLost(
    Guid OpportunityId,
    Guid CustomerId,
    Guid OwnerId,
    Money Amount,
    DateTimeOffset CreatedAt,
    string Reason,
    string? Competitor,
    Guid? PartnerId) : IntegrationEvent;

/// <summary>
/// Published by the opportunities service whenever the open pipeline of an owner changes (opened,
/// re-staged, re-valued, closed): the weighted and unweighted open amount after the change.
/// Team performance uses it for pipeline coverage.
/// </summary>
/// <param name="OpportunityId">The opportunity that changed.</param>
/// <param name="OwnerId">The owning sales rep.</param>
/// <param name="Stage">Stage name after the change.</param>
/// <param name="Amount">Open amount of this opportunity after the change (zero when closed).</param>
/// <param name="WinProbability">Stage win probability, 0..1.</param>
/// <param name="ExpectedCloseDate">When the deal is expected to close (added later: absent from older events), for coverage of a period.</param>
public sealed record OpportunityStageChanged(
    Guid OpportunityId,
    Guid OwnerId,
    string Stage,
    Money Amount,
    decimal WinProbability,
    DateOnly? ExpectedCloseDate = null) : IntegrationEvent;
