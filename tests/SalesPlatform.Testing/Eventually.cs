namespace SalesPlatform.Testing;

/// <summary>Waits for a condition with a deadline, polling every 50 ms; never a fixed sleep.</summary>
public static class Eventually
{
    /// <summary>Polling interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Returns as soon as <paramref name="condition"/> is true; throws a <see cref="TimeoutException"/>
    /// naming <paramref name="because"/> (and the last exception the condition threw, if any) when
    /// it is still false after <paramref name="timeout"/>.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }

                last = null;
            }
            catch (Exception ex)
            {
                last = ex;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0.#} s: {because}", last);
            }

            await Task.Delay(Interval);
        }
    }
}
