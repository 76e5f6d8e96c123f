using SalesPlatform.Customers.Domain;

namespace SalesPlatform.Customers.Tests;

/// <summary>Churn scoring with its reasons, association metrics on a small known basket set, the pool's reclaim times and the spot check's pick.</summary>
public sealed class ChurnAndCrossSellPolicyTests
{
    [Fact]
    public void Churn_FallingPurchasesSatisfactionAndRisingComplaints_ScoreWithEachReasonAndItsNumbers()
    {
        // Purchases 4 -> 1 (75% of 40 = 30), satisfaction 9.0 -> 6.0 (3 points: all 30), complaints 0 -> 2 (2/3 of 30 = 20).
        var assessment = ChurnPolicy.Default.Assess(new ChurnSignals(1, 4, 6.0m, 9.0m, 2, 0));

        Assert.Equal(80, assessment.Score);
        Assert.True(assessment.AtRisk);
        Assert.Equal([("purchase-frequency", 30), ("satisfaction", 30), ("complaints", 20)], assessment.Reasons.Select(r => (r.Factor, r.Points)));
        Assert.Contains("75%", assessment.Reasons[0].Text);
        Assert.Contains("9.0", assessment.Reasons[1].Text);
        Assert.Contains("6.0", assessment.Reasons[1].Text);
        Assert.Equal("exclusive-discount", assessment.Offer);
    }

    [Theory]
    [InlineData(4, 2, 20, false)]
    [InlineData(4, 0, 40, false)]
    public void Churn_BelowTheThresholdIsNotAtRisk(int previous, int recent, int score, bool atRisk)
    {
        var assessment = ChurnPolicy.Default.Assess(new ChurnSignals(recent, previous, null, null, 0, 0));

        Assert.Equal((score, atRisk), (assessment.Score, assessment.AtRisk));
    }

    [Fact]
    public void Churn_AtTheThreshold_IsAtRisk_WithTheOfferOfTheHeaviestFactor()
    {
        // Complaints 0 -> 3: all 30; satisfaction 8 -> 6.67 (1.33 of 3 points: 13); purchases 2 -> 1 (50% of 40: 20). 63, complaints weigh... 30.
        var assessment = ChurnPolicy.Default with { Threshold = 63 };
        var result = assessment.Assess(new ChurnSignals(1, 2, 6.67m, 8m, 3, 0));

        Assert.Equal(63, result.Score);
        Assert.True(result.AtRisk);
        Assert.Equal("value-added-service", result.Offer);
        Assert.False((assessment with { Threshold = 64 }).Assess(new ChurnSignals(1, 2, 6.67m, 8m, 3, 0)).AtRisk);
    }

    [Fact]
    public void AssociationRules_OnAKnownBasketSet_SupportConfidenceAndLift()
    {
        // Five customers: {A,B} {A,B} {A,C} {B} {C}. A: 3, B: 3, C: 2, A&B: 2.
        var rule = new AssociationRule("*", "A", "B", Both: 2, WithAntecedent: 3, WithConsequent: 3, Baskets: 5);
        var ac = new AssociationRule("*", "A", "C", 1, 3, 2, 5);

        Assert.Equal((0.4m, 0.6667m, 1.1111m), (rule.Support, rule.Confidence, rule.Lift));
        Assert.Equal((0.2m, 0.3333m, 0.8333m), (ac.Support, ac.Confidence, ac.Lift));
        var suggested = CrossSellPolicy.Default.Suggest([rule, ac], new HashSet<string> { "A" });
        Assert.Equal(["B"], suggested.Select(r => r.Consequent));
        Assert.Empty(CrossSellPolicy.Default.Suggest([rule], new HashSet<string> { "A", "B" }));
    }

    [Fact]
    public void PoolReclaim_IsTheEarlierOfNoFollowUpAndNoDeal_CountedFromWhenTheOwnerGotIt_NeverWhenLocked()
    {
        var got = new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.Zero);
        var customer = SalesPlatform.Customers.Domain.Customer.Create(new CustomerDetails("回收测试", null, null, null, null, null, null, [], []),
            Guid.NewGuid(), null, null, got);
        var policy = CustomerPoolPolicy.Default;

        Assert.Equal(got.AddDays(30), policy.ReclaimDue(customer)!.Value.Due);
        customer.FollowedUp(got.AddDays(20));
        Assert.Equal(got.AddDays(50), policy.ReclaimDue(customer)!.Value.Due);
        customer.FollowedUp(got.AddDays(70));
        Assert.Equal(got.AddDays(90), policy.ReclaimDue(customer)!.Value.Due);
        Assert.Contains("90", policy.ReclaimDue(customer)!.Value.Reason);
        customer.SetLock(true, "战略客户", got);
        Assert.Null(policy.ReclaimDue(customer));
    }

    [Fact]
    public void SpotCheck_PicksTwentyPercentRoundedUp_TheSameWayEveryTime()
    {
        var won = Enumerable.Range(0, 11).Select(_ => Guid.NewGuid()).ToList();

        var picked = SpotCheckPolicy.Default.Pick("2026-Q3", won);

        Assert.Equal(3, picked.Count);
        Assert.Equal(picked, SpotCheckPolicy.Default.Pick("2026-Q3", Enumerable.Reverse(won)));
        Assert.All(picked, id => Assert.Contains(id, won));
        Assert.Equal(0, SpotCheckPolicy.Default.PickCount(0));
        Assert.Equal(1, SpotCheckPolicy.Default.PickCount(5));
        Assert.Equal(2, SpotCheckPolicy.Default.PickCount(6));
    }
}
