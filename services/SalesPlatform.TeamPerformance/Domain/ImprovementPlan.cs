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

    /// <summary>The ability/willingness quadrant (<see cref="ImprovementQuadrant"/>).</summary>
    public string Quadrant { get; private set; } = ImprovementQuadrant.Circumstances;

    /// <summary>What the rep and their manager will do.</summary>
    public List<string> Actions { get; private set; } = [];

    /// <summary>When the manager reviews the plan.</summary>
    public DateTimeOffset ReviewAt { get; private set; }

    private ImprovementPlan()
    {
    }

    public static ImprovementPlan Open(Guid personId, Guid? managerId, string triggerPeriod, string reason, DateTimeOffset now,
        string quadrant = ImprovementQuadrant.Circumstances, DateTimeOffset? reviewAt = null) => new()
    {
        Id = Guid.CreateVersion7(),
        PersonId = personId,
        ManagerId = managerId,
        TriggerPeriod = triggerPeriod,
        Reason = reason,
        OpenedAt = now,
        Quadrant = quadrant,
        Actions = [.. ImprovementQuadrant.ActionsFor(quadrant)],
        ReviewAt = reviewAt ?? now.AddDays(30),
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

/// <summary>
/// The ability/willingness quadrant (四象限归因, seed 003) of a rep who missed target, from their activity
/// volume (willingness: effort) and lead conversion (ability: skill) over the months that triggered the plan,
/// each against the median of their team (the reps with the same manager). At or above the median counts as
/// high. Each quadrant comes with the actions a manager starts from.
/// </summary>
public static class ImprovementQuadrant
{
    /// <summary>Works hard, converts poorly: coach the skill.</summary>
    public const string Ability = "ability";

    /// <summary>Converts well, works little: motivation and goals.</summary>
    public const string Willingness = "willingness";

    /// <summary>Both low.</summary>
    public const string AbilityAndWillingness = "ability-and-willingness";

    /// <summary>Both at or above the team: look at territory, pipeline and resources.</summary>
    public const string Circumstances = "circumstances";

    public static string Classify(decimal activities, decimal conversion, decimal teamActivities, decimal teamConversion) =>
        (activities >= teamActivities, conversion >= teamConversion) switch
        {
            (true, false) => Ability,
            (false, true) => Willingness,
            (false, false) => AbilityAndWillingness,
            (true, true) => Circumstances,
        };

    /// <summary>The actions a plan of <paramref name="quadrant"/> starts with (Chinese / English).</summary>
    public static IReadOnlyList<string> ActionsFor(string quadrant) => quadrant switch
    {
        Ability =>
        [
            "每周与主管陪访一次，复盘需求挖掘与报价 / Weekly joint call with the manager; review discovery and quoting",
            "参加产品与谈判技巧培训 / Product and negotiation training",
            "跟进 A/B 级线索转化话术 / Conversion scripts for grade A/B leads",
        ],
        Willingness =>
        [
            "设定每周拜访与电话量目标 / Weekly visit and call targets",
            "与主管一对一沟通目标与激励 / One-to-one on goals and incentives with the manager",
            "每日更新跟进记录 / Daily follow-up log",
        ],
        AbilityAndWillingness =>
        [
            "制定 30 天改进计划并每周检查 / 30-day plan checked weekly",
            "陪访与技能培训 / Joint calls and skills training",
            "设定每周活动量目标 / Weekly activity targets",
        ],
        _ =>
        [
            "复核区域与客户分配 / Review territory and account allocation",
            "检查商机储备与线索来源 / Check pipeline coverage and lead sources",
            "评估所需的售前与市场资源 / Assess presales and marketing support",
        ],
    };

    /// <summary>The median of <paramref name="values"/> (0 when empty).</summary>
    public static decimal Median(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
