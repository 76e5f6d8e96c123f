using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Domain;

// Several types in one file: the segmentation policy with the facts it reads and the segment it gives.
/// <summary>An RFM segment rule: a customer whose scores (1 to 5) meet every bound given belongs to <see cref="Segment"/>.</summary>
public sealed record RfmRule(string Segment, int? MinRecency = null, int? MinFrequency = null, int? MinMonetary = null, int? MaxRecency = null)
{
    public bool Matches(int r, int f, int m) =>
        (MinRecency is null || r >= MinRecency) && (MinFrequency is null || f >= MinFrequency) && (MinMonetary is null || m >= MinMonetary)
        && (MaxRecency is null || r <= MaxRecency);
}

/// <summary>Lifecycle thresholds: decline and lost after so many days without a purchase; mature from so many purchases after the development months.</summary>
public sealed record LifecycleRules(int DeclineAfterDays, int LostAfterDays, int MatureMinPurchases, int DevelopmentMonths);

/// <summary>Customer lifetime value: the yearly contribution kept at <see cref="Retention"/> a year for <see cref="Years"/> years, discounted at <see cref="DiscountRate"/>.</summary>
public sealed record LifetimeValueRules(int Years, decimal Retention, decimal DiscountRate);

/// <summary>What the purchases say about one customer, counted at one moment.</summary>
public sealed record CustomerFacts(Guid CustomerId, int PurchasesInWindow, int PurchasesInPreviousWindow, int TotalPurchases, decimal Contribution,
    decimal Revenue, string Basis, DateTimeOffset? FirstPurchaseAt, DateTimeOffset? LastPurchaseAt, DateTimeOffset? LostAt, string? LostReason);

/// <summary>A customer's segmentation: RFM scores and segment, value tier with its profit share, lifecycle stage with the rule that placed it, lifetime value.</summary>
public sealed class CustomerSegment
{
    public string? RfmSegment { get; init; }
    public int? Recency { get; init; }
    public int? Frequency { get; init; }
    public int? Monetary { get; init; }

    /// <summary>Whole days since the last purchase.</summary>
    public int? DaysSincePurchase { get; init; }
    public int PurchasesInWindow { get; init; }
    public decimal Contribution { get; init; }

    /// <summary><c>profit</c> when every purchase in the window has a known cost, <c>revenue</c> when none has, else <c>mixed</c>.</summary>
    public string ContributionBasis { get; init; } = "revenue";
    public string ValueTier { get; init; } = "low-value";

    /// <summary>The customer's share of the book's contribution in the window, and the book's share held by customers ranked above it.</summary>
    public decimal Share { get; init; }
    public decimal ShareAbove { get; init; }
    public string Lifecycle { get; init; } = "awareness";
    public string LifecycleRule { get; init; } = "";
    public decimal LifetimeValue { get; init; }
    public DateTimeOffset ComputedAt { get; init; }
}

/// <summary>
/// Customer segmentation as data (<c>segmentation</c>). Over the last <see cref="WindowMonths"/> months: recency scores 5 within
/// <see cref="RecencyDays"/>[0] days of the last purchase down to 1 beyond the last bound; frequency and monetary score 1 plus the
/// number of bounds reached; the first <see cref="Segments"/> rule that matches names the RFM segment (high-value, potential, general,
/// lost). Value tiers rank customers by contribution (profit where the cost is known, revenue where not, seed 000): those that
/// together bring the first <see cref="ValueTierShares"/>[0] (30%) are high-value (高价值), the next up to [1] important (重要), up to [2]
/// general (一般), the rest and those without contribution low-value (低价值). The lifecycle stage and lifetime value follow
/// <see cref="Lifecycle"/> and <see cref="LifetimeValue"/>.
/// </summary>
public sealed record SegmentationPolicy(string BaseCurrency, int WindowMonths, IReadOnlyList<int> RecencyDays, IReadOnlyList<int> FrequencyCounts,
    IReadOnlyList<decimal> MonetaryAmounts, IReadOnlyList<RfmRule> Segments, IReadOnlyList<decimal> ValueTierShares, LifecycleRules Lifecycle,
    LifetimeValueRules LifetimeValue) : IPolicy<SegmentationPolicy>
{
    public static string Name => "segmentation";

    public static readonly string[] RfmSegments = ["high-value", "potential", "general", "lost"];
    public static readonly string[] ValueTiers = ["high-value", "important", "general", "low-value"];
    public static readonly string[] LifecycleStages = ["awareness", "development", "mature", "decline", "lost"];

    public static SegmentationPolicy Default { get; } = new("CNY", 12, [30, 90, 180, 365], [2, 3, 5, 8], [100_000m, 500_000m, 1_000_000m, 5_000_000m],
        [new("lost", MaxRecency: 1), new("high-value", 4, 3, 4), new("potential", 4), new("general")], [0.30m, 0.60m, 0.90m],
        new LifecycleRules(180, 365, 3, 12), new LifetimeValueRules(5, 0.80m, 0.08m));

    /// <summary>1 to 5: 5 within the first bound of days, 1 beyond the last.</summary>
    public int RecencyScore(int days) => 5 - RecencyDays.Count(bound => days > bound);

    public int FrequencyScore(int purchases) => 1 + FrequencyCounts.Count(bound => purchases >= bound);

    public int MonetaryScore(decimal amount) => 1 + MonetaryAmounts.Count(bound => amount >= bound);

    /// <summary>The value tier of a customer whose rank leaves <paramref name="shareAbove"/> of the book to those above it.</summary>
    public string TierOf(decimal contribution, decimal shareAbove) => contribution <= 0 ? ValueTiers[3]
        : shareAbove < ValueTierShares[0] ? ValueTiers[0] : shareAbove < ValueTierShares[1] ? ValueTiers[1] : shareAbove < ValueTierShares[2] ? ValueTiers[2] : ValueTiers[3];

    /// <summary>Whole days between two moments (a purchase 30 days and 23 hours ago is 30 days ago).</summary>
    public static int DaysBetween(DateTimeOffset from, DateTimeOffset to) => (int)Math.Floor((to - from).TotalDays);

    /// <summary>The lifecycle stage with the rule that placed the customer there (Chinese / English).</summary>
    public (string Stage, string Rule) LifecycleOf(CustomerFacts facts, DateTimeOffset now)
    {
        var l = Lifecycle;
        if (facts.LostAt is not null)
        {
            return ("lost", $"已标记流失：{facts.LostReason} / Marked lost: {facts.LostReason}");
        }

        if (facts.LastPurchaseAt is not { } last || facts.FirstPurchaseAt is not { } first)
        {
            return ("awareness", "尚无成交 / No purchase yet");
        }

        var days = DaysBetween(last, now);
        if (days > l.LostAfterDays)
        {
            return ("lost", $"{days} 天无成交（超过 {l.LostAfterDays} 天即流失）/ No purchase for {days} days (lost after {l.LostAfterDays})");
        }

        if (days > l.DeclineAfterDays)
        {
            return ("decline", $"{days} 天无成交（超过 {l.DeclineAfterDays} 天即衰退）/ No purchase for {days} days (decline after {l.DeclineAfterDays})");
        }

        if (facts.PurchasesInPreviousWindow >= 2 && facts.PurchasesInWindow < facts.PurchasesInPreviousWindow)
        {
            return ("decline", $"近 {WindowMonths} 个月成交 {facts.PurchasesInWindow} 次，之前 {WindowMonths} 个月 {facts.PurchasesInPreviousWindow} 次 / "
                + $"{facts.PurchasesInWindow} purchases in the last {WindowMonths} months against {facts.PurchasesInPreviousWindow} in the {WindowMonths} before");
        }

        if (facts.TotalPurchases < l.MatureMinPurchases || first > now.AddMonths(-l.DevelopmentMonths))
        {
            return ("development", $"共成交 {facts.TotalPurchases} 次，首次成交于 {DaysBetween(first, now)} 天前（成熟需 {l.MatureMinPurchases} 次且满 {l.DevelopmentMonths} 个月）/ "
                + $"{facts.TotalPurchases} purchases, the first {DaysBetween(first, now)} days ago (mature from {l.MatureMinPurchases} purchases after {l.DevelopmentMonths} months)");
        }

        return ("mature", $"共成交 {facts.TotalPurchases} 次，最近一次 {days} 天前 / {facts.TotalPurchases} purchases, the last {days} days ago");
    }

    /// <summary>The yearly contribution kept and discounted over the years: Σ yearly × retention^(t-1) / (1 + rate)^t.</summary>
    public decimal LifetimeValueOf(decimal contributionInWindow)
    {
        var yearly = contributionInWindow * 12m / WindowMonths;
        var total = 0m;
        var kept = 1m;
        var discount = 1m;
        for (var year = 1; year <= LifetimeValue.Years; year++)
        {
            discount *= 1 + LifetimeValue.DiscountRate;
            total += yearly * kept / discount;
            kept *= LifetimeValue.Retention;
        }

        return Math.Round(total, 2, MidpointRounding.ToEven);
    }

    /// <summary>Segments every customer of the book at <paramref name="now"/>: value tiers need the whole book.</summary>
    public IReadOnlyDictionary<Guid, CustomerSegment> Segment(IReadOnlyCollection<CustomerFacts> book, DateTimeOffset now)
    {
        var total = book.Where(f => f.Contribution > 0).Sum(f => f.Contribution);
        var above = 0m;
        var result = new Dictionary<Guid, CustomerSegment>();
        foreach (var facts in book.OrderByDescending(f => f.Contribution).ThenBy(f => f.CustomerId))
        {
            var shareAbove = total == 0 ? 1m : above / total;
            var share = total == 0 || facts.Contribution <= 0 ? 0m : facts.Contribution / total;
            string? segment = null;
            int? r = null, f = null, m = null, days = null;
            if (facts.LastPurchaseAt is { } last)
            {
                days = DaysBetween(last, now);
                r = RecencyScore(days.Value);
                f = FrequencyScore(facts.PurchasesInWindow);
                m = MonetaryScore(facts.Revenue);
                var (rs, fs, ms) = (r.Value, f.Value, m.Value);
                segment = Segments.First(rule => rule.Matches(rs, fs, ms)).Segment;
            }

            var (stage, rule) = LifecycleOf(facts, now);
            result[facts.CustomerId] = new CustomerSegment
            {
                RfmSegment = segment, Recency = r, Frequency = f, Monetary = m, DaysSincePurchase = days, PurchasesInWindow = facts.PurchasesInWindow,
                Contribution = facts.Contribution, ContributionBasis = facts.Basis,
                ValueTier = TierOf(facts.Contribution, shareAbove), Share = Math.Round(share, 6), ShareAbove = Math.Round(shareAbove, 6),
                Lifecycle = stage, LifecycleRule = rule, LifetimeValue = LifetimeValueOf(facts.Contribution), ComputedAt = now,
            };
            if (facts.Contribution > 0)
            {
                above += facts.Contribution;
            }
        }

        return result;
    }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(BaseCurrency) || BaseCurrency.Length != 3)
        {
            errors["baseCurrency"] = ["An ISO 4217 code such as CNY."];
        }

        if (WindowMonths is < 1 or > 60)
        {
            errors["windowMonths"] = ["The window is 1 to 60 months."];
        }

        static bool Ascending<T>(IReadOnlyList<T>? bounds) where T : IComparable<T> =>
            bounds is { Count: 4 } && bounds[0].CompareTo(default!) > 0 && bounds.Zip(bounds.Skip(1)).All(p => p.First.CompareTo(p.Second) < 0);
        if (!Ascending(RecencyDays))
        {
            errors["recencyDays"] = ["Four ascending positive day bounds (scores 5 to 1)."];
        }

        if (!Ascending(FrequencyCounts))
        {
            errors["frequencyCounts"] = ["Four ascending positive purchase counts (scores 2 to 5)."];
        }

        if (!Ascending(MonetaryAmounts))
        {
            errors["monetaryAmounts"] = ["Four ascending positive amounts (scores 2 to 5)."];
        }

        if (Segments is null || Segments.Count == 0 || Segments.Any(s => !RfmSegments.Contains(s.Segment))
            || Segments[^1] is not { MinRecency: null, MinFrequency: null, MinMonetary: null, MaxRecency: null })
        {
            errors["segments"] = ["Rules name " + string.Join(", ", RfmSegments) + "; the last one has no bounds (it catches the rest)."];
        }

        if (ValueTierShares is not { Count: 3 } || ValueTierShares[0] <= 0 || ValueTierShares[2] >= 1
            || ValueTierShares[0] >= ValueTierShares[1] || ValueTierShares[1] >= ValueTierShares[2])
        {
            errors["valueTierShares"] = ["Three ascending cumulative shares between 0 and 1 (high-value, important, general)."];
        }

        if (Lifecycle is null || Lifecycle.DeclineAfterDays < 1 || Lifecycle.LostAfterDays <= Lifecycle.DeclineAfterDays || Lifecycle.MatureMinPurchases < 1
            || Lifecycle.DevelopmentMonths is < 0 or > 120)
        {
            errors["lifecycle"] = ["Decline after at least a day, lost after decline, mature from at least one purchase, development 0 to 120 months."];
        }

        if (LifetimeValue is null || LifetimeValue.Years is < 1 or > 30 || LifetimeValue.Retention is < 0 or > 1 || LifetimeValue.DiscountRate is < 0 or > 1)
        {
            errors["lifetimeValue"] = ["1 to 30 years, retention and discount rate between 0 and 1."];
        }

        return errors;
    }
}
