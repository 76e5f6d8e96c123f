using SalesPlatform.Customers.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Tests;

/// <summary>The unified social credit code's check character (GB 32100-2015).</summary>
public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91440300708461136T")]
    [InlineData("914403001922038216")]
    [InlineData("91330100716105852F")]
    [InlineData("91110000600037341L")]
    public void Problem_ValidCodes_None(string code) => Assert.Null(CreditCode.Problem(code));

    [Theory]
    [InlineData("91440300708461136X", "check character")] // the last character changed
    [InlineData("91440300708461136", "18 characters")]
    [InlineData("9144030070846113IT", "cannot appear")]     // I is not in the alphabet
    public void Problem_InvalidCodes_SayWhy(string code, string why) => Assert.Contains(why, CreditCode.Problem(code));

    [Fact]
    public void Normalize_FullWidthAndLowerCase_Folded() =>
        Assert.Equal("91440300708461136T", CreditCode.Normalize(" ９１４４０３００７０８４６１１３６ｔ "));
}
