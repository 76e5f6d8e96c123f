using SalesPlatform.Customers.Domain;

namespace SalesPlatform.Customers.Tests;

/// <summary>The segmentation rules at their edges: RFM scores and segments, value tiers by profit share, lifecycle stages, lifetime value.</summary>
public sealed class SegmentationPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 4, 0, 0, TimeSpan.Zero);
    private static readonly SegmentationPolicy Policy = SegmentationPolicy.Default;

    private static CustomerFacts Facts(Guid id, int inWindow = 1, int previous = 0, int total = 1, decimal contribution = 10_000m, decimal? revenue = null,
        DateTimeOffset? first = null, DateTimeOffset? last = null, DateTimeOffset? lostAt = null) =>
        new(id, inWindow, previous, total, contribution, revenue ?? contribution, "revenue", first ?? Now.AddDays(-10), last ?? Now.AddDays(-10), lostAt,
            lostAt is null ? null : "转向竞品");

    [Theory]
    [InlineData(30, 5)]
    [InlineData(31, 4)]
    [InlineData(90, 4)]
    [InlineData(91, 3)]
    [InlineData(365, 2)]
    [InlineData(366, 1)]
    public void Recency_ScoresFiveWithinThirtyDays_DownToOneBeyondAYear(int days, int score) => Assert.Equal(score, Policy.RecencyScore(days));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(8, 5)]
    public void Frequency_ScoresOnePlusTheBoundsReached(int purchases, int score) => Assert.Equal(score, Policy.FrequencyScore(purchases));

    [Theory]
    [InlineData("99999.99", 1)]
    [InlineData("100000", 2)]
    [InlineData("4999999.99", 4)]
    [InlineData("5000000", 5)]
    public void Monetary_ScoresAtTheAmountEdges(string amount, int score) => Assert.Equal(score, Policy.MonetaryScore(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void RfmSegments_HighValueNeedsAllThree_PotentialIsRecent_LostIsBeyondAYear()
    {
        var (hv, potential, general, lost) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var segments = Policy.Segment(
        [
            Facts(hv, inWindow: 3, total: 3, contribution: 1_000_000m, last: Now.AddDays(-90)),
            Facts(potential, inWindow: 2, total: 2, contribution: 1_000_000m, last: Now.AddDays(-90)),
            Facts(general, inWindow: 3, total: 3, contribution: 1_000_000m, last: Now.AddDays(-91)),
            Facts(lost, inWindow: 0, total: 9, contribution: 0m, last: Now.AddDays(-366)),
        ], Now);

        Assert.Equal(("high-value", 4, 3, 4), (segments[hv].RfmSegment!, segments[hv].Recency!.Value, segments[hv].Frequency!.Value, segments[hv].Monetary!.Value));
        Assert.Equal("potential", segments[potential].RfmSegment);
        Assert.Equal("general", segments[general].RfmSegment);
        Assert.Equal("lost", segments[lost].RfmSegment);
    }

    [Fact]
    public void ValueTiers_TheCustomersBringingTheFirstThirtyPercentOfProfitAreHighValue_AtExactlyThirtyTheNextIsImportant()
    {
        // Contributions 30 / 30 / 20 / 10 / 10 of 100: the first starts at 0% (high-value), the second at exactly 30% (important),
        // the third at 60% (general), the fourth at 80% (general), the fifth at 90% (low-value); none is low-value too.
        var ids = Enumerable.Range(0, 6).Select(i => new Guid(i + 1, 0, 0, new byte[8])).ToArray();
        decimal[] amounts = [30m, 30m, 20m, 10m, 10m, 0m];
        var segments = Policy.Segment([.. ids.Select((id, i) => Facts(id, contribution: amounts[i]))], Now);

        Assert.Equal(["high-value", "important", "general", "general", "low-value", "low-value"], ids.Select(id => segments[id].ValueTier));
        Assert.Equal(0.30m, segments[ids[1]].ShareAbove);
        Assert.Equal(0.10m, segments[ids[4]].Share);
        Assert.All(ids, id => Assert.Equal("potential", segments[id].RfmSegment));
    }

    [Fact]
    public void ValueTiers_TheCustomerCrossingTheLineIsIncludedInHighValue()
    {
        var (big, small) = (new Guid(1, 0, 0, new byte[8]), new Guid(2, 0, 0, new byte[8]));
        var segments = Policy.Segment([Facts(big, contribution: 29.99m), Facts(small, contribution: 70.01m)], Now);

        Assert.Equal("high-value", segments[small].ValueTier);
        Assert.Equal("general", segments[big].ValueTier);
        Assert.Equal(0.7001m, segments[big].ShareAbove);
    }

    [Theory]
    [InlineData(180, 3, 1, "mature")]
    [InlineData(181, 3, 1, "decline")]
    [InlineData(365, 3, 1, "decline")]
    [InlineData(366, 3, 1, "lost")]
    [InlineData(10, 2, 1, "development")]
    [InlineData(10, 3, 3, "mature")]
    [InlineData(10, 3, 4, "decline")]
    public void Lifecycle_DeclineAfter180Days_LostAfter365_MatureFromThreePurchasesAfterAYear(int daysSinceLast, int total, int previous, string stage)
    {
        var facts = Facts(Guid.NewGuid(), inWindow: 3, previous: previous, total: total, first: Now.AddMonths(-13), last: Now.AddDays(-daysSinceLast));

        var (actual, rule) = Policy.LifecycleOf(facts, Now);

        Assert.Equal(stage, actual);
        Assert.NotEmpty(rule);
    }

    [Fact]
    public void Lifecycle_NoPurchaseIsAwareness_FirstYearIsDevelopment_MarkedLostIsLostWithTheReason()
    {
        Assert.Equal("awareness", Policy.LifecycleOf(new CustomerFacts(Guid.NewGuid(), 0, 0, 0, 0, 0, "revenue", null, null, null, null), Now).Stage);
        Assert.Equal("development", Policy.LifecycleOf(Facts(Guid.NewGuid(), inWindow: 5, total: 5, first: Now.AddMonths(-11)), Now).Stage);
        var lost = Policy.LifecycleOf(Facts(Guid.NewGuid(), lostAt: Now.AddDays(-1)), Now);
        Assert.Equal("lost", lost.Stage);
        Assert.Contains("转向竞品", lost.Rule);
    }

    [Fact]
    public void LifetimeValue_IsTheYearlyContributionKeptAndDiscountedOverFiveYears()
    {
        // 100,000 a year: 100000/1.08 + 80000/1.08^2 + 64000/1.08^3 + 51200/1.08^4 + 40960/1.08^5.
        var expected = 100_000m / 1.08m + 80_000m / (1.08m * 1.08m) + 64_000m / (1.08m * 1.08m * 1.08m) + 51_200m / (1.08m * 1.08m * 1.08m * 1.08m)
            + 40_960m / (1.08m * 1.08m * 1.08m * 1.08m * 1.08m);

        Assert.Equal(Math.Round(expected, 2), Policy.LifetimeValueOf(100_000m));
        Assert.Equal(277_495.18m, Policy.LifetimeValueOf(100_000m));
    }

    [Fact]
    public void Validation_NamesEachBadField()
    {
        var bad = Policy with { RecencyDays = [30, 20, 180, 365], ValueTierShares = [0.3m, 0.3m, 0.9m], Segments = [new RfmRule("vip", 5)] };

        Assert.Equal(["recencyDays", "segments", "valueTierShares"], bad.Validate().Keys.Order());
        Assert.Empty(Policy.Validate());
    }
}
