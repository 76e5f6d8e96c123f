using SalesPlatform.Leads.Domain;

namespace SalesPlatform.Leads.Tests.Domain;

public sealed class ScoringPolicyTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    // Only the interaction dimension (weight 1) so the score equals the points: edges are exact.
    private static ScoringPolicy InteractionOnly() => ScoringPolicy.Default with
    {
        Weights = new ScoringWeights(0, 0, 0, 1),
        Interactions = new InteractionPoints(SiteVisit: 1, EmailOpen: 0.01m, Form: 0, Event: 0),
    };

    private static ScoringFacts Facts(int visits, int opens = 0) =>
        new(null, null, null, null, null, false, null, new InteractionCounts(visits, opens));

    [Theory]
    [InlineData(80, 0, "A")]
    [InlineData(79, 99, "B")] // 79.99
    [InlineData(60, 0, "B")]
    [InlineData(59, 99, "C")] // 59.99
    [InlineData(40, 0, "C")]
    [InlineData(39, 99, "D")] // 39.99
    [InlineData(0, 0, "D")]
    public void Score_AtBandEdges_GivesGrade(int visits, int opens, string grade)
    {
        var breakdown = InteractionOnly().Score(Facts(visits, opens), Today);

        Assert.Equal(grade, breakdown.Grade);
        Assert.Equal(visits + opens * 0.01m, breakdown.Score);
    }

    [Fact]
    public void Score_IdealLead_BreaksDownAllFourDimensions()
    {
        var facts = new ScoringFacts("manufacturing", "1000+", "Chief Financial Officer (CFO)", 600_000m, "CNY", true,
            Today.AddDays(30), new InteractionCounts(SiteVisits: 2, Forms: 1), "annual-budget");

        var breakdown = ScoringPolicy.Default.Score(facts, Today);

        Assert.Equal(["need-fit", "decision-authority", "budget-and-timeline", "interaction-history"], breakdown.Dimensions.Select(d => d.Dimension));
        Assert.Equal([100m, 100m, 100m, 20m], breakdown.Dimensions.Select(d => d.Points));
        Assert.Equal(0.35m * 100 + 0.25m * 100 + 0.25m * 100 + 0.15m * 20, breakdown.Score);
        Assert.Equal("A", breakdown.Grade);
    }

    [Fact]
    public void Score_BudgetJustBelowIdealMinimum_EarnsNoBudgetFit()
    {
        var facts = new ScoringFacts("retail", null, null, 499_999.99m, "CNY", false, null, new InteractionCounts());

        var needFit = ScoringPolicy.Default.Score(facts, Today).Dimensions[0];

        Assert.Equal(0, needFit.Points);
    }

    [Theory]
    [InlineData(90, 50)]
    [InlineData(91, 25)]
    [InlineData(365, 25)]
    [InlineData(366, 0)]
    public void Score_StartDateAtTimelineEdges_EarnsTimelinePoints(int daysAhead, int points)
    {
        var facts = new ScoringFacts(null, null, null, null, null, false, Today.AddDays(daysAhead), new InteractionCounts());

        var timeline = ScoringPolicy.Default.Score(facts, Today).Dimensions[2];

        Assert.Equal(points, timeline.Points);
    }

    [Fact]
    public void Score_ManyInteractions_CapsDimensionAt100()
    {
        var breakdown = ScoringPolicy.Default.Score(Facts(visits: 1000), Today);

        Assert.Equal(100, breakdown.Dimensions[3].Points);
    }

    [Fact]
    public void Validate_DefaultPolicy_IsValid() => Assert.Empty(ScoringPolicy.Default.Validate());

    [Fact]
    public void Validate_WeightsNotSummingToOne_NamesWeights()
    {
        var policy = ScoringPolicy.Default with { Weights = new ScoringWeights(0.4m, 0.25m, 0.25m, 0.15m) };

        Assert.Contains("weights", policy.Validate().Keys);
    }

    [Fact]
    public void Validate_BandsOutOfOrder_NamesBands()
    {
        var policy = ScoringPolicy.Default with { Bands = [new("A", 60), new("B", 80), new("D", 0)] };

        Assert.Contains("bands", policy.Validate().Keys);
    }

    [Fact]
    public void Validate_LastBandAboveZero_NamesBands()
    {
        var policy = ScoringPolicy.Default with { Bands = [new("A", 80), new("B", 10)] };

        Assert.Contains("bands", policy.Validate().Keys);
    }

    [Theory]
    [InlineData("采购经理", "Procurement Manager")]
    [InlineData("华东区采购经理", "Senior Procurement Manager, APAC")]
    [InlineData("财务总监", "Finance Director")]
    [InlineData("首席财务官", "Chief Financial Officer")]
    [InlineData("技术总监", "Technical Director")]
    [InlineData("采购副总裁", "VP Procurement")]
    [InlineData("首席技术官", "CTO")]
    public void Authority_ChineseAndEnglishTitle_SamePoints(string chinese, string english)
    {
        Assert.Equal(AuthorityOf(english), AuthorityOf(chinese));
        Assert.True(AuthorityOf(english) > ScoringPolicy.Default.UnknownTitlePoints, english + " carries authority");
    }

    [Theory]
    [InlineData("Director", 70)]
    [InlineData("Sales Director", 70)]
    [InlineData("CTO", 85)]
    [InlineData("Chief Financial Officer", 100)]
    [InlineData("VP Procurement", 95)]
    [InlineData("Procurement Manager", 80)]
    [InlineData("Directorate clerk", 10)]  // whole words only: no "director" inside "directorate"
    [InlineData("Factor", 10)]             // nor "cto" inside "factor"
    [InlineData(null, 10)]
    public void Authority_TitleMatchedByWords_NotSubstrings(string? title, int points) =>
        Assert.Equal(points, AuthorityOf(title));

    [Fact]
    public void Score_SameLeadInChineseAndEnglish_SameScoreAndGrade()
    {
        var english = new ScoringFacts("manufacturing", "1000+", "Procurement Manager", 800_000m, "CNY", true, Today.AddDays(30),
            new InteractionCounts(), "annual-budget");
        var chinese = english with { Title = "采购经理" };

        Assert.Equal(ScoringPolicy.Default.Score(english, Today).Dimensions.Select(d => d.Points),
            ScoringPolicy.Default.Score(chinese, Today).Dimensions.Select(d => d.Points));
        Assert.Equal(ScoringPolicy.Default.Score(english, Today).Score, ScoringPolicy.Default.Score(chinese, Today).Score);
        Assert.Equal("A", ScoringPolicy.Default.Score(chinese, Today).Grade);
    }

    [Theory]
    [InlineData(-1, 0)]   // yesterday: the start has passed, not "near term"
    [InlineData(0, 50)]   // today
    public void Score_StartDateInThePast_IsNotNearTerm(int daysAhead, int points)
    {
        var facts = new ScoringFacts(null, null, null, null, null, false, Today.AddDays(daysAhead), new InteractionCounts());

        Assert.Equal(points, ScoringPolicy.Default.Score(facts, Today).Dimensions[2].Points);
    }

    [Theory]
    [InlineData("annual-budget", 15)]
    [InlineData("tender", 15)]
    [InlineData("ad-hoc", 0)]
    [InlineData(null, 0)]
    public void NeedFit_PurchasingCycleInTheProfile_EarnsCyclePoints(string? cycle, int points)
    {
        var facts = new ScoringFacts(null, null, null, null, null, false, null, new InteractionCounts(), cycle);

        Assert.Equal(points, ScoringPolicy.Default.Score(facts, Today).Dimensions[0].Points);
    }

    [Fact]
    public void Validate_UnknownTitleInTheAuthorityTable_NamesTheEntry()
    {
        var policy = ScoringPolicy.Default with { TitleAuthority = [new("cfo", 100), new("chief happiness officer", 50)] };

        Assert.Contains("titleAuthority[1].keyword", policy.Validate().Keys);
    }

    private static decimal AuthorityOf(string? title) =>
        ScoringPolicy.Default.Score(new ScoringFacts(null, null, title, null, null, false, null, new InteractionCounts()), Today).Dimensions[1].Points;
}
