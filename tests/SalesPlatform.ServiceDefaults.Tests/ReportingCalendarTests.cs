using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults.Tests;

/// <summary>Periods are cut in the reporting time zone (Asia/Shanghai by default), never in UTC.</summary>
public sealed class ReportingCalendarTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly ReportingCalendar calendar = ReportingCalendar.China;

    [Theory]
    [InlineData(2026, 11, 30, 23, 59, 202611)]
    [InlineData(2026, 12, 1, 0, 1, 202612)]
    [InlineData(2026, 12, 31, 23, 59, 202612)]
    [InlineData(2027, 1, 1, 0, 1, 202701)]
    public void MonthKey_At2359And0001BeijingOnAMonthEdge_FallsOnEachSide(int year, int month, int day, int hour, int minute, int expected) =>
        Assert.Equal(expected, calendar.MonthKey(new DateTimeOffset(year, month, day, hour, minute, 0, Beijing)));

    [Fact]
    public void MonthKey_OfAUtcMomentThatIsAlreadyTheNextDayInBeijing_IsTheNextMonth()
    {
        Assert.Equal(202604, calendar.MonthKey(new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 4, 1), calendar.DateOf(new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void MonthQuarterAndYear_StartAtBeijingMidnight()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 16, 0, 0, TimeSpan.Zero), calendar.Month(2026, 4).Start);
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 16, 0, 0, TimeSpan.Zero), calendar.Month(2026, 4).End);
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), calendar.Quarter(2026, 4).Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), calendar.Quarter(2026, 4).End);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero), calendar.Year(2026).Start);
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.Quarter(2026, 5));
    }

    [Fact]
    public void LastCompletedMonth_At0000BeijingOnJanuaryFirst_IsDecemberOfLastYear()
    {
        Assert.Equal((2026, 12), calendar.LastCompletedMonth(new DateTimeOffset(2027, 1, 1, 0, 0, 0, Beijing)));
        Assert.Equal((2026, 11), calendar.LastCompletedMonth(new DateTimeOffset(2026, 12, 31, 23, 59, 59, Beijing)));
    }

    [Fact]
    public void For_UnknownZone_NamesTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReportingCalendar.For("Mars/Olympus"));

        Assert.Contains("Reporting:TimeZone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_AnotherZone_CutsMonthsThere()
    {
        var utc = ReportingCalendar.For("UTC");

        Assert.Equal(202603, utc.MonthKey(new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2026-03-31T15:59:59Z", 2025, 4)] // 23:59:59 on 31 March in Beijing: Q1 still running
    [InlineData("2026-03-31T16:00:00Z", 2026, 1)] // 00:00 on 1 April in Beijing: Q1 complete
    [InlineData("2026-11-02T01:00:00Z", 2026, 3)]
    public void LastCompletedQuarter_SwitchesAtBeijingMidnight(string utc, int year, int quarter) =>
        Assert.Equal((year, quarter), SalesPlatform.Domain.ReportingCalendar.China.LastCompletedQuarter(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
}
