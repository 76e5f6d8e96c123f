namespace SalesPlatform.TeamPerformance.Domain;

// Several types in one file: An improvement plan with its statuses.
/// <summary>
/// A performance improvement plan opened automatically for a rep whose attainment stayed below the
/// threshold for N consecutive months; visible to the rep's managers (their subtree).
/// </summary>
public sealed class ImprovementPlan
{
    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid? ManagerId { get; private set; }
    public string TriggerPeriod { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public string Status { get; private set; } = "open";
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    private ImprovementPlan()
    {
    }

    public static ImprovementPlan Open(Guid personId, Guid? managerId, string triggerPeriod, string reason, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        PersonId = personId,
        ManagerId = managerId,
        TriggerPeriod = triggerPeriod,
        Reason = reason,
        OpenedAt = now,
    };

    public void Close(DateTimeOffset now)
    {
        Status = "closed";
        ClosedAt = now;
    }
}

/// <summary>
/// The improvement-plan trigger: a plan opens when each of the last <c>periods</c> months (ending with the
/// evaluated month) had a revenue target and an attainment strictly below <c>threshold</c>. A month without a
/// target does not count as "below". A rep with an open plan gets no second one.
/// </summary>
public static class ImprovementTrigger
{
    /// <param name="attainments">Attainment (fraction) per month, most recent LAST; null when the month had no target.</param>
    public static bool ShouldOpen(IReadOnlyList<decimal?> attainments, int periods, decimal threshold) =>
        attainments.Count >= periods && attainments.TakeLast(periods).All(a => a is not null && a.Value < threshold);
}
