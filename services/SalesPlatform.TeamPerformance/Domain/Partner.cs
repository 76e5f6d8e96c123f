using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Domain;

// Several types in one file: A channel partner with its tiers and its rebate schedule, brackets and statement: the partner rules in one place.
/// <summary>Partner tiers, lowest first.</summary>
public static class PartnerTiers
{
    public static readonly IReadOnlyList<string> All = ["registered", "silver", "gold", "platinum"];
}

/// <summary>A channel partner (agent or distributor) with a tier and a territory; its leads and deals arrive with its PartnerId on events.</summary>
public sealed class Partner
{
    public static readonly IReadOnlyList<string> Kinds = ["agent", "distributor"];

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public string Tier { get; private set; } = "";
    public string? Region { get; private set; }
    public string? Province { get; private set; }
    public string? City { get; private set; }
    public Guid? ManagerId { get; private set; }
    public bool Active { get; private set; } = true;

    private Partner()
    {
    }

    public static Partner Create(Guid id, string name, string kind, string tier, string? region, string? province, string? city, Guid? managerId)
    {
        var partner = new Partner { Id = id };
        partner.Change(name, kind, tier, region, province, city, managerId);
        return partner;
    }

    public void Change(string name, string kind, string tier, string? region, string? province, string? city, Guid? managerId)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["A partner needs a name."];
        }

        if (!Kinds.Contains(kind))
        {
            errors["kind"] = [$"Kind must be one of {string.Join(", ", Kinds)}."];
        }

        if (!PartnerTiers.All.Contains(tier))
        {
            errors["tier"] = [$"Tier must be one of {string.Join(", ", PartnerTiers.All)}."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        Name = name.Trim();
        Kind = kind;
        Tier = tier;
        Region = Blank(region);
        Province = Blank(province);
        City = Blank(city);
        ManagerId = managerId;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A volume bracket of a rebate schedule: partner-sourced revenue from <see cref="FromVolume"/> up to the next bracket earns <see cref="Rate"/>.</summary>
public sealed record RebateBracket(decimal FromVolume, decimal Rate);

/// <summary>A partner's rebate for one period, every line explained.</summary>
public sealed record RebateStatement(Guid PartnerId, string Period, string Tier, string Currency, decimal Volume, IReadOnlyList<StatementLine> Lines,
    decimal Total, decimal YearToDateBefore);

/// <summary>
/// Tiered volume rebates for one partner tier: marginal brackets over the partner-sourced signed revenue of
/// the period (the rate of a bracket applies only to the volume inside it; no cliff at a threshold). Part
/// of the <see cref="RebatePolicy"/>.
/// </summary>
public sealed record RebateSchedule(string Tier, IReadOnlyList<RebateBracket> Brackets)
{
    /// <summary>A valid schedule, or 400 naming the field.</summary>
    public static RebateSchedule Create(string tier, IReadOnlyList<RebateBracket> brackets)
    {
        var schedule = new RebateSchedule(tier, [.. brackets]);
        var errors = schedule.Validate();
        return errors.Count > 0 ? throw new RequestValidationException(errors) : schedule;
    }

    /// <summary>Problems by field (<c>tier</c>, <c>brackets</c>).</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var brackets = Brackets ?? [];
        if (!PartnerTiers.All.Contains(Tier))
        {
            errors["tier"] = [$"Tier must be one of {string.Join(", ", PartnerTiers.All)}."];
        }

        if (brackets.Count == 0 || brackets[0].FromVolume != 0)
        {
            errors["brackets"] = ["Brackets must start at volume 0."];
        }
        else if (brackets.Zip(brackets.Skip(1)).Any(p => p.Second.FromVolume <= p.First.FromVolume))
        {
            errors["brackets"] = ["Bracket starts must increase strictly."];
        }
        else if (brackets.Any(b => b.Rate is < 0 or > 1))
        {
            errors["brackets"] = ["Rates are fractions between 0 and 1."];
        }

        return errors;
    }

    /// <summary>
    /// The rebate of one period. Brackets apply to the partner's running total of the calendar year, so the
    /// period earns what its volume adds on top of <paramref name="yearToDateBefore"/> (the year's volume before
    /// the period): twelve monthly statements, four quarterly ones and the annual one pay the same.
    /// </summary>
    public RebateStatement Statement(Guid partnerId, string period, decimal volume, string currency, decimal yearToDateBefore = 0)
    {
        var brackets = Brackets.Select((b, i) => new Bracket(b.FromVolume, i + 1 < Brackets.Count ? Brackets[i + 1].FromVolume : null, b.Rate,
            $"{Tier} bracket {i + 1}"));
        var lines = Tiered.ApplyBetween(yearToDateBefore, yearToDateBefore + volume, brackets, currency);
        return new RebateStatement(partnerId, period, Tier, currency, volume, lines, lines.Sum(l => l.Amount), yearToDateBefore);
    }

}
