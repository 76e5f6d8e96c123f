namespace SalesPlatform.Events.TeamPerformance;

/// <summary>
/// Published by the team performance service when it opens an improvement plan for a person whose
/// attainment stayed below the threshold for the configured number of consecutive months. The manager
/// sees the plan; analytics counts it as a risk indicator.
/// </summary>
/// <param name="PlanId">The improvement plan.</param>
/// <param name="PersonId">The person the plan is for.</param>
/// <param name="ManagerId">Their manager, who follows the plan up, if any.</param>
/// <param name="TriggerPeriod">The last month of the under-performing run (yyyy-MM).</param>
/// <param name="ConsecutivePeriods">How many consecutive months were below the threshold.</param>
/// <param name="Threshold">The attainment threshold as a fraction (0.8 = 80%).</param>
/// <param name="Attainments">Attainment of each month of the run, oldest first, as fractions.</param>
public sealed record ImprovementPlanOpened(
    Guid PlanId,
    Guid PersonId,
    Guid? ManagerId,
    string TriggerPeriod,
    int ConsecutivePeriods,
    decimal Threshold,
    IReadOnlyList<decimal> Attainments) : IntegrationEvent;
