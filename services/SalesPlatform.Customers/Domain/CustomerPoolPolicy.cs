using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Domain;

// Several types in one file: the customer pool policy with the reclaim rule per value tier and the ownership history it keeps.
/// <summary>How long a customer of one value tier may go without a follow-up, or without a deal, before it is reclaimed to the pool (null: never).</summary>
public sealed record TierReclaim(string Tier, int? DaysWithoutFollowUp, int? DaysWithoutDeal);

/// <summary>
/// The customer pool (公海) as data (<c>customer-pool</c>): an owner keeps a customer while they follow it up within its value tier's
/// <see cref="TierReclaim.DaysWithoutFollowUp"/> days and close a deal within <see cref="TierReclaim.DaysWithoutDeal"/> days (both counted
/// from the later of that event and the day they got the customer), else it is reclaimed, with a warning <see cref="WarnDaysBefore"/>
/// days before; locked customers never are. Customers not yet tiered follow the <c>unrated</c> rule. One person owns at most
/// <see cref="OwnedCap"/> customers (customers with a deal count only when <see cref="CountCustomersWithDeals"/>), and never claims back
/// a customer they lost or released in the last <see cref="ReclaimCooldownDays"/> days.
/// </summary>
public sealed record CustomerPoolPolicy(int OwnedCap, bool CountCustomersWithDeals, int ReclaimCooldownDays, int WarnDaysBefore,
    IReadOnlyList<TierReclaim> Reclaim) : IPolicy<CustomerPoolPolicy>
{
    public static string Name => "customer-pool";

    public const string Unrated = "unrated";

    public static CustomerPoolPolicy Default { get; } = new(200, false, 30, 7,
    [
        new("high-value", 30, null), new("important", 45, 365), new("general", 60, 365), new("low-value", 90, 365), new(Unrated, 30, 90),
    ]);

    /// <summary>When <paramref name="customer"/> is reclaimed unless followed up or dealt with first, and why; null when never.</summary>
    public (DateTimeOffset Due, string Reason)? ReclaimDue(Customer customer)
    {
        if (customer.OwnerId is null || customer.Locked || customer.OwnerSince is not { } since)
        {
            return null;
        }

        var tier = customer.Segment is { } s && (s.PurchasesInWindow > 0 || customer.LastDealAt is not null) ? s.ValueTier : Unrated;
        var rule = Reclaim.FirstOrDefault(r => r.Tier == tier) ?? Reclaim.FirstOrDefault(r => r.Tier == Unrated);
        if (rule is null)
        {
            return null;
        }

        (DateTimeOffset, string)? due = null;
        if (rule.DaysWithoutFollowUp is { } followDays)
        {
            var at = Later(since, customer.LastFollowUpAt).AddDays(followDays);
            due = (at, $"{followDays} 天未跟进 / not followed up for {followDays} days ({tier})");
        }

        if (rule.DaysWithoutDeal is { } dealDays)
        {
            var at = Later(since, customer.LastDealAt).AddDays(dealDays);
            if (due is null || at < due.Value.Item1)
            {
                due = (at, $"{dealDays} 天未成交 / no deal for {dealDays} days ({tier})");
            }
        }

        return due;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset? b) => b is { } v && v > a ? v : a;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (OwnedCap is < 1 or > 100_000)
        {
            errors["ownedCap"] = ["One person owns 1 to 100000 customers."];
        }

        if (ReclaimCooldownDays is < 0 or > 365)
        {
            errors["reclaimCooldownDays"] = ["The cool-down is 0 to 365 days."];
        }

        var tiers = SegmentationPolicy.ValueTiers.Append(Unrated).ToArray();
        if (Reclaim is null || Reclaim.Any(r => !tiers.Contains(r.Tier) || r.DaysWithoutFollowUp is < 1 or > 3650 || r.DaysWithoutDeal is < 1 or > 3650)
            || Reclaim.Select(r => r.Tier).Distinct().Count() != Reclaim.Count)
        {
            errors["reclaim"] = ["Each of " + string.Join(", ", tiers) + " at most once, with 1 to 3650 days (or null: never)."];
        }
        else if (WarnDaysBefore < 0 || Reclaim.Any(r => WarnDaysBefore >= (r.DaysWithoutFollowUp ?? int.MaxValue) || WarnDaysBefore >= (r.DaysWithoutDeal ?? int.MaxValue)))
        {
            errors["warnDaysBefore"] = ["The warning comes 0 or more days before the reclaim, inside every period."];
        }

        return errors;
    }
}

/// <summary>One change of a customer's owner (claimed, released, reclaimed, reassigned), written by the database for every owner change it saves.</summary>
public sealed class CustomerOwnershipChange
{
    public long Id { get; init; }
    public Guid CustomerId { get; init; }
    public Guid? FromOwner { get; init; }
    public Guid? ToOwner { get; init; }
    public string Kind { get; init; } = "";
    public string? Reason { get; init; }
    public string ChangedBy { get; init; } = "system";
    public DateTimeOffset ChangedAt { get; init; }
}
