using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests.Domain;

public class CommissionTests
{
    // 2% up to 50% of target, 4% from 50% to 100%, 8% accelerator above 100%.
    private static readonly CommissionPlan Plan = CommissionPlan.Create(Guid.NewGuid(), "Standard", true,
        [new CommissionTier(0m, 0.02m), new CommissionTier(0.5m, 0.04m)], 0.08m);

    [Fact]
    public void Statement_At99_99Percent_HasNoAccelerator()
    {
        var statement = Plan.Statement(Guid.NewGuid(), "2026-11", 99_990.00m, 100_000.00m, "CNY");

        Assert.Equal(0.9999m, statement.Attainment);
        Assert.Equal(1_000.00m, statement.Lines[0].Amount);   // 50,000 x 2%
        Assert.Equal(1_999.60m, statement.Lines[1].Amount);   // 49,990 x 4%
        Assert.Equal(0m, statement.Lines[2].Amount);
        Assert.Equal(2_999.60m, statement.Total);
    }

    [Fact]
    public void Statement_AtExactly100Percent_HasNoAccelerator()
    {
        var statement = Plan.Statement(Guid.NewGuid(), "2026-11", 100_000.00m, 100_000.00m, "CNY");

        Assert.Equal(0m, statement.Lines[2].Base);
        Assert.Equal(3_000.00m, statement.Total);
    }

    [Fact]
    public void Statement_At100_01Percent_PaysTheAcceleratorOnTheExcessOnly()
    {
        var statement = Plan.Statement(Guid.NewGuid(), "2026-11", 100_010.00m, 100_000.00m, "CNY");

        var accelerator = statement.Lines[2];
        Assert.Equal(10.00m, accelerator.Base);
        Assert.Equal(0.80m, accelerator.Amount);
        Assert.Equal(3_000.80m, statement.Total);
        Assert.Contains("accelerator", accelerator.Explanation);
        Assert.Contains("8.00", accelerator.Explanation);
    }

    [Fact]
    public void Statement_EveryLineExplained()
    {
        var statement = Plan.Statement(Guid.NewGuid(), "2026-11", 120_000m, 100_000m, "CNY");

        Assert.Equal(3, statement.Lines.Count);
        Assert.All(statement.Lines, l => Assert.Contains("CNY", l.Explanation));
        Assert.Equal(statement.Lines.Sum(l => l.Amount), statement.Total);
    }

    [Fact]
    public void Statement_WithoutTarget_Throws422()
    {
        var error = Assert.Throws<BusinessRuleException>(() => Plan.Statement(Guid.NewGuid(), "2026-11", 1m, 0m, "CNY"));

        Assert.Equal("commission.no-target", error.Code);
    }

    [Fact]
    public void Change_TiersNotStartingAtZeroOrAcceleratorBelowLastRate_Throws400()
    {
        var error = Assert.Throws<RequestValidationException>(() =>
            CommissionPlan.Create(Guid.NewGuid(), "Bad", false, [new CommissionTier(0.1m, 0.02m)], 0.01m));

        Assert.Contains("tiers", error.Errors.Keys);
        Assert.Contains("acceleratorRate", error.Errors.Keys);
    }
}
