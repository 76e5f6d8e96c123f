namespace SalesPlatform.TeamPerformance;

/// <summary>Settings of the <c>TeamPerformance</c> configuration section.</summary>
public sealed class TeamPerformanceOptions
{
    public const string Section = "TeamPerformance";

    /// <summary>Currency KPIs, targets, commissions and rebates are reported in; money facts in other currencies are left out.</summary>
    public string Currency { get; set; } = "CNY";
}
