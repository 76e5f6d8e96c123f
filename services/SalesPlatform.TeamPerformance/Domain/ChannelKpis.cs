using SalesPlatform.Domain;
namespace SalesPlatform.TeamPerformance.Domain;

// Several types in one file: Channel KPIs with the record they produce.
/// <summary>Channel performance of one partner in one period.</summary>
public sealed record ChannelKpis(
    Guid PartnerId,
    string Period,
    string Currency,
    decimal Revenue,
    decimal? RevenueTarget,
    decimal? Attainment,
    int LeadsSourced,
    int LeadsConverted,
    decimal? ConversionRate,
    int DealsWon,
    int DealsLost,
    decimal WonAmount,
    decimal? WinRate,
    int NpsResponses,
    decimal? Nps);

/// <summary>
/// Channel KPIs from partner-tagged facts: sales = signed revenue of partner-sourced contracts; conversion =
/// partner leads converted / partner leads assigned; win rate over partner deals; satisfaction = NPS of the
/// customers of the partner's won deals or contracts (answers in the period).
/// </summary>
public static class ChannelKpiCalculator
{
    public static ChannelKpis Compute(Guid partnerId, Period period, string currency, IReadOnlyCollection<KpiFact> partnerFacts,
        IReadOnlyCollection<KpiFact> npsOfPartnerCustomers, decimal? revenueTarget)
    {
        IEnumerable<KpiFact> Of(string kind) => partnerFacts.Where(f => f.Kind == kind && f.Month >= period.From && f.Month <= period.To);
        var revenue = Of(FactKinds.ContractSigned).Where(f => f.Currency == currency).Sum(f => f.Amount);
        var assigned = Of(FactKinds.LeadAssigned).Count();
        var converted = Of(FactKinds.LeadConverted).Count();
        var won = Of(FactKinds.DealWon).ToList();
        var lost = Of(FactKinds.DealLost).Count();
        var scores = npsOfPartnerCustomers.Where(f => f.Month >= period.From && f.Month <= period.To && f.Score is not null)
            .Select(f => f.Score!.Value).ToList();
        return new ChannelKpis(partnerId, period.Key, currency, revenue, revenueTarget,
            Ratio(revenue, revenueTarget), assigned, converted, Ratio(converted, assigned), won.Count, lost,
            won.Where(f => f.Currency == currency).Sum(f => f.Amount), Ratio(won.Count, won.Count + lost), scores.Count,
            KpiCalculator.NetPromoterScore(scores));
    }

    private static decimal? Ratio(decimal numerator, decimal? denominator) =>
        denominator is null or 0 ? null : Math.Round(numerator / denominator.Value, 4, MidpointRounding.AwayFromZero);
}
