using SalesPlatform.Domain;
namespace SalesPlatform.TeamPerformance.Domain;

// Several types in one file: KPI calculation with the report records it produces.
/// <summary>Targets that apply to a period (null when none was set).</summary>
public sealed record PeriodTargets(decimal? Revenue, decimal? Collections, decimal? NewCustomers);

/// <summary>The KPIs of a person or unit for one period. Ratios are fractions (0.8 = 80%); null means "no data to divide by".</summary>
public sealed record KpiReport(
    string Period,
    string Currency,
    decimal Revenue,
    decimal? RevenueTarget,
    decimal? Attainment,
    decimal Collections,
    decimal? CollectionsTarget,
    decimal? CollectionsAttainment,
    int NewCustomers,
    decimal? NewCustomersTarget,
    int LeadsAssigned,
    int LeadsConverted,
    decimal? LeadConversionRate,
    int DealsWon,
    int DealsLost,
    decimal? AverageDealSize,
    decimal? WinRate,
    decimal? SalesCycleDays,
    decimal? CollectionCycleDays,
    int ActivityCount,
    decimal OpenPipeline,
    decimal? PipelineCoverage,
    decimal OverdueReceivables,
    int NpsResponses,
    decimal? Nps,
    int Visits = 0,
    decimal NewBusinessRevenue = 0,
    decimal RepeatBusinessRevenue = 0,
    decimal? DaysSalesOutstanding = null);

/// <summary>
/// The KPI formulas (DOMAIN.md §5), applied to the facts of one person or of every person in a unit:
/// <list type="bullet">
/// <item>attainment = signed contract revenue / revenue target; collections attainment = payments / collections target;</item>
/// <item>new customers = won deals flagged as a customer's first; won revenue split into new and repeat business;</item>
/// <item>lead conversion rate, as a cohort: of the distinct leads assigned in the period, the share converted (at any
/// time since), so it never exceeds 100% and a reassigned lead counts once;</item>
/// <item>average deal size = won amount / won deals; win rate = won / (won + lost);</item>
/// <item>sales cycle days = mean days from opportunity creation to win; collection cycle days = days from signing to cash
/// weighted by the amount collected; DSO = receivables outstanding at the period's end / revenue of the period x its days;</item>
/// <item>activity count = logged activities, visits = those that were visits; pipeline coverage = the open pipeline expected to close
/// in the period / its revenue target (all open pipeline while no deal carries a close date);</item>
/// <item>overdue receivables = latest snapshot per person (summed for a unit); NPS = %promoters(9-10) − %detractors(0-6), −100..100.</item>
/// </list>
/// Money facts in another currency count at the dated rate the caller gives (<c>exchange-rates</c> policy), left out without one. Ratios are
/// rounded to 4 decimals, days to 2, money to the cent (half away from zero).
/// </summary>
public static class KpiCalculator
{
    public static KpiReport Compute(Period period, string currency, IReadOnlyCollection<KpiFact> facts, PeriodTargets targets,
        decimal openPipeline, decimal overdueReceivables, IReadOnlySet<Guid>? convertedLeads = null, decimal? receivablesAtEnd = null, int days = 0,
        decimal? pipelineClosingInPeriod = null, Func<KpiFact, decimal?>? toReporting = null)
    {
        IEnumerable<KpiFact> Of(string kind) => facts.Where(f => f.Kind == kind && f.Month >= period.From && f.Month <= period.To);
        // Money in the reporting currency, other currencies converted at their dated rate (left out without one).
        var convert = toReporting ?? (f => f.Currency == currency ? f.Amount : null);
        var inReporting = facts.Where(f => f.Currency is not null).ToDictionary(f => f.Id, convert);
        IEnumerable<KpiFact> Money(string kind) => Of(kind).Where(f => inReporting.GetValueOrDefault(f.Id) is not null);
        decimal AmountOf(KpiFact f) => inReporting.GetValueOrDefault(f.Id) ?? 0;

        var revenue = Money(FactKinds.ContractSigned).Sum(AmountOf);
        var collections = Money(FactKinds.Payment).Sum(AmountOf);
        var won = Of(FactKinds.DealWon).ToList();
        var wonInCurrency = Money(FactKinds.DealWon).ToList();
        var lost = Of(FactKinds.DealLost).Count();
        // The cohort: each lead assigned in the period once (a row without a lead id counts on its own).
        var cohort = Of(FactKinds.LeadAssigned).Select(f => f.SubjectId ?? f.EventId).ToHashSet();
        var convertedSet = convertedLeads ?? Of(FactKinds.LeadConverted).Select(f => f.SubjectId ?? f.EventId).ToHashSet();
        var assigned = cohort.Count;
        var converted = cohort.Count(convertedSet.Contains);
        var payments = Money(FactKinds.Payment).Where(f => f.Days is not null).ToList();
        var scores = Of(FactKinds.Nps).Where(f => f.Score is not null).Select(f => f.Score!.Value).ToList();
        var newCustomers = won.Count(f => f.Score == 1);

        return new KpiReport(
            period.Key,
            currency,
            Cents(revenue),
            targets.Revenue,
            Ratio(revenue, targets.Revenue),
            Cents(collections),
            targets.Collections,
            Ratio(collections, targets.Collections),
            newCustomers,
            targets.NewCustomers,
            assigned,
            converted,
            Ratio(converted, assigned),
            won.Count,
            lost,
            wonInCurrency.Count == 0 ? null : Cents(wonInCurrency.Sum(AmountOf) / wonInCurrency.Count),
            Ratio(won.Count, won.Count + lost),
            won.Count(f => f.Days is not null) == 0 ? null : Days(won.Where(f => f.Days is not null).Average(f => f.Days!.Value)),
            payments.Sum(AmountOf) is var paid and > 0 ? Days(payments.Sum(f => f.Days!.Value * AmountOf(f)) / paid) : null,
            Of(FactKinds.Activity).Count(),
            Cents(openPipeline),
            Ratio(pipelineClosingInPeriod ?? openPipeline, targets.Revenue),
            Cents(overdueReceivables),
            scores.Count,
            NetPromoterScore(scores),
            Of(FactKinds.Activity).Count(f => f.Detail == "visit"),
            Cents(wonInCurrency.Where(f => f.Score == 1).Sum(AmountOf)),
            Cents(wonInCurrency.Where(f => f.Score != 1).Sum(AmountOf)),
            receivablesAtEnd is { } receivables && revenue > 0 && days > 0 ? Days(receivables / revenue * days) : null);
    }

    /// <summary>%promoters (9-10) minus %detractors (0-6), on −100..100, 2 decimals; null without answers (the shared rule).</summary>
    public static decimal? NetPromoterScore(IReadOnlyCollection<int> scores) => SalesPlatform.Domain.NetPromoterScore.Of(scores).Nps;

    private static decimal? Ratio(decimal numerator, decimal? denominator) =>
        denominator is null or 0 ? null : Math.Round(numerator / denominator.Value, 4, MidpointRounding.AwayFromZero);

    private static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static decimal Days(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
