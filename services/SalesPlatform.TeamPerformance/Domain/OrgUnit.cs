using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Domain;

/// <summary>
/// A unit of the sales organisation: company &gt; region &gt; province &gt; city. <see cref="Path"/> is the
/// materialised path of unit ids ("/company/region/…/self/"), so a subtree is one indexed prefix scan.
/// </summary>
public sealed class OrgUnit
{
    /// <summary>The allowed levels, top down.</summary>
    public static readonly IReadOnlyList<string> Levels = ["company", "region", "province", "city"];

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Level { get; private set; } = "";
    public Guid? ParentId { get; private set; }
    public string Path { get; private set; } = "";
    public string NamePath { get; private set; } = "";

    private OrgUnit()
    {
    }

    public static OrgUnit Create(Guid id, string name, string level, OrgUnit? parent)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RequestValidationException("name", "A unit needs a name.");
        }

        var depth = IndexOfLevel(level);
        if (parent is null && depth != 0)
        {
            throw new BusinessRuleException("unit.parent-required", $"A {level} unit needs a parent unit.");
        }

        if (parent is not null && IndexOfLevel(parent.Level) != depth - 1)
        {
            throw new BusinessRuleException("unit.level-order",
                $"A {level} must sit directly under a {Levels[Math.Max(depth - 1, 0)]}, not under a {parent.Level}.");
        }

        return new OrgUnit
        {
            Id = id,
            Name = name.Trim(),
            Level = level,
            ParentId = parent?.Id,
            Path = (parent?.Path ?? "/") + PathSegment(id),
            NamePath = parent is null ? "company" : parent.NamePath + "/" + name.Trim(),
        };
    }

    /// <summary>The path segment of one id: 32 hex digits and a slash (no LIKE wildcards).</summary>
    public static string PathSegment(Guid id) => id.ToString("N") + "/";

    private static int IndexOfLevel(string level)
    {
        var index = Levels.ToList().IndexOf(level);
        return index >= 0 ? index
            : throw new RequestValidationException("level", $"Level must be one of {string.Join(", ", Levels)}.");
    }
}
