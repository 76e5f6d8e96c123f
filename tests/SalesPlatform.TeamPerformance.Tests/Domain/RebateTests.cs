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
}
