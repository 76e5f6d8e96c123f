using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.Input;

namespace SalesPlatform.Leads.Tests.Domain;

public sealed class AssignmentPolicyTests
{
    private static Lead LeadIn(string region, Guid? partner = null)
    {
        var input = LeadInputTests.Valid() with
        {
            PartnerId = partner,
            Source = partner is null ? "web-form" : "partner-referral",
            Company = new CompanyInput("Acme", "manufacturing", null, region, null, null),
        };
        return Lead.Capture(input.Normalize("CN").Details!, DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void MatchingRules_InOrder_PartnerRuleFirst()
    {
        var rules = AssignmentPolicy.Default.MatchingRules(LeadIn("East China", Guid.NewGuid())).Select(r => r.Name).ToList();

        Assert.Equal(["partner referrals to channel reps", "East China by territory and industry"], rules);
    }

    [Theory]
    [InlineData("华东", "East China")]
    [InlineData("华北", "North China")]
    [InlineData("South China", "South China")]
    [InlineData("华中地区", "Central China")]
    [InlineData("西南", "Southwest China")]
    [InlineData("西北", "Northwest China")]
    [InlineData("东北区", "Northeast China")]
    public void MatchingRules_EachOfTheSevenRegionsInChineseOrEnglish_HasItsDefaultRule(string typed, string code) =>
        Assert.Equal([$"{code} by territory and industry"], AssignmentPolicy.Default.MatchingRules(LeadIn(typed)).Select(r => r.Name));

    [Fact]
    public void MatchingRules_OutsideTheSevenRegions_MatchesNothing() =>
        Assert.Empty(AssignmentPolicy.Default.MatchingRules(LeadIn("Overseas")));

    [Fact]
    public void QueryFor_RuleWithoutTerritory_AsksForTheLeadsOwn()
    {
        var query = new AssignmentRule("r", AskSpecialty: "new-business").QueryFor(LeadIn("East China"));

        Assert.Equal(new AssigneeQuery("East China", "", "", "manufacturing", "new-business"), query);
    }

    [Fact]
    public void LeastLoaded_SkipsFullRepsAndPicksLowestLoad()
    {
        Candidate[] candidates = [new(Guid.NewGuid(), "full", 1, 1, ""), new(Guid.NewGuid(), "busy", 5, 10, ""), new(Guid.NewGuid(), "free", 2, 10, "")];

        Assert.Equal("free", AssignmentPolicy.LeastLoaded(candidates)?.Name);
    }

    [Fact]
    public void LeastLoaded_CapacityZero_TakesNoLeads_AsInTeamPerformance()
    {
        Candidate[] candidates = [new(Guid.NewGuid(), "on leave", 0, 0, ""), new(Guid.NewGuid(), "busy", 9, 10, "")];

        Assert.Equal("busy", AssignmentPolicy.LeastLoaded(candidates)?.Name);
        Assert.Null(AssignmentPolicy.LeastLoaded([new(Guid.NewGuid(), "on leave", 0, 0, "")]));
    }

    [Fact]
    public void Validate_DuplicateRuleNames_IsInvalid()
    {
        var policy = new AssignmentPolicy([new("x"), new("x")]);

        Assert.Contains("rules.name", policy.Validate().Keys);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)] // 3840 capped at the maximum
    [InlineData(1000, 3600)]
    public void RetryAfter_DoublesPerVainAttemptUpToTheMaximum(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AssignmentPolicy.Default.RetryAfter(attempts));

    [Theory]
    [InlineData(0, 60, "retryMinSeconds")]
    [InlineData(60, 59, "retryMaxSeconds")]
    [InlineData(1, 604_801, "retryMaxSeconds")]
    public void Validate_BadRetryBounds_NamesTheField(int min, int max, string field) =>
        Assert.Contains(field, (AssignmentPolicy.Default with { RetryMinSeconds = min, RetryMaxSeconds = max }).Validate().Keys);
}
