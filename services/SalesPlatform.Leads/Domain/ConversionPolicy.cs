using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Domain;

/// <summary>
/// Which leads are qualified to convert (<c>conversion</c>): their grade is one of
/// <see cref="QualifyingGrades"/> and, when <see cref="RequireFirstContact"/>, a first contact was logged.
/// A refusal names every criterion that is missing.
/// </summary>
/// <param name="QualifyingGrades">Grades that may convert (default A, B and C; a D lead is nurtured or disqualified).</param>
/// <param name="RequireFirstContact">Whether a lead must have been contacted (an activity logged) before it converts.</param>
public sealed record ConversionPolicy(IReadOnlyList<string> QualifyingGrades, bool RequireFirstContact) : IPolicy<ConversionPolicy>
{
    public static string Name => "conversion";

    public static ConversionPolicy Default { get; } = new(["A", "B", "C"], true);

    /// <summary>The criteria <paramref name="lead"/> does not meet, by name and why; empty when it may convert.</summary>
    public IReadOnlyList<string> Missing(Lead lead)
    {
        var missing = new List<string>();
        if (!QualifyingGrades.Contains(lead.Grade, StringComparer.Ordinal))
        {
            missing.Add($"grade: {lead.Grade} is not a qualifying grade ({string.Join(", ", QualifyingGrades)})");
        }

        if (RequireFirstContact && lead.FirstContactedAt is null)
        {
            missing.Add("firstContact: no contact with the lead has been logged");
        }

        return missing;
    }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (QualifyingGrades is null || QualifyingGrades.Count == 0 || QualifyingGrades.Any(string.IsNullOrWhiteSpace)
            || QualifyingGrades.Distinct().Count() != QualifyingGrades.Count)
        {
            errors["qualifyingGrades"] = ["At least one grade, each once."];
        }

        return errors;
    }
}
