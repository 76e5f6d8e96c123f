using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.TeamPerformance.Domain;

/// <summary>A tier of a commission plan: from this attainment (fraction of target) up to the next tier's start (or 100%), revenue earns <see cref="Rate"/>.</summary>
public sealed record CommissionTier(decimal FromAttainment, decimal Rate);

/// <summary>A rep's commission statement for one period, every line explained.</summary>
public sealed record CommissionStatement(Guid PersonId, string Period, string PlanName, string Currency, decimal Revenue, decimal Target,
    decimal Attainment, IReadOnlyList<StatementLine> Lines, decimal Total);

/// <summary>
/// A commission plan: marginal tiers over attainment up to 100% of target, and an accelerator rate for the
/// revenue strictly above 100% of target (exactly 100% earns no accelerator). Rates and tiers are data.
/// </summary>
public sealed class CommissionPlan
{
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsDefault { get; private set; }
    public List<CommissionTier> Tiers { get; private set; } = [];
    public decimal AcceleratorRate { get; private set; }

    private CommissionPlan()
    {
    }

    public static CommissionPlan Create(Guid id, string name, bool isDefault, IReadOnlyList<CommissionTier> tiers, decimal acceleratorRate)
    {
        var plan = new CommissionPlan { Id = id, IsDefault = isDefault };
        plan.Change(name, tiers, acceleratorRate);
        return plan;
    }

    public void Change(string name, IReadOnlyList<CommissionTier> tiers, decimal acceleratorRate)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name))
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

        if (acceleratorRate is < 0 or > 1 || (tiers.Count > 0 && acceleratorRate < tiers[^1].Rate))
        {
            errors["acceleratorRate"] = ["The accelerator rate is a fraction up to 1 and at least the last tier's rate."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        Name = name.Trim();
        Tiers = [.. tiers];
        AcceleratorRate = acceleratorRate;
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
        return new CommissionStatement(personId, period, Name, currency, revenue, target, revenue / target, lines, lines.Sum(l => l.Amount));
    }
}
