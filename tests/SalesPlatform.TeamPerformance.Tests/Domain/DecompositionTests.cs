using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests.Domain;

public class DecompositionTests
{
    [Fact]
    public void Split_EqualWeightsNotDividingTheCents_GivesTheSpareCentToTheFirstLargestRemainder()
    {
        var parts = Decomposition.Split(100.00m, [1, 1, 1]);

        Assert.Equal([33.34m, 33.33m, 33.33m], parts);
        Assert.Equal(100.00m, parts.Sum());
    }

    [Fact]
    public void Split_SeasonalMonthWeights_SumsExactlyToTheParent()
    {
        decimal[] weights = [6, 7, 8, 8, 8, 9, 8, 8, 9, 9, 10, 12];

        var parts = Decomposition.Split(1_234_567.89m, weights);

        Assert.Equal(12, parts.Count);
        Assert.Equal(1_234_567.89m, parts.Sum());
        Assert.All(parts, p => Assert.Equal(decimal.Round(p, 2), p));
        Assert.True(parts[11] > parts[0]);
    }

    [Fact]
    public void Split_LargestRemaindersWin_NotTheOrder()
    {
        // 0.10 over 1:2 is 0.0333.. and 0.0666..: truncated 3 and 6 cents, the missing cent goes to the larger remainder (second).
        var parts = Decomposition.Split(0.10m, [1, 2]);

        Assert.Equal([0.03m, 0.07m], parts);
    }

    [Fact]
    public void Split_ZeroWeight_GetsNothing()
    {
        var parts = Decomposition.Split(10.00m, [0, 3, 1]);

        Assert.Equal([0m, 7.50m, 2.50m], parts);
    }

    [Fact]
    public void Split_RegionShares_SumsToParent()
    {
        var parts = Decomposition.Split(10_000_000.00m, [0.45m, 0.35m, 0.20m]);

        Assert.Equal([4_500_000.00m, 3_500_000.00m, 2_000_000.00m], parts);
    }

    [Theory]
    [InlineData(new double[] { })]
    [InlineData(new double[] { 0, 0 })]
    [InlineData(new double[] { 1, -1 })]
    public void Split_InvalidWeights_Throws400(double[] weights)
    {
        Assert.Throws<RequestValidationException>(() => Decomposition.Split(100m, [.. weights.Select(w => (decimal)w)]));
    }

    [Fact]
    public void Split_FractionOfACent_Throws400()
    {
        Assert.Throws<RequestValidationException>(() => Decomposition.Split(1.001m, [1]));
    }
}
