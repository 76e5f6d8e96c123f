using SalesPlatform.Leads.Domain;

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
    DateTimeOffset CapturedAt)
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
        l.ConvertedAt, l.OutcomeReason, l.CapturedAt);
}

/// <summary>One page of a cursor-paged list; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Opaque cursors over v7 ids (time ordered, so "id below the cursor" is "older").</summary>
public static class Cursor
{
    public static string Encode(Guid id) => Convert.ToBase64String(id.ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static Guid? Decode(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor))
        {
            return null;
        }

        try
        {
            var text = cursor.Replace('-', '+').Replace('_', '/');
            return new Guid(Convert.FromBase64String(text.PadRight(24, '=')));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new ServiceDefaults.RequestValidationException("cursor", "The cursor is not one this API returned.");
        }
    }
}
