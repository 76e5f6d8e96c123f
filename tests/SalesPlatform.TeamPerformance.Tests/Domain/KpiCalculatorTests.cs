using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests.Domain;

public class KpiCalculatorTests
{
    private static readonly Guid Rep = Guid.NewGuid();
    private static readonly DateTimeOffset Nov = new(2026, 11, 10, 8, 0, 0, TimeSpan.Zero);

    private static KpiFact Fact(string kind, decimal amount = 0, decimal? days = null, int? score = null, DateTimeOffset? at = null,
        string currency = "CNY") => KpiFact.Create(ReportingCalendar.China, Guid.NewGuid(), kind, Rep, at ?? Nov, amount, currency, days, score);

    private static readonly KpiFact[] Facts =
    [
        Fact(FactKinds.ContractSigned, 60_000m),
        Fact(FactKinds.ContractSigned, 20_000m),
        Fact(FactKinds.ContractSigned, 99_999m, currency: "USD"),
        Fact(FactKinds.ContractSigned, 50_000m, at: Nov.AddMonths(-1)),
        Fact(FactKinds.Payment, 30_000m, days: 40),
        Fact(FactKinds.Payment, 10_000m, days: 20),
        Fact(FactKinds.DealWon, 60_000m, days: 30, score: 1),
        Fact(FactKinds.DealWon, 20_000m, days: 10, score: 0),
        Fact(FactKinds.DealLost, 5_000m),
        Fact(FactKinds.DealLost, 5_000m),
        Fact(FactKinds.LeadAssigned), Fact(FactKinds.LeadAssigned), Fact(FactKinds.LeadAssigned), Fact(FactKinds.LeadAssigned),
        Fact(FactKinds.LeadConverted),
        Fact(FactKinds.Activity), Fact(FactKinds.Activity), Fact(FactKinds.Activity),
        Fact(FactKinds.Nps, score: 10), Fact(FactKinds.Nps, score: 9), Fact(FactKinds.Nps, score: 7), Fact(FactKinds.Nps, score: 3),
    ];

    private static KpiReport November() => KpiCalculator.Compute(Period.Parse("2026-11"), "CNY", Facts,
        new PeriodTargets(100_000m, 50_000m, 2m), openPipeline: 250_000m, overdueReceivables: 12_345.67m);

    [Fact]
    public void Attainment_IsSignedRevenueInCurrencyOverTarget()
    {
        var kpis = November();

        Assert.Equal(80_000m, kpis.Revenue);
        Assert.Equal(0.8m, kpis.Attainment);
    }

    [Fact]
    public void CollectionsAttainmentAndCycle()
    {
        var kpis = November();

        Assert.Equal(40_000m, kpis.Collections);
        Assert.Equal(0.8m, kpis.CollectionsAttainment);
        Assert.Equal(30m, kpis.CollectionCycleDays);
    }

    [Fact]
    public void DealKpis_WinRateAverageDealSizeSalesCycleNewCustomers()
    {
        var kpis = November();

        Assert.Equal(0.5m, kpis.WinRate);
        Assert.Equal(40_000m, kpis.AverageDealSize);
        Assert.Equal(20m, kpis.SalesCycleDays);
        Assert.Equal(1, kpis.NewCustomers);
    }

    [Fact]
    public void LeadConversionActivitiesPipelineOverdueNps()
    {
        var kpis = November();

        Assert.Equal(0.25m, kpis.LeadConversionRate);
        Assert.Equal(3, kpis.ActivityCount);
        Assert.Equal(2.5m, kpis.PipelineCoverage);
        Assert.Equal(12_345.67m, kpis.OverdueReceivables);
        Assert.Equal(25m, kpis.Nps); // 2 promoters, 1 detractor of 4
    }

    [Fact]
    public void Quarter_IncludesEarlierMonths()
    {
        var kpis = KpiCalculator.Compute(Period.Parse("2026-Q4"), "CNY", Facts, new PeriodTargets(null, null, null), 0, 0);

        Assert.Equal(130_000m, kpis.Revenue);
        Assert.Null(kpis.Attainment);
        Assert.Null(kpis.PipelineCoverage);
    }

    [Fact]
    public void NoData_RatiosAreNull()
    {
        var kpis = KpiCalculator.Compute(Period.Parse("2026"), "CNY", [], new PeriodTargets(1m, 1m, 1m), 0, 0);

        Assert.Null(kpis.WinRate);
        Assert.Null(kpis.LeadConversionRate);
        Assert.Null(kpis.AverageDealSize);
        Assert.Null(kpis.Nps);
        Assert.Equal(0m, kpis.Attainment);
    }

    [Theory]
    [InlineData(new[] { 9, 10 }, 100)]
    [InlineData(new[] { 0, 6 }, -100)]
    [InlineData(new[] { 7, 8 }, 0)]
    [InlineData(new[] { 9, 6, 8 }, 0)]
    public void NetPromoterScore_Edges(int[] scores, double expected)
    {
        Assert.Equal((decimal)expected, KpiCalculator.NetPromoterScore(scores));
    }
}
