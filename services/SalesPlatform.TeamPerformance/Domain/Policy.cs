using System.Globalization;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.TeamPerformance.Domain;

/// <summary>A named policy value (threshold, limit) stored as a row; validated against its definition on every change.</summary>
public sealed class Policy
{
    public string Key { get; private set; } = "";
    public decimal Value { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    private Policy()
    {
    }

    public static Policy Create(string key, decimal value, string by, DateTimeOffset now)
    {
        var policy = new Policy { Key = key };
        policy.Change(value, by, now);
        return policy;
    }

    public void Change(decimal value, string by, DateTimeOffset now)
    {
        PolicyDefinition.Of(Key).Validate(value);
        Value = value;
        UpdatedBy = by;
        UpdatedAt = now;
    }
}

/// <summary>What a policy means, its default and the values it accepts.</summary>
public sealed record PolicyDefinition(string Key, string Description, decimal Default, decimal Min, decimal Max, bool WholeNumber)
{
    public const string ImprovementPeriods = "improvement-plan.consecutive-periods";
    public const string ImprovementThreshold = "improvement-plan.attainment-threshold";
    public const string AssignmentMaxResults = "assignment.default-max-results";
    public const string LeaderboardTtlSeconds = "leaderboard.ttl-seconds";

    public static readonly IReadOnlyList<PolicyDefinition> All =
    [
        new(ImprovementPeriods, "Consecutive months below the threshold that open an improvement plan.", 2, 1, 12, true),
        new(ImprovementThreshold, "Attainment (fraction of target) below which a month counts as under-performing.", 0.80m, 0.01m, 2, false),
        new(AssignmentMaxResults, "Assignees returned by FindAssignees when the caller asks for 0.", 10, 1, 100, true),
        new(LeaderboardTtlSeconds, "Seconds a leaderboard stays cached in Redis before it is rebuilt from PostgreSQL.", 60, 1, 86400, true),
    ];

    public static PolicyDefinition Of(string key) =>
        All.FirstOrDefault(d => d.Key == key) ?? throw new NotFoundException("Policy", key);

    public void Validate(decimal value)
    {
        if (value < Min || value > Max || (WholeNumber && decimal.Truncate(value) != value))
        {
            var kind = WholeNumber ? "a whole number" : "a number";
            throw new RequestValidationException("value",
                $"{Key} must be {kind} between {Min.ToString(CultureInfo.InvariantCulture)} and {Max.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
