using Microsoft.IdentityModel.JsonWebTokens;
using Xunit;

namespace SalesPlatform.Testing.Tests;

public sealed class TestTokensTests
{
    [Fact]
    public async Task Create_StaffRole_ValidatesWithConfiguredKeyAndCarriesClaims()
    {
        var person = Guid.CreateVersion7();
        var settings = TestTokens.AuthSettings();

        var token = TestTokens.Create("rep", personId: person, name: "Rita Rep");
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, TestTokens.ValidationParameters());

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.True(settings["Auth:SigningKey"]!.Length >= 32);
        Assert.Equal(settings["Auth:Issuer"], result.Claims["iss"]);
        Assert.Equal(person.ToString(), result.Claims["person_id"]);
        Assert.Equal(person.ToString(), result.Claims["sub"]);
        Assert.Equal("rep", result.Claims["role"]);
        Assert.Equal("Rita Rep", result.Claims["name"]);
    }

    [Fact]
    public async Task Create_PartnerRole_CarriesPartnerIdWithoutPersonId()
    {
        var token = TestTokens.Create("partner");
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, TestTokens.ValidationParameters());

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.True(Guid.TryParse((string)result.Claims["partner_id"], out _));
        Assert.False(result.Claims.ContainsKey("person_id"));
    }

    [Fact]
    public async Task Create_Expired_FailsValidation()
    {
        var token = TestTokens.Create("rep", lifetime: TimeSpan.FromMinutes(-2));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, TestTokens.ValidationParameters());

        Assert.False(result.IsValid);
    }
}
