using Xunit;

namespace SalesPlatform.Testing.Tests;

public sealed class EventuallyTests
{
    [Fact]
    public async Task UntilAsync_ConditionBecomesTrue_Returns()
    {
        var calls = 0;
        await Eventually.UntilAsync(() => Task.FromResult(++calls >= 3), TimeSpan.FromSeconds(5), "third call");
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task UntilAsync_NeverTrue_ThrowsWithReason()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            Eventually.UntilAsync(() => Task.FromResult(false), TimeSpan.FromMilliseconds(200), "the moon turns blue"));
        Assert.Contains("the moon turns blue", error.Message, StringComparison.Ordinal);
    }
}
