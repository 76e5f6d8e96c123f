using SalesPlatform.Domain;

namespace SalesPlatform.Contracts.Domain;

// Several types in one file: the collections policy with its ageing buckets and overdue steps, and the invoice it limits.
/// <summary>A step of the overdue-handling process: on day <see cref="Day"/> past due, <see cref="Action"/> by the holder of <see cref="OwnerRole"/>.</summary>
/// <param name="Action">reminder, call, manager-escalation, finance-hold (or another word the company uses).</param>
/// <param name="OwnerRole"><c>owner</c> (the contract's rep), <c>manager</c> (the rep's manager) or <c>finance</c>.</param>
/// <param name="Day">Days past due when the step is due.</param>
public sealed record OverdueStep(string Action, string OwnerRole, int Day);

/// <summary>
/// Collections as data (<c>collections</c>): the ageing buckets (current, then 1-30, 31-60, 61-90 and 90+ days past due by default), a reminder
/// <see cref="RemindDaysBefore"/> days before an instalment is due, and the overdue-handling steps the job walks, each once per instalment, with a
/// notification to its owner; crossing into a new bucket raises <c>PaymentOverdue</c> once per bucket.
/// </summary>
public sealed record CollectionsPolicy(IReadOnlyList<int> BucketEnds, int RemindDaysBefore, IReadOnlyList<OverdueStep> Steps) : IPolicy<CollectionsPolicy>
{
    public static string Name => "collections";

    public static readonly string[] OwnerRoles = ["owner", "manager", "finance"];

    public static CollectionsPolicy Default { get; } = new([30, 60, 90], 7,
    [
        new("reminder", "owner", 1), new("call", "owner", 7), new("manager-escalation", "manager", 15), new("finance-hold", "finance", 30),
    ]);

    /// <summary>The bucket of an instalment <paramref name="daysPastDue"/> days past due: <c>current</c>, <c>1-30</c>, <c>31-60</c>, <c>61-90</c>, <c>90+</c>.</summary>
    public string BucketOf(int daysPastDue)
    {
        if (daysPastDue <= 0)
        {
            return "current";
        }

        var start = 1;
        foreach (var end in BucketEnds)
        {
            if (daysPastDue <= end)
            {
                return $"{start}-{end}";
            }

            start = end + 1;
        }

        return $"{BucketEnds[^1]}+";
    }

    /// <summary>The bucket names in order.</summary>
    public IReadOnlyList<string> Buckets => ["current", .. BucketEnds.Select((end, i) => $"{(i == 0 ? 1 : BucketEnds[i - 1] + 1)}-{end}"), $"{BucketEnds[^1]}+"];

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (BucketEnds is null || BucketEnds.Count == 0 || BucketEnds[0] < 1 || BucketEnds.Zip(BucketEnds.Skip(1)).Any(p => p.Second <= p.First))
        {
            errors["bucketEnds"] = ["Ascending day counts of at least 1 (30, 60, 90)."];
        }

        if (RemindDaysBefore is < 0 or > 90)
        {
            errors["remindDaysBefore"] = ["0 to 90 days."];
        }

        if (Steps is null || Steps.Any(s => string.IsNullOrWhiteSpace(s.Action) || !OwnerRoles.Contains(s.OwnerRole) || s.Day is < 1 or > 3650)
            || Steps.Select(s => s.Action).Distinct().Count() != Steps.Count)
        {
            errors["steps"] = ["Each action once, owned by owner, manager or finance, from day 1 to 3650."];
        }

        return errors;
    }
}

/// <summary>An invoice (发票) issued against the plan: title, tax id, tax rate, amount including tax, the instalments it covers.</summary>
public sealed class Invoice
{
    public static readonly string[] Kinds = ["vat-special", "vat-normal"];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ContractId { get; init; }
    public string Number { get; init; } = "";
    public string Kind { get; init; } = "vat-special";
    public string Title { get; init; } = "";
    public string TaxId { get; init; } = "";
    public decimal TaxRate { get; init; }
    public decimal Amount { get; init; }
    public decimal Tax { get; init; }
    public List<Guid> InstalmentIds { get; init; } = [];
    public string IssuedBy { get; init; } = "";
    public DateTimeOffset IssuedAt { get; init; }
}

/// <summary>What the overdue job did to an instalment: each step and each bucket once.</summary>
public sealed class OverdueAction
{
    public long Id { get; init; }
    public Guid InstalmentId { get; init; }

    /// <summary><c>step:&lt;action&gt;</c>, <c>bucket:&lt;bucket&gt;</c> or <c>reminder</c>.</summary>
    public string Key { get; init; } = "";
    public DateTimeOffset At { get; init; }
}
