using SalesPlatform.Domain;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.Input;

namespace SalesPlatform.Leads.Tests.Domain;

public sealed class LeadInputTests
{
    public static LeadInput Valid() => new("web-form", "spring-2026", null,
        new CompanyInput("  ACME  Manufacturing Co., Ltd. ", "Manufacturing", "1000+", "East China", "Jiangsu", "Suzhou"),
        new ContactInput("  Li   Wei ", "CFO", "  Li.Wei@Example.COM ", "138 1234 5678"),
        new BudgetInput(600_000m, "cny", true), new DateOnly(2027, 1, 1), new ConsentInput("Consent", false));

    [Fact]
    public void Normalize_ValidInput_NormalisesEmailPhoneNamesAndCodes()
    {
        var (details, errors) = Valid().Normalize("CN");

        Assert.Empty(errors);
        Assert.NotNull(details);
        Assert.Equal("li.wei@example.com", details.Email);
        Assert.Equal("+8613812345678", details.Phone);
        Assert.Equal("ACME Manufacturing Co., Ltd.", details.Company);
        Assert.Equal("Li Wei", details.ContactName);
        Assert.Equal("manufacturing", details.Industry);
        Assert.Equal("CNY", details.BudgetCurrency);
        Assert.Equal("consent", details.LawfulBasis);
    }

    [Fact]
    public void Normalize_EveryFieldBad_NamesEachField()
    {
        var input = new LeadInput("billboard", null, null, new CompanyInput(" ", null, "huge", null, null, null),
            new ContactInput(null, null, "not-an-email", "12"), new BudgetInput(-1, "yuan", false), null, new ConsentInput(null, false));

        var (details, errors) = input.Normalize("CN");

        Assert.Null(details);
        Assert.Equal(["budget.amount", "budget.currency", "company.name", "company.size", "consent.lawfulBasis", "contact.email", "contact.name", "contact.phone", "source"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_PartnerReferralWithoutPartner_NamesPartnerId()
    {
        var (_, errors) = (Valid() with { Source = "partner-referral" }).Normalize("CN");

        Assert.Equal(["partnerId"], errors.Keys);
    }

    [Fact]
    public void Normalize_NoEmailNorPhone_NamesContactEmail()
    {
        var (_, errors) = (Valid() with { Contact = new ContactInput("Li Wei", null, null, null) }).Normalize("CN");

        Assert.Equal(["contact.email"], errors.Keys);
    }

    [Theory]
    [InlineData("ACME Co., Ltd.", "acme")]
    [InlineData("acme limited", "acme")]
    [InlineData("  Acme   Group Inc ", "acme")]
    [InlineData("苏州精工有限公司", "苏州精工")]
    public void CompanyKey_LegalFormsAndPunctuation_AreIgnored(string company, string key) =>
        Assert.Equal(key, Normalizer.CompanyKey(company));

    [Theory]
    [InlineData("+86 138-1234-5678", "CN", "+8613812345678")]
    [InlineData("(415) 555-2671", "US", "+14155552671")]
    [InlineData("12345", "CN", null)]
    public void PhoneE164_WithDefaultRegion_Normalises(string phone, string region, string? expected) =>
        Assert.Equal(expected, Phones.ToE164(phone, region));
}
