namespace SalesPlatform.TeamPerformance;

/// <summary>Settings of the <c>TeamPerformance</c> configuration section.</summary>
public sealed class TeamPerformanceOptions
{
    public const string Section = "TeamPerformance";

    /// <summary>Currency KPIs, targets, commissions and rebates are reported in; money facts in other currencies are left out.</summary>
    public string Currency { get; set; } = "CNY";

    /// <summary>Whether this process runs the improvement-plan job (replicas may all run it; tests turn it off and evaluate on demand).</summary>
    public bool ImprovementPlanJobEnabled { get; set; } = true;

    /// <summary>How often the improvement-plan job evaluates the last completed month.</summary>
    public TimeSpan ImprovementPlanInterval { get; set; } = TimeSpan.FromHours(6);
}
