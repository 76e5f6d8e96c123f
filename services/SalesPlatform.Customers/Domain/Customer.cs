using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Domain;

// Several types in one file: the customer with the contact and detail records it is made of.
/// <summary>A person at the customer and their role in buying (<see cref="CustomerVocabularies.ContactRoles"/>).</summary>
public sealed record CustomerContact(string Name, string? Title, string? Role, string? Email, string? Phone);

/// <summary>Who had the customer before this change, and why it changed.</summary>
public sealed record OwnershipNote(Guid? From, string Kind, string? Reason, string By, DateTimeOffset At);

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

    /// <summary>Since when the current owner has it (the pool's reclaim clock starts here at the latest).</summary>
    public DateTimeOffset? OwnerSince { get; private set; }

    /// <summary>The last follow-up logged (a call, visit, meeting, message).</summary>
    public DateTimeOffset? LastFollowUpAt { get; private set; }

    /// <summary>The last deal: a won opportunity or a signed contract.</summary>
    public DateTimeOffset? LastDealAt { get; private set; }

    /// <summary>A locked customer is never reclaimed to the pool (a manager's decision, with the reason).</summary>
    public bool Locked { get; private set; }
    public string? LockReason { get; private set; }

    /// <summary>The reclaim time the owner was warned about (null: no warning pending).</summary>
    public DateTimeOffset? PoolWarningSentFor { get; private set; }

    /// <summary>The segmentation as last computed (<see cref="SegmentationPolicy"/>).</summary>
    public CustomerSegment? Segment { get; private set; }

    /// <summary>The churn risk as last scored (<see cref="ChurnPolicy"/>); <see cref="ChurnRaisedAt"/> while it is above the threshold.</summary>
    public int ChurnScore { get; private set; }
    public List<string> ChurnReasons { get; private set; } = [];
    public DateTimeOffset? ChurnRaisedAt { get; private set; }

    /// <summary>Marked lost, with why (and who won it, if known).</summary>
    public DateTimeOffset? LostAt { get; private set; }
    public string? LostReason { get; private set; }
    public string? LostCompetitor { get; private set; }

    /// <summary>Why the owner changed in this unit of work (the database writes the history row from it).</summary>
    internal OwnershipNote? PendingOwnership { get; private set; }

    private Customer()
    {
    }

    public static Customer Create(CustomerDetails details, Guid? ownerId, Guid? partnerId, Guid? sourceLeadId, DateTimeOffset now, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(now),
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
        OwnerSince = ownerId is null ? null : now,
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

    /// <summary>
    /// Gives the customer to <paramref name="to"/> (null: back to the pool): <paramref name="kind"/> is claimed,
    /// released, reclaimed or reassigned. The database writes the ownership history, the timeline entry and
    /// <c>CustomerOwnerChanged</c> from it in the same transaction.
    /// </summary>
    public void ChangeOwner(Guid? to, string kind, string? reason, string by, DateTimeOffset now)
    {
        PendingOwnership = new OwnershipNote(OwnerId, kind, reason, by, now);
        OwnerId = to;
        OwnerSince = to is null ? null : now;
        PoolWarningSentFor = null;
        UpdatedAt = now;
    }

    internal void ClearPendingOwnership() => PendingOwnership = null;

    /// <summary>Locks the customer against reclaim, or unlocks it.</summary>
    public void SetLock(bool locked, string? reason, DateTimeOffset now)
    {
        Locked = locked;
        LockReason = locked ? reason : null;
        UpdatedAt = now;
    }

    /// <summary>A follow-up happened at <paramref name="at"/>: the reclaim clock restarts and a pending warning is void.</summary>
    public void FollowedUp(DateTimeOffset at)
    {
        if (LastFollowUpAt is null || at > LastFollowUpAt)
        {
            LastFollowUpAt = at;
            PoolWarningSentFor = null;
        }
    }

    /// <summary>A deal happened at <paramref name="at"/> (won or signed).</summary>
    public void Dealt(DateTimeOffset at)
    {
        if (LastDealAt is null || at > LastDealAt)
        {
            LastDealAt = at;
            PoolWarningSentFor = null;
        }
    }

    /// <summary>Records that the owner was warned of the reclaim at <paramref name="due"/>; false when already warned of it.</summary>
    public bool MarkPoolWarning(DateTimeOffset due)
    {
        if (PoolWarningSentFor == due)
        {
            return false;
        }

        PoolWarningSentFor = due;
        return true;
    }

    /// <summary>Sets the segmentation; true when the segment, tier or stage changed.</summary>
    public bool Segmented(CustomerSegment segment)
    {
        var changed = Segment is null || Segment.RfmSegment != segment.RfmSegment || Segment.ValueTier != segment.ValueTier
            || Segment.Lifecycle != segment.Lifecycle;
        Segment = segment;
        return changed;
    }

    /// <summary>Sets the churn score; true when it just crossed the threshold (raised once per crossing).</summary>
    public bool ScoredChurn(int score, IReadOnlyList<string> reasons, int threshold, DateTimeOffset now)
    {
        ChurnScore = score;
        ChurnReasons = [.. reasons];
        if (score >= threshold && ChurnRaisedAt is null)
        {
            ChurnRaisedAt = now;
            return true;
        }

        if (score < threshold)
        {
            ChurnRaisedAt = null;
        }

        return false;
    }

    /// <summary>Marks the customer lost, with why; the lifecycle then says lost until it buys again.</summary>
    public void MarkLost(string reason, string? competitor, DateTimeOffset now)
    {
        LostAt = now;
        LostReason = reason;
        LostCompetitor = competitor;
        UpdatedAt = now;
    }

    /// <summary>A lost customer bought again: no longer lost.</summary>
    public void WonBack(DateTimeOffset now)
    {
        if (LostAt is not null)
        {
            LostAt = null;
            LostReason = null;
            LostCompetitor = null;
            UpdatedAt = now;
        }
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
