using SalesPlatform.Domain;
namespace SalesPlatform.TeamPerformance.Domain;

// Several types in one file: A KPI fact with its kinds.
/// <summary>Kinds of facts recorded from events, one row per event.</summary>
public static class FactKinds
{
    public const string LeadAssigned = "lead-assigned";
    public const string LeadConverted = "lead-converted";
    public const string DealWon = "deal-won";
    public const string DealLost = "deal-lost";
    public const string ContractSigned = "contract-signed";
    public const string Payment = "payment";
    public const string Nps = "nps";
    public const string Activity = "activity";
}

/// <summary>
/// One KPI-relevant fact about one person in one month, recorded once per consumed event (the inbox makes
/// a redelivery a no-op). KPIs are aggregates over these rows, so a unit's KPI is computed from the union
/// of its people's facts (ratios from summed counts, never averages of ratios).
/// </summary>
public sealed class KpiFact
{
    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public string Kind { get; private set; } = "";
    public Guid PersonId { get; private set; }
    public Guid? PartnerId { get; private set; }
    public Guid? CustomerId { get; private set; }

    /// <summary>The record the fact is about (the lead of a lead fact), so cohorts count each once.</summary>
    public Guid? SubjectId { get; private set; }

    /// <summary>A sub-kind (the activity kind: call, email, visit, demo).</summary>
    public string? Detail { get; private set; }

    /// <summary>Business month as yyyymm (UTC) of <see cref="OccurredAt"/>.</summary>
    public int Month { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }
    public decimal Amount { get; private set; }
    public string? Currency { get; private set; }

    /// <summary>Days of a cycle (sales cycle of a won deal, collection cycle of a payment).</summary>
    public decimal? Days { get; private set; }

    /// <summary>NPS score 0..10, or 1 for a won deal with a new customer.</summary>
    public int? Score { get; private set; }

    private KpiFact()
    {
    }

    /// <summary>A fact of <paramref name="kind"/>, counted in the reporting month of <paramref name="occurredAt"/>.</summary>
    public static KpiFact Create(ReportingCalendar calendar, Guid eventId, string kind, Guid personId, DateTimeOffset occurredAt,
        decimal amount = 0, string? currency = null, decimal? days = null, int? score = null,
        Guid? partnerId = null, Guid? customerId = null, Guid? subjectId = null, string? detail = null) => new()
        {
            SubjectId = subjectId,
            Detail = detail,
            Id = Guid.CreateVersion7(),
            EventId = eventId,
            Kind = kind,
            PersonId = personId,
            PartnerId = partnerId,
            CustomerId = customerId,
            Month = Period.MonthOf(occurredAt, calendar),
            OccurredAt = occurredAt.ToUniversalTime(),
            Amount = amount,
            Currency = currency,
            Days = days,
            Score = score,
        };

    /// <summary>Whole and fractional days between two moments, to the hundredth.</summary>
    public static decimal DaysBetween(DateTimeOffset from, DateTimeOffset to) =>
        Math.Round((decimal)(to - from).TotalDays, 2, MidpointRounding.AwayFromZero);
}
