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
/// <param name="QuoteId">The accepted quote (added later: absent from older events).</param>
/// <param name="Lines">The accepted quote's lines (added later), so contracts drafts without calling back.</param>
/// <param name="BaseAmount">The amount in the base currency with the rate and its date (added later).</param>
/// <param name="Cost">The cost of the accepted quote in its currency (added later).</param>
public sealed record OpportunityWon(
    Guid OpportunityId,
    Guid CustomerId,
    Guid OwnerId,
    Money Amount,
    DateTimeOffset CreatedAt,
    Guid? PartnerId,
    Guid? LeadId,
    bool IsNewCustomer,
    Guid? QuoteId = null,
    IReadOnlyList<QuoteLine>? Lines = null,
    SalesPlatform.Events.Contracts.ConvertedMoney? BaseAmount = null,
    Money? Cost = null) : IntegrationEvent;

/// <summary>One line of a quote as events carry it.</summary>
/// <param name="ProductCode">The price book's code.</param>
/// <param name="ProductName">The product's name.</param>
/// <param name="Kind">product, bundle, service-pack or concession.</param>
/// <param name="Quantity">How many.</param>
/// <param name="ListPrice">The list unit price.</param>
/// <param name="UnitPrice">The unit price after the volume tier and every discount.</param>
/// <param name="Discount">The discount from list, 0..1.</param>
/// <param name="UnitCost">The unit cost.</param>
/// <param name="Total">Quantity × unit price.</param>
/// <param name="NextTier">The next volume tier above the quantity, if any.</param>
public sealed record QuoteLine(
    string ProductCode,
    string ProductName,
    string Kind,
    decimal Quantity,
    Money ListPrice,
    Money UnitPrice,
    decimal Discount,
    Money UnitCost,
    Money Total,
    SalesPlatform.Events.Contracts.VolumeTier? NextTier = null);

/// <summary>
/// Published by the opportunities service when an opportunity is opened, from a converted lead or by hand. Analytics starts
/// the funnel from it; customers puts it on the timeline.
/// </summary>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="CustomerId">The customer, when known.</param>
/// <param name="OwnerId">The owning rep.</param>
/// <param name="Name">What the deal is.</param>
/// <param name="Amount">The expected amount.</param>
/// <param name="Stage">The first stage's code.</param>
/// <param name="WinProbability">Its probability.</param>
/// <param name="ExpectedCloseDate">When it is expected to close.</param>
/// <param name="LeadId">The converted lead, if any.</param>
/// <param name="PartnerId">The partner, if any.</param>
/// <param name="Source">The lead source.</param>
/// <param name="Campaign">The campaign.</param>
public sealed record OpportunityOpened(
    Guid OpportunityId,
    Guid? CustomerId,
    Guid OwnerId,
    string Name,
    Money Amount,
    string Stage,
    decimal WinProbability,
    DateOnly? ExpectedCloseDate,
    Guid? LeadId,
    Guid? PartnerId,
    string? Source,
    string? Campaign) : IntegrationEvent;

/// <summary>Published by the opportunities service when a quote is issued to the customer (within its limits, or once approved).</summary>
/// <param name="QuoteId">The quote.</param>
/// <param name="OpportunityId">Its opportunity.</param>
/// <param name="CustomerId">The customer, when known.</param>
/// <param name="OwnerId">The owning rep.</param>
/// <param name="Version">The quote's version on the opportunity.</param>
/// <param name="Total">The total.</param>
/// <param name="Margin">The margin, 0..1.</param>
/// <param name="Discount">The discount from list, 0..1.</param>
/// <param name="ValidUntil">The last day it can be accepted.</param>
/// <param name="Lines">Its lines.</param>
public sealed record QuoteIssued(
    Guid QuoteId,
    Guid OpportunityId,
    Guid? CustomerId,
    Guid OwnerId,
    int Version,
    Money Total,
    decimal Margin,
    decimal Discount,
    DateOnly ValidUntil,
    IReadOnlyList<QuoteLine> Lines) : IntegrationEvent;

/// <summary>Published by the opportunities service when a manager approves a quote that exceeded the discount or margin limits.</summary>
/// <param name="QuoteId">The quote.</param>
/// <param name="OpportunityId">Its opportunity.</param>
/// <param name="ApprovedBy">Who approved it.</param>
/// <param name="Comment">The approver's comment.</param>
public sealed record QuoteApproved(
    Guid QuoteId,
    Guid OpportunityId,
    string ApprovedBy,
    string? Comment) : IntegrationEvent;

/// <summary>Published by the opportunities service when the customer accepts a quote (one per opportunity).</summary>
/// <param name="QuoteId">The quote.</param>
/// <param name="OpportunityId">Its opportunity.</param>
/// <param name="CustomerId">The customer, when known.</param>
/// <param name="OwnerId">The owning rep.</param>
/// <param name="Total">The accepted total.</param>
public sealed record QuoteAccepted(
    Guid QuoteId,
    Guid OpportunityId,
    Guid? CustomerId,
    Guid OwnerId,
    Money Total) : IntegrationEvent;

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
