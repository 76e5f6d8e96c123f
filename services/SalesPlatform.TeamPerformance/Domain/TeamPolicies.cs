using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Domain;

// Team performance's policies, each a typed document in the shared policy store
// (GET/PUT /api/performance/policies/{name}, history at .../{name}/history). Kept in one file because each
// is a few lines and they are read together; the rule tables they hold are in CommissionPlan.cs and Partner.cs.

/// <summary>When under-performance opens an improvement plan (<c>improvement-plan</c>).</summary>
/// <param name="ConsecutivePeriods">Consecutive months below the threshold that open a plan (1-12).</param>
/// <param name="AttainmentThreshold">
/// Attainment (fraction of target) below which a month counts as under-performing (0.01-2); default 1, a missed target (seed 003).
/// </param>
/// <param name="ReviewAfterDays">Days after opening when the manager reviews the plan (1-180).</param>
public sealed record ImprovementPlanPolicy(int ConsecutivePeriods, decimal AttainmentThreshold, int ReviewAfterDays = 30) : IPolicy<ImprovementPlanPolicy>
{
    public static string Name => "improvement-plan";

    public static ImprovementPlanPolicy Default { get; } = new(2, 1.00m, 30);

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (ConsecutivePeriods is < 1 or > 12)
        {
            errors["consecutivePeriods"] = ["Consecutive periods is a whole number from 1 to 12."];
        }

        if (AttainmentThreshold is < 0.01m or > 2m)
        {
            errors["attainmentThreshold"] = ["The attainment threshold is a fraction of target from 0.01 to 2."];
        }

        if (ReviewAfterDays is < 1 or > 180)
        {
            errors["reviewAfterDays"] = ["The review comes 1 to 180 days after the plan opens."];
        }

        return errors;
    }
}

/// <summary>How many assignees FindAssignees returns, and the capacity a new rep gets (<c>assignee-search</c>).</summary>
/// <param name="DefaultResults">Returned when the caller asks for 0 (1-100).</param>
/// <param name="MaxResults">The most ever returned (1-500, at least the default).</param>
/// <param name="DefaultRepCapacity">
/// Open leads a rep created without a capacity may hold (1-1,000). Capacity means the same in every service:
/// the most open leads a person takes; 0 takes none.
/// </param>
public sealed record AssigneeSearchPolicy(int DefaultResults, int MaxResults, int DefaultRepCapacity = 50) : IPolicy<AssigneeSearchPolicy>
{
    public static string Name => "assignee-search";

    public static AssigneeSearchPolicy Default { get; } = new(10, 100, 50);

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (DefaultResults is < 1 or > 100)
        {
            errors["defaultResults"] = ["The default is a whole number from 1 to 100."];
        }

        if (MaxResults is < 1 or > 500 || MaxResults < DefaultResults)
        {
            errors["maxResults"] = ["The maximum is a whole number from 1 to 500 and at least the default."];
        }

        if (DefaultRepCapacity is < 1 or > 1000)
        {
            errors["defaultRepCapacity"] = ["A new rep's capacity is a whole number from 1 to 1000."];
        }

        return errors;
    }
}

/// <summary>How long a leaderboard stays cached in Redis before it is rebuilt from PostgreSQL (<c>leaderboard</c>).</summary>
/// <param name="CacheSeconds">Seconds, 1 to 86,400.</param>
public sealed record LeaderboardPolicy(int CacheSeconds) : IPolicy<LeaderboardPolicy>
{
    public static string Name => "leaderboard";

    public static LeaderboardPolicy Default { get; } = new(60);

    public Dictionary<string, string[]> Validate() =>
        CacheSeconds is < 1 or > 86_400 ? new() { ["cacheSeconds"] = ["Cache seconds is a whole number from 1 to 86400."] } : [];
}

/// <summary>A person's commission plan (their assignments change through the policy, so each keeps its history).</summary>
public sealed record PlanAssignment(Guid PersonId, Guid PlanId);

/// <summary>
/// The commission plans and who is on which (<c>commission</c>): exactly one plan is the default (for anyone
/// not assigned), ids are unique, a person is assigned once and to a plan that exists.
/// </summary>
public sealed record CommissionPolicy(IReadOnlyList<CommissionPlan> Plans, IReadOnlyList<PlanAssignment>? Assignments = null) : IPolicy<CommissionPolicy>
{
    public static readonly Guid StandardPlanId = Guid.Parse("5b0c7e0e-2d7a-4d5e-9a43-0c5f1f6b9a01");

    public static string Name => "commission";

    public static CommissionPolicy Default { get; } = new([
        new CommissionPlan(StandardPlanId, "Standard rep plan", true, [new CommissionTier(0m, 0.02m), new CommissionTier(0.5m, 0.04m)], 0.08m),
    ]);

    /// <summary>The plan with <paramref name="id"/>, or the default plan when null.</summary>
    public CommissionPlan? Find(Guid? id) => Plans.FirstOrDefault(p => id is null ? p.IsDefault : p.Id == id);

    /// <summary>The plan <paramref name="personId"/> is on: their assignment, else the default.</summary>
    public CommissionPlan? PlanOf(Guid personId) =>
        Find((Assignments ?? []).FirstOrDefault(a => a.PersonId == personId)?.PlanId);

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var plans = Plans ?? [];
        if (plans.Count(p => p?.IsDefault == true) != 1)
        {
            errors["plans"] = ["Exactly one plan is the default."];
        }
        else if (plans.Select(p => p.Id).Distinct().Count() != plans.Count || plans.Any(p => p.Id == Guid.Empty))
        {
            errors["plans"] = ["Every plan has its own id."];
        }

        for (var i = 0; i < plans.Count; i++)
        {
            foreach (var (field, messages) in plans[i].Validate())
            {
                errors[$"plans[{i}].{field}"] = messages;
            }
        }

        var assignments = Assignments ?? [];
        if (assignments.Select(a => a.PersonId).Distinct().Count() != assignments.Count)
        {
            errors["assignments"] = ["A person is on one plan."];
        }

        for (var i = 0; i < assignments.Count; i++)
        {
            if (plans.All(p => p.Id != assignments[i].PlanId))
            {
                errors[$"assignments[{i}].planId"] = [$"No plan {assignments[i].PlanId}."];
            }
        }

        return errors;
    }
}

/// <summary>The rebate schedule of every partner tier (<c>rebates</c>): each tier exactly once.</summary>
public sealed record RebatePolicy(IReadOnlyList<RebateSchedule> Schedules) : IPolicy<RebatePolicy>
{
    public static string Name => "rebates";

    public static RebatePolicy Default { get; } = new([
        new RebateSchedule("registered", [new(0, 0.01m)]),
        new RebateSchedule("silver", [new(0, 0.01m), new(1_000_000, 0.02m)]),
        new RebateSchedule("gold", [new(0, 0.02m), new(1_000_000, 0.03m), new(5_000_000, 0.04m)]),
        new RebateSchedule("platinum", [new(0, 0.03m), new(1_000_000, 0.04m), new(5_000_000, 0.05m)]),
    ]);

    /// <summary>The schedule of <paramref name="tier"/>.</summary>
    public RebateSchedule? For(string tier) => Schedules.FirstOrDefault(s => s.Tier == tier);

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var schedules = Schedules ?? [];
        var missing = PartnerTiers.All.Where(t => schedules.Count(s => s?.Tier == t) != 1).ToList();
        if (missing.Count > 0)
        {
            errors["schedules"] = [$"Every partner tier has exactly one schedule; check {string.Join(", ", missing)}."];
        }

        for (var i = 0; i < schedules.Count; i++)
        {
            foreach (var (field, messages) in schedules[i].Validate())
            {
                errors[$"schedules[{i}].{field}"] = messages;
            }
        }

        return errors;
    }
}
