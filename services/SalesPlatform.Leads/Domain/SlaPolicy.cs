using SalesPlatform.Domain;
namespace SalesPlatform.Leads.Domain;

// Several types in one file: The SLA policy with its per-grade record.
/// <summary>
/// Response SLA of one grade: first contact within a time after capture, the follow-up cadence, and how long
/// before the first-contact deadline the owner and their manager are reminded.
/// </summary>
public sealed record GradeSla(string Grade, TimeSpan? FirstContactWithin, TimeSpan? FollowUpEvery, TimeSpan? RemindBefore = null);

/// <summary>
/// The response SLAs of DOMAIN.md section 1 as data: grade A first contact within 2 hours, B within
/// 24 hours; follow-up A weekly, B monthly. A grade without an entry (or with nulls) has no clock.
/// </summary>
public sealed record SlaPolicy(IReadOnlyList<GradeSla> Grades) : IPolicy<SlaPolicy>
{
    public const string PolicyName = "sla";

    static string IPolicy<SlaPolicy>.Name => PolicyName;

    public static SlaPolicy Default { get; } = new(
    [
        new("A", TimeSpan.FromHours(2), TimeSpan.FromDays(7), TimeSpan.FromMinutes(30)),
        new("B", TimeSpan.FromHours(24), TimeSpan.FromDays(30), TimeSpan.FromHours(4)),
        new("C", TimeSpan.FromDays(5), TimeSpan.FromDays(90), TimeSpan.FromDays(1)),
        new("D", null, null),
    ]);

    public DateTimeOffset? FirstContactDue(string grade, DateTimeOffset assignedAt) =>
        Find(grade)?.FirstContactWithin is { } within ? assignedAt + within : null;

    public DateTimeOffset? FollowUpDue(string grade, DateTimeOffset lastActivityAt) =>
        Find(grade)?.FollowUpEvery is { } every ? lastActivityAt + every : null;

    /// <summary>How long before the first-contact deadline of <paramref name="grade"/> the reminder goes out (null: none).</summary>
    public TimeSpan? RemindBefore(string grade) => Find(grade)?.RemindBefore;

    /// <summary>The longest reminder lead time of any grade (what the scan looks ahead).</summary>
    public TimeSpan LongestReminder => Grades.Max(g => g.RemindBefore) ?? TimeSpan.Zero;

    private GradeSla? Find(string grade) => Grades.FirstOrDefault(g => g.Grade == grade);

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Grades is null || Grades.Count == 0)
        {
            errors["grades"] = ["At least one grade is required."];
            return errors;
        }

        if (Grades.Any(g => string.IsNullOrWhiteSpace(g.Grade)) || Grades.Select(g => g.Grade).Distinct().Count() != Grades.Count)
        {
            errors["grades"] = ["Every entry needs a grade, each grade once."];
        }

        if (Grades.Any(g => g.FirstContactWithin <= TimeSpan.Zero || g.FollowUpEvery <= TimeSpan.Zero))
        {
            errors["grades.firstContactWithin"] = ["Durations must be positive (or null for no clock)."];
        }

        if (Grades.Any(g => g.RemindBefore <= TimeSpan.Zero || (g.RemindBefore is not null && g.FirstContactWithin is { } within && g.RemindBefore >= within)))
        {
            errors["grades.remindBefore"] = ["A reminder comes a positive time before the first-contact deadline, inside its window."];
        }

        return errors;
    }
}
