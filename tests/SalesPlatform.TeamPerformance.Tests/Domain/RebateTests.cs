using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests.Domain;

public class RebateTests
{
    private static readonly RebateSchedule Gold = RebateSchedule.Create("gold",
        [new RebateBracket(0, 0.02m), new RebateBracket(1_000_000, 0.03m), new RebateBracket(5_000_000, 0.04m)]);

    [Theory]
    [InlineData(999_999.50, 19_999.99)]
    [InlineData(1_000_000.00, 20_000.00)]
    [InlineData(1_000_000.50, 20_000.02)] // 0.50 above the threshold earns 3%: 0.015 rounds half away to 0.02
    [InlineData(1_000_100.00, 20_003.00)]
    [InlineData(6_000_000.00, 20_000.00 + 120_000.00 + 40_000.00)]
    public void Statement_AroundBrackets_IsMarginal(double volume, double expected)
    {
        var statement = Gold.Statement(Guid.NewGuid(), "2026-Q4", (decimal)volume, "CNY");

        Assert.Equal((decimal)expected, statement.Total);
        Assert.Equal(statement.Lines.Sum(l => l.Amount), statement.Total);
    }

    [Fact]
    public void Change_DecreasingBrackets_Throws400()
    {
        Assert.Throws<RequestValidationException>(() => RebateSchedule.Create("gold", [new RebateBracket(0, 0.01m), new RebateBracket(0, 0.02m)]));
    }

    [Fact]
    public void Create_UnknownTier_Throws400()
    {
        Assert.Throws<RequestValidationException>(() => RebateSchedule.Create("diamond", [new RebateBracket(0, 0.01m)]));
    }

    [Fact]
    public void Statement_GoldAt500kAMonth_MonthsQuartersAndTheYearPayTheSame()
    {
        var year = Gold.Statement(Guid.NewGuid(), "2026", 6_000_000m, "CNY");
        var months = Enumerable.Range(0, 12).Sum(m => Gold.Statement(Guid.NewGuid(), $"2026-{m + 1:D2}", 500_000m, "CNY", 500_000m * m).Total);
        var quarters = Enumerable.Range(0, 4).Sum(q => Gold.Statement(Guid.NewGuid(), $"2026-Q{q + 1}", 1_500_000m, "CNY", 1_500_000m * q).Total);

        Assert.Equal(180_000m, year.Total); // 1M at 2% + 4M at 3% + 1M at 4%
        Assert.Equal(year.Total, months);
        Assert.Equal(year.Total, quarters);
    }

    [Fact]
    public void Statement_OddAmountsOverManyMonths_AddUpToTheYearToTheCent()
    {
        var monthly = new[] { 333_333.33m, 777_777.77m, 1_234_567.89m, 0.01m, 999_999.99m, 2_500_000.50m };
        var running = 0m;
        var total = 0m;
        foreach (var volume in monthly)
        {
            total += Gold.Statement(Guid.NewGuid(), "m", volume, "CNY", running).Total;
            running += volume;
        }

        Assert.Equal(Gold.Statement(Guid.NewGuid(), "y", running, "CNY").Total, total);
    }
}
