using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Domain;

// Several types in one file: A commission plan with its tier and statement records.
/// <summary>A tier of a commission plan: from this attainment (fraction of target) up to the next tier's start (or 100%), revenue earns <see cref="Rate"/>.</summary>
public sealed record CommissionTier(decimal FromAttainment, decimal Rate);

/// <summary>A rep's commission statement for one period, every line explained.</summary>
public sealed record CommissionStatement(Guid PersonId, string Period, string PlanName, string Currency, decimal Revenue, decimal Target,
    decimal Attainment, IReadOnlyList<StatementLine> Lines, decimal Total, string Basis = CommissionPlan.SignedBasis);

/// <summary>
/// A commission plan: marginal tiers over attainment up to 100% of target, and an accelerator rate for the
/// revenue strictly above 100% of target (exactly 100% earns no accelerator). Plans are part of the
/// <see cref="CommissionPolicy"/>, so every change is versioned with who and why.
/// </summary>
/// <param name="Basis">What it pays on: <c>signed</c> contract value against the revenue target, or cash <c>collected</c> against the collections target.</param>
public sealed record CommissionPlan(Guid Id, string Name, bool IsDefault, IReadOnlyList<CommissionTier> Tiers, decimal AcceleratorRate,
    string Basis = CommissionPlan.SignedBasis)
{
    /// <summary>Pays on signed contract value.</summary>
    public const string SignedBasis = "signed";

    /// <summary>Pays on cash collected.</summary>
    public const string CollectedBasis = "collected";

    /// <summary>A valid plan, or 400 naming the fields.</summary>
    public static CommissionPlan Create(Guid id, string name, bool isDefault, IReadOnlyList<CommissionTier> tiers, decimal acceleratorRate)
    {
        var plan = new CommissionPlan(id, name?.Trim() ?? "", isDefault, [.. tiers], acceleratorRate);
        var errors = plan.Validate();
        return errors.Count > 0 ? throw new RequestValidationException(errors) : plan;
    }

    /// <summary>Problems by field (<c>tiers</c>, <c>acceleratorRate</c>, <c>name</c>).</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var tiers = Tiers ?? [];
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = ["A plan needs a name."];
        }

        if (tiers.Count == 0 || tiers[0].FromAttainment != 0)
        {
            errors["tiers"] = ["Tiers must start at attainment 0."];
        }
        else if (tiers.Zip(tiers.Skip(1)).Any(p => p.Second.FromAttainment <= p.First.FromAttainment) || tiers[^1].FromAttainment >= 1)
        {
            errors["tiers"] = ["Tier starts must increase strictly and stay below 1 (100%); above 100% the accelerator applies."];
        }
        else if (tiers.Any(t => t.Rate is < 0 or > 1))
        {
            errors["tiers"] = ["Tier rates are fractions between 0 and 1."];
        }

        if (Basis is not (SignedBasis or CollectedBasis))
        {
            errors["basis"] = [$"The basis is {SignedBasis} (contract value) or {CollectedBasis} (cash)."];
        }

        if (AcceleratorRate is < 0 or > 1 || (tiers.Count > 0 && AcceleratorRate < tiers[^1].Rate))
        {
            errors["acceleratorRate"] = ["The accelerator rate is a fraction up to 1 and at least the last tier's rate."];
        }

        return errors;
    }

    public CommissionStatement Statement(Guid personId, string period, decimal revenue, decimal target, string currency)
    {
        if (target <= 0)
        {
            throw new BusinessRuleException("commission.no-target", $"No revenue target is set for {period}; commission needs one.");
        }

        var brackets = new List<Bracket>();
        for (var i = 0; i < Tiers.Count; i++)
        {
            var to = i + 1 < Tiers.Count ? Tiers[i + 1].FromAttainment : 1m;
            brackets.Add(new Bracket(target * Tiers[i].FromAttainment, target * to, Tiers[i].Rate,
                $"tier {i + 1}: {Tiers[i].FromAttainment:P0}-{to:P0} of target"));
        }

        brackets.Add(new Bracket(target, null, AcceleratorRate, "accelerator: above 100% of target"));
        var lines = Tiered.Apply(revenue, brackets, currency);
        return new CommissionStatement(personId, period, Name, currency, revenue, target, revenue / target, lines, lines.Sum(l => l.Amount), Basis);
    }
}
