namespace SalesPlatform.TeamPerformance.Domain;

// Several types in one file: Assignee ranking with the request, candidate and result records it works on.
/// <summary>Where a lead is and what it needs; empty strings mean "any".</summary>
public sealed record AssignmentRequest(string? Region, string? Province, string? City, string? Industry, string? Specialty);

/// <summary>A candidate rep as loaded for ranking.</summary>
public sealed record Candidate(Guid PersonId, string Name, string Email, Guid UnitId, Guid? ManagerId, string? Specialty,
    int OpenLeads, int Capacity, IReadOnlyList<string> Industries, IReadOnlyList<Territory> Territories);

/// <summary>A ranked eligible rep and why it matched.</summary>
public sealed record RankedAssignee(Candidate Candidate, int TerritoryLevel, bool IndustrySpecialist, string Match);

/// <summary>
/// The assignment rule (DOMAIN.md §1 "by region, then industry, then load"), in this order:
/// <list type="number">
/// <item>Eligible: active rep, open leads below capacity, specialty equal when one is asked for.</item>
/// <item>Territory: a territory covers the lead when its most specific level (city, else province, else
/// region) is named by the lead and equal (case-insensitive) and no other level both name differs. Only reps at the MOST SPECIFIC
/// covering level are returned: city reps when any city rep is eligible, else province-wide reps,
/// else region-wide reps (a lead in Suzhou goes to Suzhou before it spills over to Jiangsu).</item>
/// <item>Industry: when the lead names one, reps listing it (specialists) rank before reps with no
/// industries (generalists); reps listing only other industries are not eligible.</item>
/// <item>Specialty: a request for one finds only reps with it; a request for none never finds channel reps,
/// who work partners' leads.</item>
/// <item>Load: fewest open leads first; ties by more free capacity, then by person id (ordinal), so the
/// order is deterministic.</item>
/// </list>
/// </summary>
public static class AssigneeRanking
{
    /// <summary>The specialty of reps who work partner referrals.</summary>
    public const string ChannelSpecialty = "channel";

    public static IReadOnlyList<RankedAssignee> Rank(AssignmentRequest request, IEnumerable<Candidate> candidates, int maxResults)
    {
        var industry = Normalize(request.Industry);
        var specialty = Normalize(request.Specialty);
        var eligible = new List<RankedAssignee>();
        foreach (var candidate in candidates)
        {
            // Channel reps work partners' leads: only a request for the channel specialty finds them.
            if (candidate.OpenLeads >= candidate.Capacity
                || (specialty is not null && !string.Equals(candidate.Specialty, specialty, StringComparison.OrdinalIgnoreCase))
                || (specialty is null && string.Equals(candidate.Specialty, ChannelSpecialty, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var specialist = industry is not null && candidate.Industries.Contains(industry, StringComparer.OrdinalIgnoreCase);
            if (industry is not null && !specialist && candidate.Industries.Count > 0)
            {
                continue;
            }

            var territory = BestTerritory(request, candidate.Territories);
            if (territory is null)
            {
                continue;
            }

            var match = territory.Value.Describe + (industry is null ? ""
                : specialist ? $"; industry={industry}" : "; industry=any (generalist)");
            eligible.Add(new RankedAssignee(candidate, territory.Value.Level, specialist, match));
        }

        if (eligible.Count == 0)
        {
            return [];
        }

        var mostSpecific = eligible.Max(e => e.TerritoryLevel);
        return [.. eligible.Where(e => e.TerritoryLevel == mostSpecific)
            .OrderByDescending(e => e.IndustrySpecialist)
            .ThenBy(e => e.Candidate.OpenLeads)
            .ThenByDescending(e => e.Candidate.Capacity - e.Candidate.OpenLeads)
            .ThenBy(e => e.Candidate.PersonId.ToString("N"), StringComparer.Ordinal)
            .Take(maxResults)];
    }

    /// <summary>The most specific territory of the rep covering the request: level 3 city, 2 province, 1 region, 0 when the request names no place.</summary>
    private static (int Level, string Describe)? BestTerritory(AssignmentRequest request, IReadOnlyList<Territory> territories)
    {
        var region = Normalize(request.Region);
        var province = Normalize(request.Province);
        var city = Normalize(request.City);
        if (region is null && province is null && city is null)
        {
            return territories.Count > 0 ? (0, "territory=any") : null;
        }

        (int Level, string Describe)? best = null;
        foreach (var territory in territories)
        {
            if (!Covers(territory, region, province, city))
            {
                continue;
            }

            var level = territory.Specificity;
            if (best is null || level > best.Value.Level)
            {
                best = (level, level switch
                {
                    3 => $"city={territory.City}",
                    2 => $"province={territory.Province}",
                    _ => $"region={territory.Region}",
                });
            }
        }

        return best;
    }

    // Covers when the territory's most specific level is named by the lead and equal, and no other level
    // conflicts: (East China, Jiangsu, Suzhou) covers a lead with only city=Suzhou; (East China) does not.
    private static bool Covers(Territory territory, string? region, string? province, string? city) =>
        !Conflicts(territory.Region, region) && !Conflicts(territory.Province, province) && !Conflicts(territory.City, city)
        && (territory.City is not null ? city is not null
            : territory.Province is not null ? province is not null
            : region is not null);

    private static bool Conflicts(string? territoryValue, string? requested) =>
        territoryValue is not null && requested is not null
        && !string.Equals(territoryValue.Trim(), requested, StringComparison.OrdinalIgnoreCase);

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}
