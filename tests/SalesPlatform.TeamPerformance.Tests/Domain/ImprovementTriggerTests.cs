using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Tests.Domain;

public class ImprovementTriggerTests
{
    [Fact]
    public void ShouldOpen_TwoMonthsJustBelowThreshold_Opens()
    {
        Assert.True(ImprovementTrigger.ShouldOpen([0.5m, 0.7999m, 0.7999m], 2, 0.8m));
    }

    [Fact]
    public void ShouldOpen_LastMonthExactlyAtThreshold_DoesNotOpen()
    {
        Assert.False(ImprovementTrigger.ShouldOpen([0.7999m, 0.8m], 2, 0.8m));
    }

    [Fact]
    public void ShouldOpen_OnlyOneMonthBelow_DoesNotOpen()
    {
        Assert.False(ImprovementTrigger.ShouldOpen([0.9m, 0.1m], 2, 0.8m));
        Assert.False(ImprovementTrigger.ShouldOpen([0.1m], 2, 0.8m));
    }

    [Fact]
    public void ShouldOpen_MonthWithoutTarget_DoesNotCount()
    {
        Assert.False(ImprovementTrigger.ShouldOpen([null, 0.1m], 2, 0.8m));
    }

    [Fact]
    public void ShouldOpen_ThreeMonthPolicy_NeedsThree()
    {
        Assert.False(ImprovementTrigger.ShouldOpen([0.9m, 0.1m, 0.1m], 3, 0.8m));
        Assert.True(ImprovementTrigger.ShouldOpen([0.1m, 0.1m, 0.1m], 3, 0.8m));
    }
}
