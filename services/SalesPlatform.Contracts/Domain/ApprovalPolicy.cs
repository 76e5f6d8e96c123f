using SalesPlatform.Domain;

namespace SalesPlatform.Contracts.Domain;

// Several types in one file: the approval policy with its bands, steps and the progress of a round.
/// <summary>One step of an approval flow: the roles that decide it and how (<c>all</c> of them in any order, <c>any</c> one, or all <c>in-sequence</c>).</summary>
public sealed record ApprovalStep(IReadOnlyList<string> Roles, string Mode);

/// <summary>An amount band (base currency, from <see cref="From"/> inclusive to <see cref="Below"/> exclusive) and its steps, taken in order.</summary>
public sealed record ApprovalBand(decimal From, decimal? Below, IReadOnlyList<ApprovalStep> Steps);

/// <summary>A recorded decision of one role in one round.</summary>
public sealed record RecordedDecision(string Role, bool Approved);

/// <summary>Where a round stands: done, or the step being decided with the roles that may decide now.</summary>
public sealed record ApprovalProgress(bool Complete, int? CurrentStep, IReadOnlyList<string> RolesThatMayDecide, IReadOnlyList<string> Decided);

/// <summary>
/// Contract approval flows as data (<c>approvals</c>, DOMAIN section 3): the band of the contract's amount in the base currency gives the steps.
/// Default: below 500,000 the sales director; 500,000 and above finance, legal and a VP, all three in any order (会签). The seed leaves exactly
/// 500,000 open; it belongs to the co-signed band.
/// </summary>
public sealed record ApprovalPolicy(string BaseCurrency, IReadOnlyList<ApprovalBand> Bands) : IPolicy<ApprovalPolicy>
{
    public static string Name => "approvals";

    public static readonly string[] Modes = ["all", "any", "in-sequence"];

    public static ApprovalPolicy Default { get; } = new("CNY",
    [
        new(0m, 500_000m, [new([SalesPlatform.Domain.Roles.SalesDirector], "any")]),
        new(500_000m, null, [new([SalesPlatform.Domain.Roles.Finance, SalesPlatform.Domain.Roles.Legal, SalesPlatform.Domain.Roles.Vp], "all")]),
    ]);

    /// <summary>The steps for an amount in the base currency.</summary>
    public IReadOnlyList<ApprovalStep> StepsFor(decimal baseAmount) =>
        Bands.First(b => baseAmount >= b.From && (b.Below is null || baseAmount < b.Below)).Steps;

    /// <summary>The progress of a round given its approvals so far (rejections end a round before this is asked).</summary>
    public static ApprovalProgress Progress(IReadOnlyList<ApprovalStep> steps, IReadOnlyCollection<string> approvedRoles)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var done = step.Mode == "any" ? step.Roles.Any(approvedRoles.Contains) : step.Roles.All(approvedRoles.Contains);
            if (done)
            {
                continue;
            }

            var open = step.Roles.Where(r => !approvedRoles.Contains(r)).ToList();
            IReadOnlyList<string> now = step.Mode == "in-sequence" ? [open[0]] : open;
            return new ApprovalProgress(false, i, now, [.. step.Roles.Where(approvedRoles.Contains)]);
        }

        return new ApprovalProgress(true, null, [], [.. approvedRoles]);
    }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (BaseCurrency is not { Length: 3 })
        {
            errors["baseCurrency"] = ["An ISO 4217 code such as CNY."];
        }

        if (Bands is null || Bands.Count == 0 || Bands[0].From != 0 || Bands[^1].Below is not null
            || Bands.Zip(Bands.Skip(1)).Any(p => p.First.Below != p.Second.From || p.Second.From <= p.First.From))
        {
            errors["bands"] = ["Bands cover every amount from 0 up, each starting where the one before stops, the last without an upper bound."];
            return errors;
        }

        for (var i = 0; i < Bands.Count; i++)
        {
            var steps = Bands[i].Steps;
            if (steps is null || steps.Count == 0)
            {
                errors[$"bands[{i}].steps"] = ["A band has at least one step."];
                continue;
            }

            for (var j = 0; j < steps.Count; j++)
            {
                if (steps[j].Roles is null || steps[j].Roles.Count == 0 || steps[j].Roles.Any(r => !SalesPlatform.Domain.Roles.All.Contains(r) || r == SalesPlatform.Domain.Roles.Partner))
                {
                    errors[$"bands[{i}].steps[{j}].roles"] = ["Staff roles: " + string.Join(", ", SalesPlatform.Domain.Roles.All.Where(r => r != SalesPlatform.Domain.Roles.Partner)) + "."];
                }

                if (!Modes.Contains(steps[j].Mode))
                {
                    errors[$"bands[{i}].steps[{j}].mode"] = ["Mode is all, any or in-sequence."];
                }
            }
        }

        return errors;
    }
}

/// <summary>
/// The credit gate at submission (<c>credit-gate</c>): a blacklisted customer is refused; a high-risk customer's contract needs a deposit or
/// prepayment clause of at least <see cref="HighRiskDeposit"/> (30%) of the amount.
/// </summary>
public sealed record CreditGatePolicy(decimal HighRiskDeposit) : IPolicy<CreditGatePolicy>
{
    public static string Name => "credit-gate";

    public static CreditGatePolicy Default { get; } = new(0.30m);

    public Dictionary<string, string[]> Validate() =>
        HighRiskDeposit is < 0 or > 1 ? new() { ["highRiskDeposit"] = ["A share between 0 and 1 (0.30 is 30%)."] } : [];
}
