using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests.Domain;

public class KpiCalculatorTests
{
    private static readonly Guid Rep = Guid.NewGuid();
    private static readonly DateTimeOffset Nov = new(2026, 11, 10, 8, 0, 0, TimeSpan.Zero);

    private static readonly Guid[] Leads = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    private static KpiFact Fact(string kind, decimal amount = 0, decimal? days = null, int? score = null, DateTimeOffset? at = null,
        string currency = "CNY", Guid? lead = null, string? detail = null) =>
        KpiFact.Create(ReportingCalendar.China, Guid.NewGuid(), kind, Rep, at ?? Nov, amount, currency, days, score, subjectId: lead, detail: detail);

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
        Fact(FactKinds.LeadAssigned, lead: Leads[0]), Fact(FactKinds.LeadAssigned, lead: Leads[1]), Fact(FactKinds.LeadAssigned, lead: Leads[2]),
        Fact(FactKinds.LeadAssigned, lead: Leads[3]),
        Fact(FactKinds.LeadConverted, lead: Leads[0]),
        Fact(FactKinds.Activity, detail: "call"), Fact(FactKinds.Activity, detail: "visit"), Fact(FactKinds.Activity, detail: "email"),
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
        Assert.Equal(35m, kpis.CollectionCycleDays); // weighted by amount: (30,000 x 40 + 10,000 x 20) / 40,000
    }

    [Fact]
    public void LeadConversion_IsACohort_AReassignedLeadCountsOnce_AndItNeverExceeds100Percent()
    {
        var lead = Guid.NewGuid();
        var other = Guid.NewGuid();
        KpiFact[] facts =
        [
            Fact(FactKinds.LeadAssigned, lead: lead), Fact(FactKinds.LeadAssigned, lead: lead), // assigned, reassigned back
            Fact(FactKinds.LeadConverted, lead: lead), Fact(FactKinds.LeadConverted, lead: other), // other: assigned before the period
        ];

        var kpis = KpiCalculator.Compute(Period.Parse("2026-11"), "CNY", facts, new PeriodTargets(null, null, null), 0, 0);

        Assert.Equal((1, 1, 1m), (kpis.LeadsAssigned, kpis.LeadsConverted, kpis.LeadConversionRate));
    }

    [Fact]
    public void VisitsNewAndRepeatBusinessAndDso()
    {
        var kpis = KpiCalculator.Compute(Period.Parse("2026-11"), "CNY", Facts, new PeriodTargets(100_000m, 50_000m, 2m), 250_000m, 0,
            receivablesAtEnd: 40_000m, days: 30);

        Assert.Equal(1, kpis.Visits);
        Assert.Equal((60_000m, 20_000m), (kpis.NewBusinessRevenue, kpis.RepeatBusinessRevenue));
        Assert.Equal(15m, kpis.DaysSalesOutstanding); // 40,000 outstanding / 80,000 revenue x 30 days
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
