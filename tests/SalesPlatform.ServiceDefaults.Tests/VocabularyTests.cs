using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults.Tests;

/// <summary>Closed word lists resolve what Chinese and English users type to one code.</summary>
public sealed class VocabularyTests
{
    [Theory]
    [InlineData("制造业", "manufacturing")]
    [InlineData("Manufacturing", "manufacturing")]
    [InlineData(" manufacturing industry ", "manufacturing")]
    [InlineData("ＭＡＮＵＦＡＣＴＵＲＩＮＧ", "manufacturing")] // full-width letters
    [InlineData("新能源", "energy")]
    [InlineData("软件", "it")]
    [InlineData("Real-Estate", "real-estate")]
    public void Industries_ResolveChineseAndEnglishSpellings(string typed, string code) =>
        Assert.Equal(code, Vocabularies.Industries.Resolve(typed)?.Code);

    [Theory]
    [InlineData("宇宙探索")]
    [InlineData("")]
    [InlineData(null)]
    public void Resolve_UnknownOrEmpty_IsNull(string? typed) => Assert.Null(Vocabularies.Industries.Resolve(typed));

    [Theory]
    [InlineData("华东", null, null, "East China", null, null)]
    [InlineData(null, "江苏省", null, "East China", "Jiangsu", null)]
    [InlineData(null, null, "苏州", "East China", "Jiangsu", "Suzhou")]
    [InlineData(null, null, "深圳市", "South China", "Guangdong", "Shenzhen")]
    [InlineData("西南", "四川", "成都", "Southwest China", "Sichuan", "Chengdu")]
    [InlineData("东北", null, "哈尔滨", "Northeast China", "Heilongjiang", "Harbin")]
    [InlineData("Atlantis", null, "Gotham", "Atlantis", null, "Gotham")] // unknown names are kept as typed
    public void ResolvePlace_CompletesACityUpwardsToItsProvinceAndRegion(string? region, string? province, string? city,
        string? expectedRegion, string? expectedProvince, string? expectedCity) =>
        Assert.Equal((expectedRegion, expectedProvince, expectedCity), Vocabularies.ResolvePlace(region, province, city));

    [Fact]
    public void Regions_CoverTheSevenSalesRegions()
    {
        Assert.Equal(7, Vocabularies.Regions.Terms.Count);
        Assert.All(Vocabularies.Provinces.Terms, p => Assert.NotNull(Vocabularies.Regions.Resolve(p.Parent)));
        Assert.All(Vocabularies.Cities.Terms, c => Assert.NotNull(Vocabularies.Provinces.Resolve(c.Parent)));
    }

    [Fact]
    public void Vocabulary_WithOneSpellingForTwoCodes_Refuses() =>
        Assert.Throws<ArgumentException>(() => new Vocabulary("broken", [new Term("a", "甲", "A", ["x"]), new Term("b", "乙", "B", ["X"])]));

    [Fact]
    public void Describe_ListsCodesWithChineseLabels() =>
        Assert.Contains("1000+ (1000人以上)", Vocabularies.CompanySizes.Describe(), StringComparison.Ordinal);
}

/// <summary>The character pairs of the shared free-text search, as the generated column holds them.</summary>
public sealed class TextSearchTests
{
    [Fact]
    public void Grams_ChineseAndEnglish_LowerCasePairsWithoutWhiteSpace()
    {
        Assert.Equal(["精密"], TextSearch.Grams("精密"));
        Assert.Equal(["苏州", "州精", "精密"], TextSearch.Grams("苏州精密"));
        Assert.Equal(["ab", "cd"], TextSearch.Grams("AB CD"));
        Assert.Empty(TextSearch.Grams("精"));
    }
}
