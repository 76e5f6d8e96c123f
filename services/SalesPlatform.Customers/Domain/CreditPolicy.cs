using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Domain;

// Several types in one file: the credit policy with the payment record and the profile it rates.
/// <summary>One instalment's payment history: when it was due, when (if) it was paid, how late it is or was.</summary>
public sealed class PaymentRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CustomerId { get; init; }
    public Guid ContractId { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset? PaidAt { get; set; }

    /// <summary>Days late: at payment for a paid one, the latest overdue report for an unpaid one.</summary>
    public int DaysLate { get; set; }

    /// <summary>True once an overdue report came for it.</summary>
    public bool WasOverdue { get; set; }
}

/// <summary>What the payment history says, rated by the <see cref="CreditPolicy"/>.</summary>
public sealed record CreditProfile(Guid CustomerId, int Payments, int OnTimePayments, decimal OnTimeRatio, int OverdueCount, int OpenOverdueCount,
    int LongestOverdueDays, string CreditClass, bool Blacklisted, string? BlacklistReason, string? BlacklistedBy, string RiskRating, string RiskRule);

/// <summary>
/// How a customer's payment history becomes a credit class and a risk rating (<c>credit</c>):
/// class A from <see cref="ClassAOnTime"/> on-time and nothing open overdue, B from <see cref="ClassBOnTime"/>,
/// C from <see cref="ClassCOnTime"/>, else D; risk high when blacklisted, when a payment is or was
/// <see cref="HighRiskDays"/> days late, or with <see cref="HighRiskOpenOverdue"/> instalments open overdue;
/// medium from <see cref="MediumRiskDays"/> days late or below class B's on-time ratio; else low.
/// </summary>
public sealed record CreditPolicy(decimal ClassAOnTime, decimal ClassBOnTime, decimal ClassCOnTime, int MediumRiskDays, int HighRiskDays,
    int HighRiskOpenOverdue) : IPolicy<CreditPolicy>
{
    public static string Name => "credit";

    public static CreditPolicy Default { get; } = new(0.95m, 0.85m, 0.70m, 30, 90, 3);

    public CreditProfile Rate(Guid customerId, IReadOnlyCollection<PaymentRecord> records, bool blacklisted, string? reason, string? by)
    {
        var paid = records.Where(r => r.PaidAt is not null).ToList();
        var onTime = paid.Count(r => r.PaidAt <= r.DueAt);
        var ratio = paid.Count == 0 ? 1m : Math.Round((decimal)onTime / paid.Count, 4, MidpointRounding.AwayFromZero);
        var overdue = records.Count(r => r.WasOverdue || (r.PaidAt is { } at && at > r.DueAt));
        var open = records.Count(r => r.PaidAt is null && r.WasOverdue);
        var longest = records.Count == 0 ? 0 : records.Max(r => r.DaysLate);
        var creditClass = ratio >= ClassAOnTime && open == 0 ? "A" : ratio >= ClassBOnTime ? "B" : ratio >= ClassCOnTime ? "C" : "D";
        var (risk, rule) =
            blacklisted ? ("high", $"blacklisted: {reason}")
            : longest >= HighRiskDays ? ("high", $"a payment {longest} days late (high from {HighRiskDays})")
            : open >= HighRiskOpenOverdue ? ("high", $"{open} instalments open overdue (high from {HighRiskOpenOverdue})")
            : longest >= MediumRiskDays ? ("medium", $"a payment {longest} days late (medium from {MediumRiskDays})")
            : ratio < ClassBOnTime ? ("medium", $"on time {ratio:P0} of payments (medium below {ClassBOnTime:P0})")
            : ("low", $"on time {ratio:P0} of payments, longest {longest} days late");
        return new CreditProfile(customerId, paid.Count, onTime, ratio, overdue, open, longest, creditClass, blacklisted, reason, by, risk, rule);
    }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!(ClassAOnTime <= 1 && ClassAOnTime >= ClassBOnTime && ClassBOnTime >= ClassCOnTime && ClassCOnTime >= 0))
        {
            errors["classAOnTime"] = ["On-time ratios are fractions with A ≥ B ≥ C."];
        }

        if (MediumRiskDays < 1 || HighRiskDays <= MediumRiskDays)
        {
            errors["highRiskDays"] = ["Days late: medium from 1 or more, high from more than medium."];
        }

        if (HighRiskOpenOverdue < 1)
        {
            errors["highRiskOpenOverdue"] = ["At least 1."];
        }

        return errors;
    }
}
