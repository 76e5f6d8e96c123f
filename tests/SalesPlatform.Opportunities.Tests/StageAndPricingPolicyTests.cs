using SalesPlatform.Opportunities.Domain;

namespace SalesPlatform.Opportunities.Tests;

/// <summary>The stage rules and quote pricing without infrastructure: each transition's criteria, tier edges, bundles, concessions, the limits.</summary>
public sealed class StageAndPricingPolicyTests
{
    private static readonly StagePolicy Stages = StagePolicy.Default;
    private static readonly StageFacts Nothing = new(false, false, false, false, false, false, false);
    private static readonly StageFacts Everything = new(true, true, true, true, true, true, true);

    [Theory]
    [InlineData("prospect-identification", "needs-confirmation", "initial-contact")]
    [InlineData("needs-confirmation", "solution-matching", "needs-analysis")]
    [InlineData("solution-matching", "decision-follow-up", "issued-quote")]
    [InlineData("decision-follow-up", "won", "decision-maker-engaged,accepted-quote,customer-known")]
    [InlineData("prospect-identification", "solution-matching", "skips:needs-confirmation,initial-contact")]
    [InlineData("prospect-identification", "won", "skips:needs-confirmation,skips:solution-matching,skips:decision-follow-up,initial-contact,accepted-quote,customer-known")]
    [InlineData("needs-confirmation", "lost", "loss-reason")]
    public void EachTransition_WithNothingDone_NamesEveryMissingCriterion(string from, string to, string missing)
    {
        Assert.Equal(missing.Split(','), Stages.Missing(from, to, Nothing));
    }

    [Theory]
    [InlineData("prospect-identification", "needs-confirmation")]
    [InlineData("needs-confirmation", "solution-matching")]
    [InlineData("solution-matching", "decision-follow-up")]
    [InlineData("decision-follow-up", "won")]
    [InlineData("solution-matching", "lost")]
    public void EachTransition_WithItsCriteriaMet_IsAllowed(string from, string to) => Assert.Empty(Stages.Missing(from, to, Everything));

    [Fact]
    public void StagePolicy_Validation_NamesTheBadFields()
    {
        var bad = Stages with { Stages = [.. Stages.Stages.Select((s, i) => i == 1 ? s with { Probability = 1.5m, Criteria = ["magic"] } : s)], StaleAfterDays = 0 };

        Assert.Equal(["stages[1].criteria", "stages[1].probability", "staleAfterDays"], bad.Validate().Keys.Order(StringComparer.Ordinal));
        Assert.Empty(Stages.Validate());
    }

    private static Product Station() => new()
    {
        Code = "VIS", Name = "视觉检测工作站", ListPrice = 10_000m, UnitCost = 6_000m, Tiers = [new(100, 9_000m, null), new(500, null, 0.2m)],
        SegmentPrices = [new("high-value", 9_500m)],
    };

    private static Dictionary<string, Product> Catalog(params Product[] products) => products.ToDictionary(p => p.Code);

    [Theory]
    [InlineData(99, 10_000, null, 100)]
    [InlineData(100, 9_000, 100, 500)]
    [InlineData(499, 9_000, 100, 500)]
    [InlineData(500, 8_000, 500, null)]
    public void VolumeTiers_PriceEachLineByTheTierItsQuantityReaches(int quantity, int unit, int? tier, int? next)
    {
        var (lines, totals) = QuotePricing.Price([new LineRequest("VIS", quantity, 0m)], Catalog(Station()), null, 0m);

        Assert.Equal((unit, tier, next), ((int)lines[0].UnitPrice, (int?)lines[0].TierMinQuantity, (int?)lines[0].NextTierMinQuantity));
        Assert.Equal(unit * quantity, totals.Total);
        Assert.Equal(6_000m * quantity, totals.Cost);
    }

    [Fact]
    public void SegmentPrice_AppliesWhenLowerThanTheTier()
    {
        var segment = QuotePricing.Price([new LineRequest("VIS", 10, 0m)], Catalog(Station()), "high-value", 0m).Lines[0];
        var tierWins = QuotePricing.Price([new LineRequest("VIS", 100, 0m)], Catalog(Station()), "high-value", 0m).Lines[0];

        Assert.Equal(9_500m, segment.UnitPrice);
        Assert.Equal(9_000m, tierWins.UnitPrice);
    }

    [Fact]
    public void Bundle_IsOneLineAtTheBundlePrice_CostedAtItsComponents_ConcessionsAddTheirCost()
    {
        var camera = new Product { Code = "CAM", Name = "工业相机", ListPrice = 3_000m, UnitCost = 1_800m };
        var software = new Product { Code = "SW", Name = "检测软件", ListPrice = 5_000m, UnitCost = 500m };
        var bundle = new Product { Code = "KIT", Name = "检测套装", Kind = "bundle", ListPrice = 7_000m, Components = [new("CAM", 2), new("SW", 1)] };
        var training = new Product { Code = "TRAIN", Name = "免费培训", Kind = "concession", ListPrice = 0m, UnitCost = 2_000m };

        var (lines, totals) = QuotePricing.Price([new LineRequest("KIT", 3, 0m), new LineRequest("TRAIN", 1, 0m)], Catalog(camera, software, bundle, training), null, 0m);

        Assert.Equal((7_000m, 4_100m, 21_000m), (lines[0].UnitPrice, lines[0].UnitCost, lines[0].Total));
        Assert.Equal(2, lines[0].Components.Count);
        Assert.Equal((0m, 2_000m), (lines[1].Total, lines[1].Cost));
        Assert.Equal((21_000m, 21_000m, 14_300m), (totals.ListTotal, totals.Total, totals.Cost));
        Assert.Equal(Math.Round(6_700m / 21_000m, 6), totals.Margin);
    }

    [Theory]
    [InlineData("0.15", "85.00", false)]
    [InlineData("0.1501", "84.99", true)]
    public void Discount_AboveFifteenPercentNeedsApproval_FifteenExactlyDoesNot(string extra, string unit, bool approval)
    {
        var product = new Product { Code = "P", Name = "P", ListPrice = 100m, UnitCost = 10m };
        var (lines, totals) = QuotePricing.Price([new LineRequest("P", 1, 0m)], Catalog(product), null, decimal.Parse(extra, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(decimal.Parse(unit, System.Globalization.CultureInfo.InvariantCulture), lines[0].UnitPrice);
        Assert.Equal(approval, QuotePolicy.Default.ApprovalReasons(totals).Count > 0);
    }

    [Theory]
    [InlineData(80, false)]
    [InlineData(81, true)]
    public void Margin_BelowTheFloorNeedsApproval(int unitCost, bool approval)
    {
        // 100 with cost 80: 20% margin, at the floor; cost 81: 19%, below it.
        var product = new Product { Code = "P", Name = "P", ListPrice = 100m, UnitCost = unitCost };
        var (_, totals) = QuotePricing.Price([new LineRequest("P", 1, 0m)], Catalog(product), null, 0m);

        Assert.Equal(approval, QuotePolicy.Default.ApprovalReasons(totals).Any(r => r.Contains("margin", StringComparison.Ordinal)));
    }

    [Fact]
    public void ExactDecimalMoney_RoundsUnitPricesToTheFenHalfAwayFromZero()
    {
        var product = new Product { Code = "P", Name = "P", ListPrice = 0.10m, UnitCost = 0m };

        // 0.10 x (1 - 0.05) = 0.095 -> 0.10 (half away from zero), x 3 = 0.30 exactly.
        var (lines, totals) = QuotePricing.Price([new LineRequest("P", 3, 0m)], Catalog(product), null, 0.05m);

        Assert.Equal(0.10m, lines[0].UnitPrice);
        Assert.Equal(0.30m, totals.Total);
    }
}
