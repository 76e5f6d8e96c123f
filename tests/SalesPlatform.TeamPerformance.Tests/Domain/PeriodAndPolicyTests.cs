using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests.Domain;

public class PeriodAndPolicyTests
{
    [Theory]
    [InlineData("2026-11", 202611, 202611)]
    [InlineData("2026-Q4", 202610, 202612)]
    [InlineData("2026-q1", 202601, 202603)]
    [InlineData("2026", 202601, 202612)]
    public void Parse_ValidPeriods(string text, int from, int to)
    {
        var period = Period.Parse(text);

        Assert.Equal(from, period.From);
        Assert.Equal(to, period.To);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("26")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_Invalid_Throws400NamingPeriod(string? text)
    {
        var error = Assert.Throws<RequestValidationException>(() => Period.Parse(text));

        Assert.Contains("period", error.Errors.Keys);
    }

    [Fact]
    public void LastCompletedMonth_OneSecondBeforeAndAtBeijingMidnightOfTheFirst_SwitchesMonth()
    {
        var beijing = TimeSpan.FromHours(8);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 59, 59, beijing));
        var calendar = ReportingCalendar.China;

        Assert.Equal("2026-10", Period.LastCompletedMonth(clock.GetUtcNow(), calendar).Key);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("2026-11", Period.LastCompletedMonth(clock.GetUtcNow(), calendar).Key);
        // 16:00 UTC on 30 November is already 1 December in Beijing.
        Assert.Equal("2026-11", Period.LastCompletedMonth(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), calendar).Key);
    }

    [Theory]
    [InlineData("2026-03-31T23:59:00+08:00", 202603)]
    [InlineData("2026-04-01T00:01:00+08:00", 202604)]
    [InlineData("2026-03-31T16:30:00Z", 202604)] // 00:30 on 1 April in Beijing: April's deal
    [InlineData("2026-03-31T15:59:59Z", 202603)]
    public void KpiFact_IsCountedInItsBeijingMonth(string occurredAt, int month)
    {
        var fact = KpiFact.Create(ReportingCalendar.China, Guid.NewGuid(), FactKinds.ContractSigned, Guid.NewGuid(),
            DateTimeOffset.Parse(occurredAt, System.Globalization.CultureInfo.InvariantCulture), 1m, "CNY");

        Assert.Equal(month, fact.Month);
    }

    [Fact]
    public void PreviousMonth_OfJanuary_IsDecemberOfLastYear()
    {
        Assert.Equal("2025-12", Period.Parse("2026-01").PreviousMonth().Key);
    }

    [Theory]
    [InlineData(0, 0.8, "consecutivePeriods")]
    [InlineData(13, 0.8, "consecutivePeriods")]
    [InlineData(2, 0.009, "attainmentThreshold")]
    [InlineData(2, 2.01, "attainmentThreshold")]
    public void ImprovementPlanPolicy_OutOfRange_NamesTheField(int periods, double threshold, string field)
    {
        var errors = new ImprovementPlanPolicy(periods, (decimal)threshold).Validate();

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void ImprovementPlanPolicy_AtItsEdges_IsValid()
    {
        Assert.Empty(new ImprovementPlanPolicy(1, 0.01m).Validate());
        Assert.Empty(new ImprovementPlanPolicy(12, 2m).Validate());
        Assert.Empty(ImprovementPlanPolicy.Default.Validate());
    }

    [Fact]
    public void AssigneeSearchPolicy_MaximumBelowDefault_Refused()
    {
        Assert.Equal(["maxResults"], new AssigneeSearchPolicy(20, 10).Validate().Keys);
        Assert.Empty(new AssigneeSearchPolicy(20, 20).Validate());
    }

    [Fact]
    public void CommissionPolicy_TwoDefaultsOrABadPlan_NamesThePlan()
    {
        var plan = CommissionPolicy.Default.Plans[0];
        var twoDefaults = new CommissionPolicy([plan, plan with { Id = Guid.NewGuid() }]).Validate();
        var badTier = new CommissionPolicy([plan, plan with { Id = Guid.NewGuid(), IsDefault = false, Tiers = [new CommissionTier(0.2m, 0.02m)] }])
            .Validate();

        Assert.Equal(["plans"], twoDefaults.Keys);
        Assert.Equal(["plans[1].tiers"], badTier.Keys);
        Assert.Empty(CommissionPolicy.Default.Validate());
    }

    [Fact]
    public void RebatePolicy_ATierMissing_Refused()
    {
        var errors = new RebatePolicy([.. RebatePolicy.Default.Schedules.Where(s => s.Tier != "gold")]).Validate();

        Assert.Contains("gold", Assert.Single(errors["schedules"]));
        Assert.Empty(RebatePolicy.Default.Validate());
    }

    [Fact]
    public void OrgUnit_CityDirectlyUnderRegion_Refused()
    {
        var company = OrgUnit.Create(Guid.NewGuid(), "Co", "company", null);
        var region = OrgUnit.Create(Guid.NewGuid(), "East China", "region", company);

        Assert.Throws<BusinessRuleException>(() => OrgUnit.Create(Guid.NewGuid(), "Suzhou", "city", region));
        var province = OrgUnit.Create(Guid.NewGuid(), "Jiangsu", "province", region);
        var city = OrgUnit.Create(Guid.NewGuid(), "Suzhou", "city", province);
        Assert.StartsWith(region.Path, city.Path, StringComparison.Ordinal);
        Assert.Equal("company/East China/Jiangsu/Suzhou", city.NamePath);
    }

    [Fact]
    public void Person_PathPrefix_DefinesSubtree()
    {
        var unit = Guid.NewGuid();
        var manager = Person.Create(Guid.NewGuid(), "M", "m@x", Roles.CitySupervisor, unit, null);
        var rep = Person.Create(Guid.NewGuid(), "R", "r@x", Roles.Rep, unit, manager);
        var other = Person.Create(Guid.NewGuid(), "O", "o@x", Roles.Rep, unit, null);

        Assert.True(rep.IsWithin(manager.Path));
        Assert.False(other.IsWithin(manager.Path));
        Assert.False(manager.IsWithin(rep.Path));
    }

    [Theory]
    [InlineData(12, 0.10, 10, 0.20, "ability")]                    // works at least as hard as the team, converts less
    [InlineData(8, 0.30, 10, 0.20, "willingness")]                 // converts better, works less
    [InlineData(8, 0.10, 10, 0.20, "ability-and-willingness")]
    [InlineData(10, 0.20, 10, 0.20, "circumstances")]              // at the median on both: look elsewhere
    public void ImprovementQuadrant_ActivityAndConversionAgainstTheTeam(double activities, double conversion, double team, double teamConversion,
        string expected)
    {
        var quadrant = ImprovementQuadrant.Classify((decimal)activities, (decimal)conversion, (decimal)team, (decimal)teamConversion);

        Assert.Equal(expected, quadrant);
        Assert.NotEmpty(ImprovementQuadrant.ActionsFor(quadrant));
    }

    [Fact]
    public void ImprovementQuadrant_Median_OddAndEven()
    {
        Assert.Equal(3m, ImprovementQuadrant.Median([5, 1, 3]));
        Assert.Equal(2.5m, ImprovementQuadrant.Median([4, 1, 3, 2]));
        Assert.Equal(0m, ImprovementQuadrant.Median([]));
    }
}
