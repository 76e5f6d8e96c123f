namespace SalesPlatform.Leads.Domain;

/// <summary>
/// One change of a lead's owner: assigned by a rule, claimed from the pool, reassigned by a manager,
/// returned to the pool (by its owner or for want of follow-up). The leads database writes one for every
/// owner change it saves, so the history cannot miss one.
/// </summary>
public sealed class LeadOwnershipChange
{
    public long Id { get; init; }
    public Guid LeadId { get; init; }
    public Guid? FromOwner { get; init; }
    public Guid? ToOwner { get; init; }

    /// <summary><c>assigned</c>, <c>claimed</c>, <c>reassigned</c>, <c>released</c> or <c>returned</c>.</summary>
    public string Kind { get; init; } = "";

    public string? Reason { get; init; }

    /// <summary>Who did it (name or person id), or <c>system</c>.</summary>
    public string ChangedBy { get; init; } = "system";

    public DateTimeOffset ChangedAt { get; init; }
}
