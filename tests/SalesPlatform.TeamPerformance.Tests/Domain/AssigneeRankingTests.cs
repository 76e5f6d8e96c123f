using SalesPlatform.TeamPerformance.Domain;

namespace SalesPlatform.TeamPerformance.Tests.Domain;

public class AssigneeRankingTests
{
    private static readonly Territory SuzhouCity = new("East China", "Jiangsu", "Suzhou");
    private static readonly Territory JiangsuProvince = new("East China", "Jiangsu", null);
    private static readonly Territory EastChinaRegion = new("East China", null, null);

    private static Candidate Rep(string name, int open, int capacity, Territory territory, params string[] industries) =>
        new(Guid.CreateVersion7(), name, name + "@demo", Guid.Empty, null, "new-business", open, capacity, industries, [territory]);

    private static readonly AssignmentRequest SuzhouManufacturing = new("East China", "Jiangsu", "Suzhou", "Manufacturing", null);

    [Fact]
    public void Rank_CityRepExists_ReturnsOnlyTheMostSpecificLevel()
    {
        var city = Rep("city", 5, 10, SuzhouCity, "manufacturing");
        var province = Rep("province", 0, 10, JiangsuProvince, "manufacturing");

        var ranked = AssigneeRanking.Rank(SuzhouManufacturing, [province, city], 10);

        Assert.Equal("city", Assert.Single(ranked).Candidate.Name);
        Assert.Equal("city=Suzhou; industry=manufacturing", ranked[0].Match);
    }

    [Fact]
    public void Rank_CityRepsFull_FallsBackToProvinceThenRegion()
    {
        var full = Rep("city", 10, 10, SuzhouCity, "manufacturing");
        var region = Rep("region", 0, 10, EastChinaRegion);

        var ranked = AssigneeRanking.Rank(SuzhouManufacturing, [full, region], 10);

        Assert.Equal("region", Assert.Single(ranked).Candidate.Name);
        Assert.Equal(1, ranked[0].TerritoryLevel);
    }

    [Fact]
    public void Rank_SpecialistBeforeLessLoadedGeneralist_OtherIndustryExcluded()
    {
        var generalist = Rep("generalist", 0, 10, SuzhouCity);
        var specialist = Rep("specialist", 7, 10, SuzhouCity, "manufacturing", "retail");
        var retailOnly = Rep("retail", 0, 10, SuzhouCity, "retail");

        var ranked = AssigneeRanking.Rank(SuzhouManufacturing, [generalist, retailOnly, specialist], 10);

        Assert.Equal(["specialist", "generalist"], ranked.Select(r => r.Candidate.Name));
    }

    [Fact]
    public void Rank_EqualSpecialists_LeastLoadedFirstThenFreeCapacityThenId()
    {
        var busy = Rep("busy", 4, 10, SuzhouCity, "manufacturing");
        var idleSmall = Rep("idle-small", 1, 5, SuzhouCity, "manufacturing");
        var idleBig = Rep("idle-big", 1, 20, SuzhouCity, "manufacturing");
        var twinA = Rep("twin-a", 2, 10, SuzhouCity, "manufacturing") with { PersonId = Guid.Parse("00000000-0000-0000-0000-00000000000a") };
        var twinB = Rep("twin-b", 2, 10, SuzhouCity, "manufacturing") with { PersonId = Guid.Parse("00000000-0000-0000-0000-00000000000b") };

        var ranked = AssigneeRanking.Rank(SuzhouManufacturing, [busy, twinB, idleSmall, twinA, idleBig], 10);

        Assert.Equal(["idle-big", "idle-small", "twin-a", "twin-b", "busy"], ranked.Select(r => r.Candidate.Name));
    }

    [Fact]
    public void Rank_FullCapacity_Excluded()
    {
        var full = Rep("full", 10, 10, SuzhouCity, "manufacturing");

        Assert.Empty(AssigneeRanking.Rank(SuzhouManufacturing, [full], 10));
    }

    [Fact]
    public void Rank_CityOnlyRequest_MatchesCityTerritoryButNotRegionWide()
    {
        var city = Rep("city", 0, 10, SuzhouCity);
        var region = Rep("region", 0, 10, EastChinaRegion);

        var ranked = AssigneeRanking.Rank(new AssignmentRequest(null, null, "suzhou", null, null), [city, region], 10);

        Assert.Equal("city", Assert.Single(ranked).Candidate.Name);
    }

    [Fact]
    public void Rank_OtherCity_NotEligible()
    {
        var city = Rep("city", 0, 10, SuzhouCity);

        Assert.Empty(AssigneeRanking.Rank(new AssignmentRequest("East China", "Jiangsu", "Nanjing", null, null), [city], 10));
    }

    [Fact]
    public void Rank_SpecialtyAsked_FiltersOnIt()
    {
        var rep = Rep("rep", 0, 10, SuzhouCity);

        Assert.Empty(AssigneeRanking.Rank(SuzhouManufacturing with { Specialty = "key-accounts" }, [rep], 10));
        Assert.Single(AssigneeRanking.Rank(SuzhouManufacturing with { Specialty = "new-business" }, [rep], 10));
    }

    [Fact]
    public void Rank_MaxResults_Truncates()
    {
        var reps = Enumerable.Range(0, 5).Select(i => Rep($"r{i}", i, 10, SuzhouCity)).ToList();

        Assert.Equal(2, AssigneeRanking.Rank(SuzhouManufacturing, reps, 2).Count);
    }
}
