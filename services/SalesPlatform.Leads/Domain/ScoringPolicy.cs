using SalesPlatform.Domain;
namespace SalesPlatform.Leads.Domain;

// Several types in one file: The scoring policy and the records it is made of (weights, title authority, ICP, timeline, bands) and produces (breakdowns): read together.
/// <summary>What the scoring policy looks at.</summary>
public sealed record ScoringFacts(
    string? Industry,
    string? CompanySize,
    string? Title,
    decimal? BudgetAmount,
    string? BudgetCurrency,
    bool BudgetConfirmed,
    DateOnly? ExpectedStart,
    InteractionCounts Interactions,
    string? PurchasingCycle = null);

/// <summary>One dimension's contribution: raw points 0..100, weight, weighted points and why.</summary>
public sealed record DimensionScore(string Dimension, decimal Points, decimal Weight, decimal Weighted, IReadOnlyList<string> Reasons);

/// <summary>The stored and shown result of scoring.</summary>
public sealed record ScoreBreakdown(decimal Score, string Grade, IReadOnlyList<DimensionScore> Dimensions);

/// <summary>Weights of the four DOMAIN.md dimensions; they must sum to 1.</summary>
public sealed record ScoringWeights(decimal NeedFit, decimal DecisionAuthority, decimal BudgetAndTimeline, decimal InteractionHistory);

/// <summary>A title of the shared titles vocabulary (its code or any spelling: <c>cfo</c>, 财务总监) and its decision-authority points.</summary>
public sealed record TitleAuthority(string Keyword, decimal Points);

/// <summary>
/// The ideal customer profile behind the need-fit dimension (industry, company size, budget range and
/// purchasing cycle), with the points each match earns; the four sum to 100.
/// </summary>
public sealed record IdealCustomerProfile(
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> CompanySizes,
    decimal MinBudget,
    string BudgetCurrency,
    decimal IndustryPoints,
    decimal SizePoints,
    decimal BudgetPoints,
    IReadOnlyList<string>? PurchasingCycles = null,
    decimal CyclePoints = 0);

/// <summary>Budget-and-timeline points: confirmed budget, and a start date near or mid term.</summary>
public sealed record TimelineRules(decimal ConfirmedBudgetPoints, int NearTermDays, decimal NearTermPoints, int MidTermDays, decimal MidTermPoints);

/// <summary>Interaction-history points per interaction, capped at 100.</summary>
public sealed record InteractionPoints(decimal SiteVisit, decimal EmailOpen, decimal Form, decimal Event);

/// <summary>A grade and the lowest score that earns it.</summary>
public sealed record GradeBand(string Grade, decimal MinScore);

/// <summary>
/// The lead quality score of DOMAIN.md section 1 as data: four weighted dimensions (need fit,
/// decision authority, budget and timeline, interaction history), each scored 0..100, summed by
/// weight to 0..100 and mapped to a grade by bands (highest band first).
/// </summary>
public sealed record ScoringPolicy(
    ScoringWeights Weights,
    IReadOnlyList<TitleAuthority> TitleAuthority,
    decimal UnknownTitlePoints,
    IdealCustomerProfile IdealCustomerProfile,
    TimelineRules Timeline,
    InteractionPoints Interactions,
    IReadOnlyList<GradeBand> Bands) : IPolicy<ScoringPolicy>
{
    public const string PolicyName = "scoring";

    static string IPolicy<ScoringPolicy>.Name => PolicyName;

    /// <summary>The default policy (seeded into the database).</summary>
    public static ScoringPolicy Default { get; } = new(
        new ScoringWeights(0.35m, 0.25m, 0.25m, 0.15m),
        [
            new("ceo", 100), new("chairman", 100), new("owner", 100), new("cfo", 100), new("vp-procurement", 95),
            new("general-manager", 90), new("vp", 90), new("procurement-director", 90), new("finance-director", 90),
            new("cto", 85), new("cio", 85), new("coo", 85), new("technical-director", 85), new("it-director", 80),
            new("procurement-manager", 80), new("director", 70), new("it-manager", 60), new("project-manager", 55),
            new("manager", 50), new("buyer", 40), new("engineer", 30),
        ],
        10,
        new IdealCustomerProfile(["manufacturing", "energy", "automotive"], ["200-999", "1000+"], 500_000m, "CNY", 35, 25, 25,
            ["immediate", "this-quarter", "annual-budget", "tender"], 15),
        new TimelineRules(50, 90, 50, 365, 25),
        new InteractionPoints(5, 2, 10, 15),
        [new("A", 80), new("B", 60), new("C", 40), new("D", 0)]);

    /// <summary>Field name to problems; empty when the policy is usable.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var w = Weights;
        if (w is null)
        {
            errors["weights"] = ["Weights are required."];
        }
        else
        {
            if (new[] { w.NeedFit, w.DecisionAuthority, w.BudgetAndTimeline, w.InteractionHistory }.Any(x => x < 0 || x > 1))
            {
                errors["weights"] = ["Each weight must be between 0 and 1."];
            }
            else if (w.NeedFit + w.DecisionAuthority + w.BudgetAndTimeline + w.InteractionHistory != 1m)
            {
                errors["weights"] = ["Weights must sum to 1."];
            }
        }

        if (TitleAuthority is null || TitleAuthority.Any(t => string.IsNullOrWhiteSpace(t.Keyword) || t.Points is < 0 or > 100))
        {
            errors["titleAuthority"] = ["Every entry needs a keyword and points between 0 and 100."];
        }
        else if (TitleAuthority.Select((t, i) => (t, i)).FirstOrDefault(e => Vocabularies.Titles.Resolve(e.t.Keyword) is null) is { t: not null } unknown)
        {
            errors[$"titleAuthority[{unknown.i}].keyword"] =
                [$"'{unknown.t.Keyword}' is not a title of the titles vocabulary (GET /api/leads/vocabularies/titles): {Vocabularies.Titles.Describe()}."];
        }

        if (UnknownTitlePoints is < 0 or > 100)
        {
            errors["unknownTitlePoints"] = ["Must be between 0 and 100."];
        }

        var icp = IdealCustomerProfile;
        if (icp is null || icp.Industries is null || icp.CompanySizes is null || icp.MinBudget < 0
            || string.IsNullOrWhiteSpace(icp.BudgetCurrency) || icp.IndustryPoints < 0 || icp.SizePoints < 0 || icp.BudgetPoints < 0
            || icp.CyclePoints < 0 || (icp.PurchasingCycles ?? []).Any(c => LeadVocabularies.PurchasingCycles.Resolve(c)?.Code != c)
            || icp.IndustryPoints + icp.SizePoints + icp.BudgetPoints + icp.CyclePoints != 100)
        {
            errors["idealCustomerProfile"] = ["Industries, sizes, a non-negative minimum budget with currency, and points summing to 100 are required."];
        }

        var t = Timeline;
        if (t is null || t.NearTermDays <= 0 || t.MidTermDays < t.NearTermDays || t.ConfirmedBudgetPoints < 0
            || t.NearTermPoints < t.MidTermPoints || t.MidTermPoints < 0 || t.ConfirmedBudgetPoints + t.NearTermPoints > 100)
        {
            errors["timeline"] = ["Near term must be positive and not after mid term, near-term points at least mid-term points, and confirmed + near-term points at most 100."];
        }

        if (Interactions is null || Interactions.SiteVisit < 0 || Interactions.EmailOpen < 0 || Interactions.Form < 0 || Interactions.Event < 0)
        {
            errors["interactions"] = ["Points per interaction must not be negative."];
        }

        if (Bands is null || Bands.Count == 0)
        {
            errors["bands"] = ["At least one grade band is required."];
        }
        else
        {
            var problems = new List<string>();
            for (var i = 1; i < Bands.Count; i++)
            {
                if (Bands[i].MinScore >= Bands[i - 1].MinScore)
                {
                    problems.Add($"Band {Bands[i].Grade} must start below band {Bands[i - 1].Grade} (bands are ordered from the highest).");
                }
            }

            if (Bands[^1].MinScore != 0)
            {
                problems.Add("The last band must start at 0 so every score has a grade.");
            }

            if (Bands.Any(b => string.IsNullOrWhiteSpace(b.Grade) || b.MinScore is < 0 or > 100))
            {
                problems.Add("Every band needs a grade and a minimum score between 0 and 100.");
            }

            if (Bands.Select(b => b.Grade).Distinct().Count() != Bands.Count)
            {
                problems.Add("Grades must be distinct.");
            }

            if (problems.Count > 0)
            {
                errors["bands"] = [.. problems];
            }
        }

        return errors;
    }

    /// <summary>The grade of <paramref name="score"/>: the first band whose minimum it reaches.</summary>
    public string GradeOf(decimal score) => Bands.First(b => score >= b.MinScore).Grade;

    /// <summary>Scores <paramref name="facts"/> as of <paramref name="today"/>.</summary>
    public ScoreBreakdown Score(ScoringFacts facts, DateOnly today)
    {
        var dimensions = new[]
        {
            Dimension("need-fit", Weights.NeedFit, NeedFit(facts)),
            Dimension("decision-authority", Weights.DecisionAuthority, Authority(facts)),
            Dimension("budget-and-timeline", Weights.BudgetAndTimeline, BudgetAndTimeline(facts, today)),
            Dimension("interaction-history", Weights.InteractionHistory, InteractionHistory(facts)),
        };
        var score = Math.Round(dimensions.Sum(d => d.Weighted), 2, MidpointRounding.AwayFromZero);
        return new ScoreBreakdown(score, GradeOf(score), dimensions);
    }

    private static DimensionScore Dimension(string name, decimal weight, (decimal Points, List<string> Reasons) result)
    {
        var points = Math.Min(100, result.Points);
        return new DimensionScore(name, points, weight, Math.Round(points * weight, 4), result.Reasons);
    }

    private (decimal, List<string>) NeedFit(ScoringFacts f)
    {
        var icp = IdealCustomerProfile;
        var points = 0m;
        var reasons = new List<string>();
        if (f.Industry is not null && icp.Industries.Contains(f.Industry, StringComparer.OrdinalIgnoreCase))
        {
            points += icp.IndustryPoints;
            reasons.Add($"industry {f.Industry} is in the ideal customer profile (+{icp.IndustryPoints})");
        }

        if (f.CompanySize is not null && icp.CompanySizes.Contains(f.CompanySize, StringComparer.OrdinalIgnoreCase))
        {
            points += icp.SizePoints;
            reasons.Add($"company size {f.CompanySize} is in the ideal customer profile (+{icp.SizePoints})");
        }

        if (f.BudgetAmount is { } budget && string.Equals(f.BudgetCurrency, icp.BudgetCurrency, StringComparison.OrdinalIgnoreCase)
            && budget >= icp.MinBudget)
        {
            points += icp.BudgetPoints;
            reasons.Add($"budget {budget} {f.BudgetCurrency} reaches {icp.MinBudget} (+{icp.BudgetPoints})");
        }

        if (f.PurchasingCycle is not null && (icp.PurchasingCycles ?? []).Contains(f.PurchasingCycle, StringComparer.OrdinalIgnoreCase))
        {
            points += icp.CyclePoints;
            reasons.Add($"purchasing cycle {f.PurchasingCycle} is in the ideal customer profile (+{icp.CyclePoints})");
        }

        return (points, reasons);
    }

    private (decimal, List<string>) Authority(ScoringFacts f)
    {
        // The contact's title as a term of the shared titles vocabulary, in Chinese or English and inside a
        // longer title (华东区采购经理, "Senior Procurement Manager"), matched by whole words (a Director is not a CTO).
        var title = Vocabularies.Titles.Find(f.Title);
        var best = title is null ? null
            : TitleAuthority.Where(t => Vocabularies.Titles.Resolve(t.Keyword)?.Code == title.Code).MaxBy(t => t.Points);
        return best is null
            ? (UnknownTitlePoints, [$"title '{f.Title}' not in the authority table (+{UnknownTitlePoints})"])
            : (best.Points, [$"title '{f.Title}' is {title!.EnUs} / {title.ZhCn} (+{best.Points})"]);
    }

    private (decimal, List<string>) BudgetAndTimeline(ScoringFacts f, DateOnly today)
    {
        var points = 0m;
        var reasons = new List<string>();
        if (f.BudgetConfirmed)
        {
            points += Timeline.ConfirmedBudgetPoints;
            reasons.Add($"budget confirmed (+{Timeline.ConfirmedBudgetPoints})");
        }

        if (f.ExpectedStart is { } start)
        {
            var days = start.DayNumber - today.DayNumber;
            if (days < 0)
            {
                reasons.Add($"start date {start:yyyy-MM-dd} has passed (+0)");
            }
            else if (days <= Timeline.NearTermDays)
            {
                points += Timeline.NearTermPoints;
                reasons.Add($"starts within {Timeline.NearTermDays} days (+{Timeline.NearTermPoints})");
            }
            else if (days <= Timeline.MidTermDays)
            {
                points += Timeline.MidTermPoints;
                reasons.Add($"starts within {Timeline.MidTermDays} days (+{Timeline.MidTermPoints})");
            }
        }

        return (points, reasons);
    }

    private (decimal, List<string>) InteractionHistory(ScoringFacts f)
    {
        var i = f.Interactions;
        var points = i.SiteVisits * Interactions.SiteVisit + i.EmailOpens * Interactions.EmailOpen
            + i.Forms * Interactions.Form + i.Events * Interactions.Event;
        return (points, [$"{i.SiteVisits} visits, {i.EmailOpens} e-mail opens, {i.Forms} forms, {i.Events} events"]);
    }
}
