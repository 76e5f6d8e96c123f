using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Domain;

// Several types in one file: A person with the territory record of their coverage.
/// <summary>
/// Someone in the sales organisation. <see cref="Path"/> is the materialised path of the manager chain
/// ("/vp/director/…/self/") so "everyone below this manager" is one indexed prefix scan, however deep.
/// Reps carry territories, industry specialisms, a specialty and a capacity of open leads.
/// </summary>
public sealed class Person
{
    /// <summary>Specialist roles of a rep.</summary>
    public static readonly IReadOnlyList<string> Specialties = ["new-business", "channel", "key-accounts", "after-sales"];

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string Role { get; private set; } = "";
    public string? Specialty { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid? ManagerId { get; private set; }
    public string Path { get; private set; } = "";
    public int Capacity { get; private set; }
    public int OpenLeads { get; private set; }
    public bool Active { get; private set; } = true;

    /// <summary>Industry specialisms, lower case; empty means a generalist.</summary>
    public List<string> Industries { get; private set; } = [];

    public List<Territory> Territories { get; private set; } = [];

    private Person()
    {
    }

    public static Person Create(Guid id, string name, string email, string role, Guid unitId, Person? manager,
        string? specialty = null, int capacity = 0)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["A person needs a name."];
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            errors["email"] = ["A person needs an e-mail."];
        }

        if (!Roles.All.Contains(role) || role == Roles.Partner)
        {
            errors["role"] = [$"Role must be one of {string.Join(", ", Roles.All.Where(r => r != Roles.Partner))}."];
        }

        if (specialty is not null && !Specialties.Contains(specialty))
        {
            errors["specialty"] = [$"Specialty must be one of {string.Join(", ", Specialties)}."];
        }

        if (capacity < 0)
        {
            errors["capacity"] = ["Capacity cannot be negative."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return new Person
        {
            Id = id,
            Name = name.Trim(),
            Email = email.Trim().ToLowerInvariant(),
            Role = role,
            Specialty = specialty,
            UnitId = unitId,
            ManagerId = manager?.Id,
            Path = (manager?.Path ?? "/") + OrgUnit.PathSegment(id),
            Capacity = capacity,
        };
    }

    /// <summary>Replaces the rep's territories and industries (industries normalised to lower case).</summary>
    public void Cover(IEnumerable<Territory> territories, IEnumerable<string> industries)
    {
        Territories = [.. territories];
        Industries = [.. industries.Where(i => !string.IsNullOrWhiteSpace(i))
            .Select(i => i.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)];
    }

    public void SetCapacity(int capacity)
    {
        if (capacity < 0)
        {
            throw new RequestValidationException("capacity", "Capacity cannot be negative.");
        }

        Capacity = capacity;
    }

    public void Deactivate() => Active = false;

    public void AddOpenLead() => OpenLeads++;

    /// <summary>Releases one open lead; never below zero (a close may arrive for a lead assigned before we tracked it).</summary>
    public void ReleaseOpenLead() => OpenLeads = Math.Max(0, OpenLeads - 1);

    /// <summary>True when this person sits in the subtree under the manager path (or is that manager).</summary>
    public bool IsWithin(string managerPath) => Path.StartsWith(managerPath, StringComparison.Ordinal);
}

/// <summary>
/// A geographic territory of a rep: a region, optionally narrowed to a province and a city. A missing
/// level means "all of it" (a territory of only "East China" covers every province and city in it).
/// </summary>
public sealed record Territory(string Region, string? Province, string? City)
{
    /// <summary>1 region-wide, 2 province-wide, 3 one city.</summary>
    public int Specificity => City is not null ? 3 : Province is not null ? 2 : 1;
}
