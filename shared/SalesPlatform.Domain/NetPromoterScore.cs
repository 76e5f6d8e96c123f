namespace SalesPlatform.Domain;

/// <summary>The answers to "how likely are you to recommend us" (0-10), counted: promoters 9-10, passives 7-8, detractors 0-6.</summary>
/// <param name="Responses">How many answered.</param>
/// <param name="Promoters">Answers of 9 or 10.</param>
/// <param name="Passives">Answers of 7 or 8.</param>
/// <param name="Detractors">Answers of 0 to 6.</param>
/// <param name="Nps">%promoters − %detractors, −100..100 to 2 decimals; null without answers.</param>
public sealed record NetPromoterScore(int Responses, int Promoters, int Passives, int Detractors, decimal? Nps)
{
    /// <summary>The NPS of <paramref name="scores"/>.</summary>
    public static NetPromoterScore Of(IReadOnlyCollection<int> scores)
    {
        var promoters = scores.Count(s => s >= 9);
        var detractors = scores.Count(s => s <= 6);
        return new NetPromoterScore(scores.Count, promoters, scores.Count - promoters - detractors, detractors,
            scores.Count == 0 ? null : Math.Round(100m * (promoters - detractors) / scores.Count, 2, MidpointRounding.AwayFromZero));
    }
}
