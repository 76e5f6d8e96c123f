using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Domain;

// Several types in one file: A target with its owner and adjustment records.
/// <summary>Metrics a target can be set for.</summary>
public static class TargetMetrics
{
    public const string Revenue = "revenue";
    public const string Collections = "collections";
    public const string NewCustomers = "new-customers";

    public static readonly IReadOnlyList<string> All = [Revenue, Collections, NewCustomers];
}

/// <summary>
/// A target of one metric for one year, owned by a unit, a person or a channel partner, optionally for one
/// product and/or one month. An annual target is decomposed into children (by unit, person, product or
/// month, with weights) whose amounts always add up exactly to it (see <see cref="Decomposition"/>).
/// SMART: <see cref="Specific"/> (what), <see cref="Measure"/> (how it is measured), <see cref="Achievable"/>,
/// <see cref="Relevant"/> and <see cref="Deadline"/>.
/// </summary>
public sealed class Target
{
    public Guid Id { get; private set; }
    public Guid? ParentId { get; private set; }
    public string Metric { get; private set; } = "";
    public int Year { get; private set; }
    public Guid? UnitId { get; private set; }
    public Guid? PersonId { get; private set; }
    public Guid? PartnerId { get; private set; }
    public string? Product { get; private set; }

    /// <summary>1..12 for a monthly target; null for the whole year.</summary>
    public int? Month { get; private set; }

    /// <summary>The quarter (1-4) of a quarterly target; null for annual and monthly ones.</summary>
    public int? Quarter { get; private set; }

    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "";
    public decimal Weight { get; private set; } = 1;
    public string Specific { get; private set; } = "";
    public string Measure { get; private set; } = "";
    public string? Achievable { get; private set; }
    public string? Relevant { get; private set; }
    public DateOnly Deadline { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public List<TargetAdjustment> Adjustments { get; private set; } = [];

    private Target()
    {
    }

    public static Target CreateAnnual(string metric, int year, Guid? unitId, Guid? personId, Guid? partnerId, string? product,
        decimal amount, string currency, string specific, string measure, string? achievable, string? relevant,
        DateOnly? deadline, string by, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TargetMetrics.All.Contains(metric))
        {
            errors["metric"] = [$"Metric must be one of {string.Join(", ", TargetMetrics.All)}."];
        }

        if (year is < 2000 or > 2100)
        {
            errors["year"] = ["Year must be between 2000 and 2100."];
        }

        if (new[] { unitId, personId, partnerId }.Count(o => o is not null) != 1)
        {
            errors["owner"] = ["Set exactly one of unitId, personId or partnerId."];
        }

        if (amount < 0 || decimal.Round(amount, 2) != amount)
        {
            errors["amount"] = ["Amount must be zero or more, in whole cents."];
        }

        if (string.IsNullOrWhiteSpace(currency) || currency.Trim().Length != 3)
        {
            errors["currency"] = ["Currency must be an ISO 4217 code such as CNY."];
        }

        if (string.IsNullOrWhiteSpace(specific))
        {
            errors["specific"] = ["Say what the target is about (SMART: specific)."];
        }

        if (string.IsNullOrWhiteSpace(measure))
        {
            errors["measure"] = ["Say how it is measured (SMART: measurable)."];
        }

        var due = deadline ?? new DateOnly(Math.Clamp(year, 2000, 2100), 12, 31);
        if (due.Year != year)
        {
            errors["deadline"] = ["The deadline (SMART: time-bound) must fall in the target's year."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return new Target
        {
            Id = Guid.CreateVersion7(),
            Metric = metric,
            Year = year,
            UnitId = unitId,
            PersonId = personId,
            PartnerId = partnerId,
            Product = string.IsNullOrWhiteSpace(product) ? null : product.Trim(),
            Amount = amount,
            Currency = currency.Trim().ToUpperInvariant(),
            Specific = specific.Trim(),
            Measure = measure.Trim(),
            Achievable = achievable,
            Relevant = relevant,
            Deadline = due,
            CreatedAt = now,
            CreatedBy = by,
        };
    }

    /// <summary>A child part of this target (by owner, product, quarter or month); unset fields are inherited.</summary>
    public Target Child(Guid? unitId, Guid? personId, Guid? partnerId, string? product, int? month, decimal weight, decimal amount,
        string by, DateTimeOffset now, int? quarter = null)
    {
        if (month is not null && (month < 1 || month > 12))
        {
            throw new RequestValidationException("month", "Month must be 1..12.");
        }

        if (quarter is not null && (quarter < 1 || quarter > 4))
        {
            throw new RequestValidationException("quarter", "Quarter must be 1..4.");
        }

        if (month is not null && quarter is not null)
        {
            throw new RequestValidationException("quarter", "A part is a month or a quarter, not both.");
        }

        if (Month is not null && month is not null && month != Month)
        {
            throw new BusinessRuleException("target.month-mismatch", "A monthly target can only be split further within its month.");
        }

        if ((Month is not null && quarter is not null) || (Quarter is not null && quarter is not null && quarter != Quarter))
        {
            throw new BusinessRuleException("target.quarter-mismatch", "A quarter lies inside its parent's period: a year, or the same quarter.");
        }

        if (Quarter is { } q && month is { } m && (m - 1) / 3 + 1 != q)
        {
            throw new BusinessRuleException("target.month-mismatch", $"Month {m} is not in quarter {q}.");
        }

        var ownerGiven = unitId is not null || personId is not null || partnerId is not null;
        return new Target
        {
            Id = Guid.CreateVersion7(),
            ParentId = Id,
            Metric = Metric,
            Year = Year,
            UnitId = ownerGiven ? unitId : UnitId,
            PersonId = ownerGiven ? personId : PersonId,
            PartnerId = ownerGiven ? partnerId : PartnerId,
            Product = string.IsNullOrWhiteSpace(product) ? Product : product.Trim(),
            Month = month ?? Month,
            Quarter = month is null ? quarter ?? Quarter : null,
            Amount = amount,
            Currency = Currency,
            Weight = weight,
            Specific = Specific,
            Measure = Measure,
            Achievable = Achievable,
            Relevant = Relevant,
            Deadline = month is not null ? new DateOnly(Year, month.Value, DateTime.DaysInMonth(Year, month.Value))
                : quarter is not null ? new DateOnly(Year, quarter.Value * 3, DateTime.DaysInMonth(Year, quarter.Value * 3)) : Deadline,
            CreatedAt = now,
            CreatedBy = by,
        };
    }

    /// <summary>Sets a new amount, keeping the old one, the reason and who changed it.</summary>
    public void Adjust(decimal amount, string reason, string by, DateTimeOffset now)
    {
        if (amount < 0 || decimal.Round(amount, 2) != amount)
        {
            throw new RequestValidationException("amount", "Amount must be zero or more, in whole cents.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RequestValidationException("reason", "An adjustment needs a reason.");
        }

        if (amount == Amount)
        {
            return;
        }

        Adjustments.Add(new TargetAdjustment(Guid.CreateVersion7(), Id, Amount, amount, reason.Trim(), by, now));
        Amount = amount;
    }
}

/// <summary>One change of a target's amount: the old value, the new one, why and by whom.</summary>
public sealed record TargetAdjustment(Guid Id, Guid TargetId, decimal OldAmount, decimal NewAmount, string Reason, string AdjustedBy,
    DateTimeOffset AdjustedAt);
