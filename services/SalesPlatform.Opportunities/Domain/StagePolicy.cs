using SalesPlatform.Domain;

namespace SalesPlatform.Opportunities.Domain;

// Several types in one file: the stage policy with the stage definitions and the facts its criteria read.
/// <summary>A stage: its code, default win probability and the criteria to leave it forward (or, for won and lost, to enter it).</summary>
public sealed record StageDefinition(string Code, decimal Probability, IReadOnlyList<string> Criteria);

/// <summary>What an opportunity has, as the stage criteria read it.</summary>
public sealed record StageFacts(bool InitialContact, bool NeedsAnalysis, bool IssuedQuote, bool DecisionMakerEngaged, bool AcceptedUnexpiredQuote,
    bool CustomerKnown, bool LossReason);

/// <summary>
/// The pipeline as data (<c>stages</c>): the open stages in order (prospect-identification, needs-confirmation, solution-matching,
/// decision-follow-up), then won or lost, each with its default probability and its criteria. Moving forward takes one step at a time and
/// needs the current stage's criteria met (to won, also won's own); lost needs its reason from any open stage; moving back needs a reason.
/// A deal with no activity for <see cref="StaleAfterDays"/> days is stale.
/// </summary>
public sealed record StagePolicy(IReadOnlyList<StageDefinition> Stages, int StaleAfterDays) : IPolicy<StagePolicy>
{
    public static string Name => "stages";

    public const string Won = "won";
    public const string Lost = "lost";

    /// <summary>Every criterion a stage may name, with what it means (Chinese / English).</summary>
    public static readonly IReadOnlyDictionary<string, string> CriterionNames = new Dictionary<string, string>
    {
        ["initial-contact"] = "已完成初次接触 / an initial contact is logged",
        ["needs-analysis"] = "需求分析记录完整（痛点、预算、决策流程、决策人）/ a needs-analysis record with pain points, budget, decision process and decision makers",
        ["issued-quote"] = "已发出报价 / a quote is issued",
        ["decision-maker-engaged"] = "已接触关键决策人（试用/POC 或高层会面）/ a decision maker is engaged (a trial, POC or executive meeting is logged)",
        ["accepted-quote"] = "有已接受且未过期的报价 / an accepted quote that has not expired",
        ["customer-known"] = "商机已关联客户 / the opportunity has its customer",
        ["loss-reason"] = "填写丢单原因 / a reason for the loss",
    };

    public static StagePolicy Default { get; } = new(
    [
        new("prospect-identification", 0.10m, ["initial-contact"]),
        new("needs-confirmation", 0.30m, ["needs-analysis"]),
        new("solution-matching", 0.50m, ["issued-quote"]),
        new("decision-follow-up", 0.75m, ["decision-maker-engaged"]),
        new(Won, 1.00m, ["accepted-quote", "customer-known"]),
        new(Lost, 0.00m, ["loss-reason"]),
    ], 30);

    public StageDefinition? Find(string? code) => Stages.FirstOrDefault(s => s.Code == code);

    /// <summary>The open stages in order.</summary>
    public IEnumerable<StageDefinition> Open => Stages.Where(s => s.Code is not (Won or Lost));

    public int IndexOf(string code) => Stages.ToList().FindIndex(s => s.Code == code);

    public static bool Met(string criterion, StageFacts f) => criterion switch
    {
        "initial-contact" => f.InitialContact,
        "needs-analysis" => f.NeedsAnalysis,
        "issued-quote" => f.IssuedQuote,
        "decision-maker-engaged" => f.DecisionMakerEngaged,
        "accepted-quote" => f.AcceptedUnexpiredQuote,
        "customer-known" => f.CustomerKnown,
        "loss-reason" => f.LossReason,
        _ => false,
    };

    /// <summary>
    /// Why <paramref name="from"/> cannot move to <paramref name="to"/> (forward): each unmet criterion by code, and <c>skips:&lt;stage&gt;</c>
    /// for every stage jumped over. Empty when the move is allowed.
    /// </summary>
    public IReadOnlyList<string> Missing(string from, string to, StageFacts facts)
    {
        var missing = new List<string>();
        if (to == Lost)
        {
            missing.AddRange(Find(Lost)!.Criteria.Where(c => !Met(c, facts)));
            return missing;
        }

        var open = Open.Select(s => s.Code).ToList();
        var fromIndex = open.IndexOf(from);
        var toIndex = to == Won ? open.Count : open.IndexOf(to);
        for (var i = fromIndex + 1; i < toIndex; i++)
        {
            missing.Add("skips:" + open[i]);
        }

        missing.AddRange(Find(from)!.Criteria.Where(c => !Met(c, facts)));
        if (to == Won)
        {
            missing.AddRange(Find(Won)!.Criteria.Where(c => !Met(c, facts)));
        }

        return missing;
    }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        string[] codes = ["prospect-identification", "needs-confirmation", "solution-matching", "decision-follow-up", Won, Lost];
        if (Stages is null || !Stages.Select(s => s.Code).SequenceEqual(codes))
        {
            errors["stages"] = ["The stages are, in this order: " + string.Join(", ", codes) + "."];
        }
        else
        {
            for (var i = 0; i < Stages.Count; i++)
            {
                if (Stages[i].Probability is < 0 or > 1)
                {
                    errors[$"stages[{i}].probability"] = ["A probability is between 0 and 1."];
                }

                if (Stages[i].Criteria is null || Stages[i].Criteria.Any(c => !CriterionNames.ContainsKey(c)))
                {
                    errors[$"stages[{i}].criteria"] = ["Criteria are among: " + string.Join(", ", CriterionNames.Keys) + "."];
                }
            }

            var open = Stages.Take(4).Select(s => s.Probability).ToList();
            if (!errors.Keys.Any(k => k.EndsWith("probability", StringComparison.Ordinal)) && open.Zip(open.Skip(1)).Any(p => p.First > p.Second))
            {
                errors["stages"] = ["Open stages' probabilities do not fall from one stage to the next."];
            }
        }

        if (StaleAfterDays is < 1 or > 365)
        {
            errors["staleAfterDays"] = ["1 to 365 days."];
        }

        return errors;
    }
}
