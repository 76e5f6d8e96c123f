namespace SalesPlatform.Events.Leads;

/// <summary>
/// Published by the leads service when a lead is captured (form, campaign, referral, trade show,
/// import row). Analytics counts leads per source and campaign; team performance counts
/// partner-sourced leads.
/// </summary>
/// <param name="LeadId">The lead.</param>
/// <param name="Source">web-form, email-campaign, ads, content, partner-referral, trade-show or purchased-list.</param>
/// <param name="Campaign">Campaign code, if any.</param>
/// <param name="PartnerId">The referring channel partner, if any.</param>
/// <param name="Company">Company name.</param>
/// <param name="Industry">Industry, lower case.</param>
/// <param name="Region">Sales region (e.g. East China).</param>
/// <param name="Province">Province.</param>
/// <param name="City">City.</param>
/// <param name="Score">Quality score 0..100.</param>
/// <param name="Grade">A, B, C or D.</param>
public sealed record LeadCaptured(
    Guid LeadId,
    string Source,
    string? Campaign,
    Guid? PartnerId,
    string Company,
    string? Industry,
    string? Region,
    string? Province,
    string? City,
    decimal Score,
    string Grade) : IntegrationEvent;

/// <summary>
/// Published by the leads service when a lead gets an owner (rule-based, from the queue, or a manual
/// reassignment). Team performance adds one open lead to the new owner's load and removes one from
/// the previous owner's.
/// </summary>
/// <param name="LeadId">The lead.</param>
/// <param name="OwnerId">The rep now owning it.</param>
/// <param name="PreviousOwnerId">The rep who owned it before, for reassignments.</param>
/// <param name="Reason">Why this owner (rule name and match, or the manual reason).</param>
/// <param name="Grade">Grade at assignment.</param>
/// <param name="FirstContactDueAt">When first contact is due under the response SLA, if any.</param>
/// <param name="PartnerId">The referring partner, if any.</param>
public sealed record LeadAssigned(
    Guid LeadId,
    Guid OwnerId,
    Guid? PreviousOwnerId,
    string Reason,
    string Grade,
    DateTimeOffset? FirstContactDueAt,
    Guid? PartnerId) : IntegrationEvent;

/// <summary>Published by the leads service when the first follow-up activity stops the first-contact clock.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="OwnerId">The rep who made contact.</param>
/// <param name="ContactedAt">When.</param>
/// <param name="DueAt">When it was due.</param>
/// <param name="WithinSla">True when ContactedAt is not after DueAt.</param>
public sealed record LeadFirstContacted(
    Guid LeadId,
    Guid OwnerId,
    DateTimeOffset ContactedAt,
    DateTimeOffset? DueAt,
    bool WithinSla) : IntegrationEvent;

/// <summary>
/// Published by the leads service for every follow-up activity (call, email, visit, demo). Team
/// performance counts activities per rep.
/// </summary>
/// <param name="LeadId">The lead.</param>
/// <param name="ActivityId">The activity.</param>
/// <param name="OwnerId">The rep who performed it.</param>
/// <param name="Kind">call, email, visit or demo.</param>
/// <param name="PerformedAt">When.</param>
public sealed record LeadActivityLogged(
    Guid LeadId,
    Guid ActivityId,
    Guid OwnerId,
    string Kind,
    DateTimeOffset PerformedAt) : IntegrationEvent;

/// <summary>
/// Published by the leads service's SLA job when a first contact or a follow-up is overdue.
/// Visible to the rep's manager; analytics counts breaches as a risk indicator.
/// </summary>
/// <param name="LeadId">The lead.</param>
/// <param name="OwnerId">The rep responsible.</param>
/// <param name="Kind">first-contact or follow-up.</param>
/// <param name="Grade">Grade of the lead.</param>
/// <param name="DueAt">When it was due.</param>
/// <param name="DetectedAt">When the breach was detected.</param>
public sealed record LeadSlaBreached(
    Guid LeadId,
    Guid OwnerId,
    string Kind,
    string Grade,
    DateTimeOffset DueAt,
    DateTimeOffset DetectedAt) : IntegrationEvent;

/// <summary>
/// Published by the leads service exactly once when a qualified lead is converted. Carries the
/// company and contact so the customers service can create or link the customer and the
/// opportunities service can open an opportunity without calling back. Team performance counts
/// the conversion and releases the owner's load.
/// </summary>
/// <param name="LeadId">The lead.</param>
/// <param name="OwnerId">The rep who converted it.</param>
/// <param name="PartnerId">The referring partner, if any.</param>
/// <param name="Source">Lead source.</param>
/// <param name="Campaign">Campaign, if any.</param>
/// <param name="Company">Company name.</param>
/// <param name="Industry">Industry.</param>
/// <param name="CompanySize">Company size band.</param>
/// <param name="Region">Region.</param>
/// <param name="Province">Province.</param>
/// <param name="City">City.</param>
/// <param name="ContactName">Contact person.</param>
/// <param name="ContactTitle">Contact's title.</param>
/// <param name="ContactEmail">Normalised e-mail.</param>
/// <param name="ContactPhone">E.164 phone.</param>
/// <param name="ExistingCustomerId">A customer to link to instead of creating one, if known.</param>
/// <param name="OpportunityName">Name for the opportunity to open.</param>
/// <param name="EstimatedAmount">Budget as estimated amount, if known.</param>
/// <param name="CapturedAt">When the lead was captured (lead-to-customer cycle).</param>
public sealed record LeadConverted(
    Guid LeadId,
    Guid OwnerId,
    Guid? PartnerId,
    string Source,
    string? Campaign,
    string Company,
    string? Industry,
    string? CompanySize,
    string? Region,
    string? Province,
    string? City,
    string ContactName,
    string? ContactTitle,
    string? ContactEmail,
    string? ContactPhone,
    Guid? ExistingCustomerId,
    string OpportunityName,
    Money? EstimatedAmount,
    DateTimeOffset CapturedAt) : IntegrationEvent;

/// <summary>Published by the leads service when a lead is disqualified; team performance releases the owner's load.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="OwnerId">The owner at the time, if any.</param>
/// <param name="Reason">Why.</param>
/// <param name="PartnerId">The referring partner, if any.</param>
public sealed record LeadDisqualified(
    Guid LeadId,
    Guid? OwnerId,
    string Reason,
    Guid? PartnerId) : IntegrationEvent;

/// <summary>Published by the leads service when a lead goes back to nurturing; the owner's load is released.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="OwnerId">The owner at the time, if any.</param>
/// <param name="Reason">Why.</param>
public sealed record LeadRecycled(
    Guid LeadId,
    Guid? OwnerId,
    string Reason) : IntegrationEvent;

/// <summary>
/// A closed lead was opened again: a nurturing lead reactivated by its owner or manager, or a disqualified
/// one reopened by a manager, with the reason. It is back with its owner (or in the pool) and its response
/// clock starts again.
/// </summary>
/// <param name="LeadId">The lead.</param>
/// <param name="OwnerId">Its owner, if it has one.</param>
/// <param name="FromStatus">What it was: <c>nurturing</c> or <c>disqualified</c>.</param>
/// <param name="Reason">Why it is worked again.</param>
/// <param name="PartnerId">The partner that referred it, if any.</param>
public sealed record LeadReopened(
    Guid LeadId,
    Guid? OwnerId,
    string FromStatus,
    string Reason,
    Guid? PartnerId) : IntegrationEvent;

/// <summary>
/// A lead went back to the lead pool: released by its owner, or returned because its owner did not work
/// it within its grade's days. It waits to be claimed; its former owner's load is freed.
/// </summary>
/// <param name="LeadId">The lead.</param>
/// <param name="PreviousOwnerId">Who had it.</param>
/// <param name="Kind"><c>released</c> or <c>returned</c>.</param>
/// <param name="Reason">Why.</param>
/// <param name="PartnerId">The partner that referred it, if any.</param>
public sealed record LeadReturnedToPool(
    Guid LeadId,
    Guid PreviousOwnerId,
    string Kind,
    string Reason,
    Guid? PartnerId) : IntegrationEvent;
