using SalesPlatform.Identity.Domain;

using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Tests.Domain;

public class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Issue_Always_ReturnsPrefixedPlainTextThatOnlyItsHashIsKeptOf()
    {
        var (key, plain) = ApiKey.Issue(Guid.CreateVersion7(), "portal", ["leads:read"], null, Now);

        Assert.StartsWith($"spk_{key.Prefix}_", plain, StringComparison.Ordinal);
        Assert.Equal(key.Prefix, ApiKeyText.TryGetPrefix(plain));
        Assert.DoesNotContain(plain.Split('_', 3)[2], key.SecretHash, StringComparison.Ordinal);
        Assert.True(key.Matches(plain));
        Assert.False(key.Matches(plain[..^1] + (plain[^1] == 'a' ? 'b' : 'a')));
    }

    [Fact]
    public void Issue_Twice_GivesDifferentPrefixesAndSecrets()
    {
        var (first, firstPlain) = ApiKey.Issue(Guid.CreateVersion7(), "a", [], null, Now);
        var (second, secondPlain) = ApiKey.Issue(Guid.CreateVersion7(), "b", [], null, Now);

        Assert.NotEqual(first.Prefix, second.Prefix);
        Assert.NotEqual(firstPlain, secondPlain);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("spk_abcdefgh")]
    [InlineData("spk_abcdefg_0123456789abcdefghij")]
    [InlineData("xyz_abcdefgh_0123456789abcdefghij")]
    [InlineData("spk_abcdefgh_short")]
    [InlineData("spk_abc-efgh_0123456789abcdefghij")]
    public void TryGetPrefix_MalformedKey_ReturnsNull(string? key) => Assert.Null(ApiKeyText.TryGetPrefix(key));

    [Fact]
    public void TryGetPrefix_OverlongKey_ReturnsNull() =>
        Assert.Null(ApiKeyText.TryGetPrefix("spk_abcdefgh_" + new string('x', 200)));

    [Fact]
    public void IsUsableAt_OneSecondBeforeExpiry_True()
    {
        var (key, _) = ApiKey.Issue(Guid.CreateVersion7(), "k", [], Now.AddDays(30), Now);

        Assert.True(key.IsUsableAt(Now.AddDays(30).AddSeconds(-1)));
    }

    [Fact]
    public void IsUsableAt_AtExpiry_False()
    {
        var (key, _) = ApiKey.Issue(Guid.CreateVersion7(), "k", [], Now.AddDays(30), Now);

        Assert.False(key.IsUsableAt(Now.AddDays(30)));
    }

    [Fact]
    public void Revoke_TwiceKeepsFirstTime_AndKeyIsUnusable()
    {
        var (key, _) = ApiKey.Issue(Guid.CreateVersion7(), "k", [], null, Now);

        key.Revoke(Now.AddMinutes(1));
        key.Revoke(Now.AddMinutes(2));

        Assert.Equal(Now.AddMinutes(1), key.RevokedAt);
        Assert.False(key.IsUsableAt(Now.AddMinutes(1)));
    }

    [Fact]
    public void FromPlainText_MalformedKey_Throws() =>
        Assert.Throws<ArgumentException>(() => ApiKey.FromPlainText(Guid.CreateVersion7(), "k", "not-a-key", [], null, Now));
}
