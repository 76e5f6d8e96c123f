using System.Globalization;
using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Domain;

// Several types in one file: the churn policy with the signals it reads, the assessment it gives and the win-back task it opens.
/// <summary>A customer's signals over the last window and the window before it.</summary>
public sealed record ChurnSignals(int PurchasesRecent, int PurchasesPrevious, decimal? SatisfactionRecent, decimal? SatisfactionPrevious,
    int ComplaintsRecent, int ComplaintsPrevious);

/// <summary>One reason of a churn score: the factor, the points it adds and what it says, with its numbers.</summary>
public sealed record ChurnReason(string Factor, int Points, string Text);

/// <summary>A churn score (0 to 100) with its reasons and the win-back offer for the factor that weighs most.</summary>
public sealed record ChurnAssessment(int Score, bool AtRisk, IReadOnlyList<ChurnReason> Reasons, string? Offer);

/// <summary>
/// Churn early warning as data (<c>churn</c>), comparing the last <see cref="WindowDays"/> days with the window before: purchase
/// frequency falling (the share lost, times <see cref="FrequencyWeight"/>), satisfaction falling (the drop in average survey score, in
/// <see cref="SatisfactionDropForFullWeight"/> points, times <see cref="SatisfactionWeight"/>), complaints rising (the increase, in
/// <see cref="ComplaintRiseForFullWeight"/> complaints, times <see cref="ComplaintWeight"/>). The weights add up to 100; from
/// <see cref="Threshold"/> the customer is at risk and gets a win-back task due in <see cref="WinBackDays"/> days, with the offer of the
/// heaviest factor (<see cref="Offers"/>: exclusive-discount, extended-service-term, value-added-service).
/// </summary>
public sealed record ChurnPolicy(int WindowDays, int FrequencyWeight, int SatisfactionWeight, int ComplaintWeight, decimal SatisfactionDropForFullWeight,
    int ComplaintRiseForFullWeight, int Threshold, int WinBackDays, IReadOnlyDictionary<string, string> Offers) : IPolicy<ChurnPolicy>
{
    public static string Name => "churn";

    public static readonly string[] Factors = ["purchase-frequency", "satisfaction", "complaints"];

    public static readonly string[] OfferTypes = ["exclusive-discount", "extended-service-term", "value-added-service"];

    public static ChurnPolicy Default { get; } = new(180, 40, 30, 30, 3m, 3, 50, 14, new Dictionary<string, string>
    {
        ["purchase-frequency"] = "exclusive-discount", ["satisfaction"] = "extended-service-term", ["complaints"] = "value-added-service",
    });

    public ChurnAssessment Assess(ChurnSignals s)
    {
        var reasons = new List<ChurnReason>();
        var inv = CultureInfo.InvariantCulture;
        if (s.PurchasesPrevious > 0 && s.PurchasesRecent < s.PurchasesPrevious)
        {
            var fall = (decimal)(s.PurchasesPrevious - s.PurchasesRecent) / s.PurchasesPrevious;
            reasons.Add(new("purchase-frequency", Points(fall, FrequencyWeight),
                $"近 {WindowDays} 天成交 {s.PurchasesRecent} 次，之前 {WindowDays} 天 {s.PurchasesPrevious} 次（下降 {Percent(fall)}）/ "
                + $"{s.PurchasesRecent} purchases in the last {WindowDays} days against {s.PurchasesPrevious} before ({Percent(fall)} fewer)"));
        }

        if (s.SatisfactionRecent is { } recent && s.SatisfactionPrevious is { } previous && recent < previous)
        {
            var drop = previous - recent;
            reasons.Add(new("satisfaction", Points(drop / SatisfactionDropForFullWeight, SatisfactionWeight),
                $"满意度平均分由 {previous.ToString("0.0", inv)} 降至 {recent.ToString("0.0", inv)} / "
                + $"average satisfaction fell from {previous.ToString("0.0", inv)} to {recent.ToString("0.0", inv)}"));
        }

        if (s.ComplaintsRecent > s.ComplaintsPrevious)
        {
            var rise = s.ComplaintsRecent - s.ComplaintsPrevious;
            reasons.Add(new("complaints", Points((decimal)rise / ComplaintRiseForFullWeight, ComplaintWeight),
                $"近 {WindowDays} 天投诉 {s.ComplaintsRecent} 次，之前 {s.ComplaintsPrevious} 次 / {s.ComplaintsRecent} complaints in the last {WindowDays} days against {s.ComplaintsPrevious} before"));
        }

        var score = Math.Min(100, reasons.Sum(r => r.Points));
        var heaviest = reasons.OrderByDescending(r => r.Points).ThenBy(r => Array.IndexOf(Factors, r.Factor)).FirstOrDefault();
        return new ChurnAssessment(score, score >= Threshold, reasons, heaviest is null ? null : Offers.GetValueOrDefault(heaviest.Factor));
    }

    private static string Percent(decimal share) => Math.Round(share * 100m, 0, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) + "%";

    private static int Points(decimal share, int weight) => (int)Math.Round(Math.Clamp(share, 0m, 1m) * weight, MidpointRounding.AwayFromZero);

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (WindowDays is < 7 or > 1095)
        {
            errors["windowDays"] = ["The window is 7 to 1095 days."];
        }

        if (FrequencyWeight < 0 || SatisfactionWeight < 0 || ComplaintWeight < 0 || FrequencyWeight + SatisfactionWeight + ComplaintWeight != 100)
        {
            errors["weights"] = ["frequencyWeight, satisfactionWeight and complaintWeight are 0 or more and add up to 100."];
        }

        if (SatisfactionDropForFullWeight is <= 0 or > 10)
        {
            errors["satisfactionDropForFullWeight"] = ["More than 0 and at most 10 points."];
        }

        if (ComplaintRiseForFullWeight is < 1 or > 1000)
        {
            errors["complaintRiseForFullWeight"] = ["1 to 1000 complaints."];
        }

        if (Threshold is < 1 or > 100)
        {
            errors["threshold"] = ["1 to 100."];
        }

        if (WinBackDays is < 1 or > 365)
        {
            errors["winBackDays"] = ["1 to 365 days."];
        }

        if (Offers is null || Factors.Any(f => !Offers.TryGetValue(f, out var offer) || !OfferTypes.Contains(offer)))
        {
            errors["offers"] = ["An offer (" + string.Join(", ", OfferTypes) + ") for each of " + string.Join(", ", Factors) + "."];
        }

        return errors;
    }
}

/// <summary>A win-back task: the owner's job of keeping an at-risk customer, with the offer to make, until it is closed with the outcome.</summary>
public sealed class WinBackTask
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CustomerId { get; init; }
    public Guid? OwnerId { get; init; }
    public string Offer { get; init; } = "";
    public int Score { get; init; }
    public List<string> Reasons { get; init; } = [];

    /// <summary>open, won-back or declined.</summary>
    public string Status { get; set; } = "open";
    public string? Outcome { get; set; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
}
