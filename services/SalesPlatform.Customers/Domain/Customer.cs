using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Domain;

// Several types in one file: the customer with the contact and detail records it is made of.
/// <summary>A person at the customer and their role in buying (<see cref="CustomerVocabularies.ContactRoles"/>).</summary>
public sealed record CustomerContact(string Name, string? Title, string? Role, string? Email, string? Phone);

/// <summary>Validated, normalised details of a customer.</summary>
public sealed record CustomerDetails(string Name, string? CreditCode, string? Industry, string? Size, string? Region, string? Province,
    string? City, IReadOnlyList<CustomerContact> Contacts, IReadOnlyList<string> Tags);

/// <summary>
/// A customer (企业客户): the company with its unified social credit code (the de-duplication key; the
/// normalised company name when it has none), industry, size and place as vocabulary codes, its contacts and
/// tags, and its owner (none while it waits in the customer pool).
/// </summary>
public sealed class Customer
{
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The normalised company name (<see cref="Normalizer.CompanyKey"/>): the fallback de-duplication key.</summary>
    public string NameKey { get; private set; } = "";

    public string? CreditCode { get; private set; }
    public string? Industry { get; private set; }
    public string? Size { get; private set; }
    public string? Region { get; private set; }
    public string? Province { get; private set; }
    public string? City { get; private set; }
    public Guid? OwnerId { get; private set; }

    /// <summary>The partner that referred it, if any (partners see their customers).</summary>
    public Guid? PartnerId { get; private set; }

    public List<CustomerContact> Contacts { get; private set; } = [];
    public List<string> Tags { get; private set; } = [];

    /// <summary>The lead it was created from, if any.</summary>
    public Guid? SourceLeadId { get; private set; }

    /// <summary>Finance's blacklist flag, with why and who set it.</summary>
    public bool Blacklisted { get; private set; }
    public string? BlacklistReason { get; private set; }
    public string? BlacklistedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private Customer()
    {
    }

    public static Customer Create(CustomerDetails details, Guid? ownerId, Guid? partnerId, Guid? sourceLeadId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Name = details.Name,
        NameKey = Normalizer.CompanyKey(details.Name),
        CreditCode = details.CreditCode,
        Industry = details.Industry,
        Size = details.Size,
        Region = details.Region,
        Province = details.Province,
        City = details.City,
        Contacts = [.. details.Contacts],
        Tags = [.. details.Tags],
        OwnerId = ownerId,
        PartnerId = partnerId,
        SourceLeadId = sourceLeadId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Sets or lifts the blacklist flag (finance), with the reason and who.</summary>
    public void SetBlacklist(bool blacklisted, string reason, string by, DateTimeOffset now)
    {
        Blacklisted = blacklisted;
        BlacklistReason = blacklisted ? reason : null;
        BlacklistedBy = blacklisted ? by : null;
        UpdatedAt = now;
    }

    /// <summary>Adds a contact unless one with the same name and e-mail is there; true when added.</summary>
    public bool AddContact(CustomerContact contact, DateTimeOffset now)
    {
        if (Contacts.Any(c => c.Name == contact.Name && string.Equals(c.Email, contact.Email, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        Contacts = [.. Contacts, contact];
        UpdatedAt = now;
        return true;
    }
}
