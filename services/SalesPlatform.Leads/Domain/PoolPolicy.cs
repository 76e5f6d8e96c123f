using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Domain;

/// <summary>How long a lead of one grade may go without being worked before it returns to the pool (null: never).</summary>
public sealed record GradeReturn(string Grade, int? Days);

/// <summary>
/// The lead pool (線索池) as data (<c>pool</c>): unowned leads wait in the pool; a person claims at most
/// <see cref="DailyClaimCap"/> a reporting day, only in their territory when <see cref="ClaimRequiresTerritory"/>,
/// and never a lead they lost in the last <see cref="ReclaimCooldownDays"/> days; a lead its owner has not
/// worked (assigned or an activity logged) for its grade's days goes back, with a warning
/// <see cref="WarnDaysBefore"/> days before.
/// </summary>
public sealed record PoolPolicy(int DailyClaimCap, int ReclaimCooldownDays, bool ClaimRequiresTerritory, IReadOnlyList<GradeReturn> ReturnAfter,
    int WarnDaysBefore) : IPolicy<PoolPolicy>
{
    public static string Name => "pool";

    public static PoolPolicy Default { get; } = new(20, 30, true, [new("A", 14), new("B", 30), new("C", 60), new("D", 90)], 3);

    /// <summary>When <paramref name="lead"/> returns to the pool unless worked first; null when it does not.</summary>
    public DateTimeOffset? ReturnDue(Lead lead) =>
        lead.OwnerId is not null && lead.LastWorkedAt is { } worked && ReturnAfter.FirstOrDefault(r => r.Grade == lead.Grade)?.Days is { } days
            ? worked.AddDays(days) : null;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (DailyClaimCap is < 1 or > 1000)
        {
            errors["dailyClaimCap"] = ["A daily claim cap is 1 to 1000."];
        }

        if (ReclaimCooldownDays is < 0 or > 365)
        {
            errors["reclaimCooldownDays"] = ["The cool-down is 0 to 365 days."];
        }

        if (ReturnAfter is null || ReturnAfter.Any(r => string.IsNullOrWhiteSpace(r.Grade) || r.Days is < 1 or > 3650)
            || ReturnAfter.Select(r => r.Grade).Distinct().Count() != ReturnAfter.Count)
        {
            errors["returnAfter"] = ["Each grade once, with 1 to 3650 days (or null: never)."];
        }
        else if (WarnDaysBefore < 0 || ReturnAfter.Any(r => r.Days is { } d && WarnDaysBefore >= d))
        {
            errors["warnDaysBefore"] = ["The warning comes 0 or more days before the return, inside every grade's period."];
        }

        return errors;
    }
}
