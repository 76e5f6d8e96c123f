namespace SalesPlatform.Identity.Domain;

/// <summary>A staff member who signs in; <see cref="Id"/> is their team-performance person id (the token's <c>sub</c>).</summary>
public sealed class StaffUser
{
    private StaffUser()
    {
    }

    public StaffUser(Guid personId, string email, string name, IEnumerable<string> roles, DateTimeOffset now)
    {
        Id = personId;
        Email = NormalizeEmail(email);
        Name = name;
        Roles = [.. roles.Distinct(StringComparer.Ordinal)];
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    /// <summary>Sign-in name, stored lower-case.</summary>
    public string Email { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>Hash produced by ASP.NET Core's <c>PasswordHasher</c> (PBKDF2, salted, versioned).</summary>
    public string PasswordHash { get; private set; } = "";

    public List<string> Roles { get; private set; } = [];

    public bool IsActive { get; private set; } = true;

    public DateTimeOffset CreatedAt { get; private set; }

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    public void Deactivate() => IsActive = false;

    public void ChangeRoles(IEnumerable<string> roles) => Roles = [.. roles.Distinct(StringComparer.Ordinal)];

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
