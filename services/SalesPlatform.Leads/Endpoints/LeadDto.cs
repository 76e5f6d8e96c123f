using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.Input;

namespace SalesPlatform.Leads.Endpoints;

/// <summary>A lead as the API shows it.</summary>
public sealed record LeadDto(
    Guid Id,
    string Source,
    string? Campaign,
    Guid? PartnerId,
    CompanyInput Company,
    ContactInput Contact,
    BudgetInput? Budget,
    DateOnly? ExpectedStart,
    ConsentInput Consent,
    decimal Score,
    string Grade,
    ScoreBreakdown Breakdown,
    InteractionCounts Interactions,
    string Status,
    Guid? OwnerId,
    string? AssignmentReason,
    DateTimeOffset? AssignedAt,
    bool Queued,
    string? QueueReason,
    DateTimeOffset? FirstContactDueAt,
    DateTimeOffset? FirstContactedAt,
    DateTimeOffset? NextFollowUpDueAt,
    bool Overdue,
    DateTimeOffset? ConvertedAt,
    string? OutcomeReason,
    DateTimeOffset CapturedAt,
    string? PurchasingCycle,
    Guid? ExistingCustomerId)
{
    public static LeadDto From(Lead l, DateTimeOffset now) => new(
        l.Id, l.Source, l.Campaign, l.PartnerId,
        new CompanyInput(l.Company, l.Industry, l.CompanySize, l.Region, l.Province, l.City),
        new ContactInput(l.ContactName, l.ContactTitle, l.Email, l.Phone),
        l.BudgetAmount is null ? null : new BudgetInput(l.BudgetAmount, l.BudgetCurrency, l.BudgetConfirmed),
        l.ExpectedStart,
        new ConsentInput(l.LawfulBasis, l.OptOut),
        l.Score, l.Grade, l.Breakdown, l.Interactions,
        l.Status.ToString().ToLowerInvariant(), l.OwnerId, l.AssignmentReason, l.AssignedAt,
        l.Status == LeadStatus.Queued, l.QueueReason,
        l.FirstContactDueAt, l.FirstContactedAt, l.NextFollowUpDueAt,
        l.IsOpen && ((l.FirstContactedAt == null && l.FirstContactDueAt < now) || l.NextFollowUpDueAt < now),
        l.ConvertedAt, l.OutcomeReason, l.CapturedAt, l.PurchasingCycle, l.ExistingCustomerId);
}

