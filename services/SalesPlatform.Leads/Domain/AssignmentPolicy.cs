using SalesPlatform.Domain;
namespace SalesPlatform.Leads.Domain;

// Several types in one file: The assignment policy with its rules, the query a rule makes and the decision it leads to: read together.
/// <summary>
/// One assignment rule. It matches a lead when every condition that is set equals the lead's value
/// (case-insensitive; null = any). A match asks team performance's FindAssignees for the territory,
/// industry and specialty given here; a null territory or industry means "the lead's own".
/// </summary>
public sealed record AssignmentRule(
    string Name,
    string? Region = null,
    string? Province = null,
    string? Industry = null,
    string? Source = null,
    Guid? PartnerId = null,
    bool Partnered = false,
    string? AskRegion = null,
    string? AskProvince = null,
    string? AskCity = null,
    string? AskIndustry = null,
    string? AskSpecialty = null)
{
    public bool Matches(Lead lead) =>
        Same(Region, lead.Region) && Same(Province, lead.Province) && Same(Industry, lead.Industry)
        && Same(Source, lead.Source) && (PartnerId is null || PartnerId == lead.PartnerId)
        && (!Partnered || lead.PartnerId is not null);

    /// <summary>The FindAssignees question for <paramref name="lead"/>.</summary>
    public AssigneeQuery QueryFor(Lead lead) => new(
        AskRegion ?? lead.Region ?? "",
        AskProvince ?? lead.Province ?? "",
        AskCity ?? lead.City ?? "",
        AskIndustry ?? lead.Industry ?? "",
        AskSpecialty ?? "");

    private static bool Same(string? condition, string? value) =>
        condition is null || string.Equals(condition, value, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What to ask team performance (empty = any).</summary>
public sealed record AssigneeQuery(string Region, string Province, string City, string Industry, string Specialty);

/// <summary>A rep team performance offered, with the current load.</summary>
public sealed record Candidate(Guid PersonId, string Name, int OpenLeads, int Capacity, string Match);

/// <summary>The outcome of assigning: an owner with the reason, or the queue with the reason (and whether team performance was down).</summary>
public sealed record AssignmentDecision(Guid? OwnerId, string Reason, bool TeamPerformanceDown = false);

/// <summary>
/// Ordered assignment rules as data: the first rule that matches and yields an eligible rep wins. A
/// lead nobody can take waits <see cref="RetryMinSeconds"/> before the queue tries it again, doubling
/// with each vain attempt up to <see cref="RetryMaxSeconds"/>.
/// </summary>
public sealed record AssignmentPolicy(IReadOnlyList<AssignmentRule> Rules, int MaxCandidates = 20, int RetryMinSeconds = 30,
    int RetryMaxSeconds = 3600) : IPolicy<AssignmentPolicy>
{
    public const string PolicyName = "assignment";

    static string IPolicy<AssignmentPolicy>.Name => PolicyName;

    /// <summary>Partner referrals to channel reps, then one rule per sales region (华东 … 东北) by territory and industry.</summary>
    public static AssignmentPolicy Default { get; } = new(
    [
        new("partner referrals to channel reps", Partnered: true, AskSpecialty: "channel"),
        .. Vocabularies.Regions.Terms.Select(region => new AssignmentRule($"{region.Code} by territory and industry", Region: region.Code)),
    ]);

    /// <summary>The wait before the next try after <paramref name="attempts"/> vain attempts (1 = the first).</summary>
    public TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(RetryMaxSeconds, RetryMinSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30))));

    public IEnumerable<AssignmentRule> MatchingRules(Lead lead) => Rules.Where(r => r.Matches(lead));

    /// <summary>
    /// The least-loaded rep below capacity; ties by name for determinism. Capacity means what it means in
    /// team performance: the most open leads a rep takes, so 0 takes none (on leave, not selling).
    /// </summary>
    public static Candidate? LeastLoaded(IEnumerable<Candidate> candidates) =>
        candidates.Where(c => c.OpenLeads < c.Capacity)
            .OrderBy(c => c.OpenLeads).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.PersonId)
            .FirstOrDefault();

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Rules is null)
        {
            errors["rules"] = ["Rules are required (may be empty)."];
            return errors;
        }

        if (Rules.Any(r => string.IsNullOrWhiteSpace(r.Name)) || Rules.Select(r => r.Name).Distinct().Count() != Rules.Count)
        {
            errors["rules.name"] = ["Every rule needs a unique name."];
        }

        if (Rules.Any(r => r.Source is not null && LeadVocabularies.Sources.Resolve(r.Source)?.Code != r.Source))
        {
            errors["rules.source"] = ["Source must be one of: " + LeadVocabularies.Sources.Describe() + "."];
        }

        if (MaxCandidates is < 1 or > 200)
        {
            errors["maxCandidates"] = ["Must be between 1 and 200."];
        }

        if (RetryMinSeconds is < 1 or > 86_400)
        {
            errors["retryMinSeconds"] = ["Must be between 1 and 86400 seconds."];
        }

        if (RetryMaxSeconds < RetryMinSeconds || RetryMaxSeconds > 7 * 86_400)
        {
            errors["retryMaxSeconds"] = ["Must be at least retryMinSeconds and at most 604800 seconds (7 days)."];
        }

        return errors;
    }
}
