using System.Globalization;
namespace SalesPlatform.Domain;

/// <summary>A reporting period: a month ("2026-11"), a quarter ("2026-Q4") or a year ("2026"), cut in the reporting calendar.</summary>
/// <param name="Key">How it is written (2026-11, 2026-Q4, 2026).</param>
/// <param name="Year">Its year.</param>
/// <param name="FirstMonth">Its first month (1-12).</param>
/// <param name="LastMonth">Its last month (1-12).</param>
public sealed record Period(string Key, int Year, int FirstMonth, int LastMonth)
{
    /// <summary>First month as a yyyymm number (facts are stored by month in this form).</summary>
    public int From => Year * 100 + FirstMonth;

    /// <summary>Last month as a yyyymm number.</summary>
    public int To => Year * 100 + LastMonth;

    /// <summary>How many months it has.</summary>
    public int MonthCount => LastMonth - FirstMonth + 1;

    /// <summary>The instant the period begins in the reporting calendar.</summary>
    public DateTimeOffset Start(ReportingCalendar calendar) => calendar.Month(Year, FirstMonth).Start;

    /// <summary>The instant after the period ends in the reporting calendar.</summary>
    public DateTimeOffset End(ReportingCalendar calendar) => calendar.Month(Year, LastMonth).End;

    /// <summary>True for a single month.</summary>
    public bool IsMonth => MonthCount == 1;

    /// <summary>Its months (1-12).</summary>
    public IEnumerable<int> Months => Enumerable.Range(FirstMonth, MonthCount);

    /// <summary>The period <paramref name="value"/> names, or 400 naming <paramref name="field"/>.</summary>
    public static Period Parse(string? value, string field = "period")
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 2000)
        {
            return new Period(text, year, 1, 12);
        }

        if (text.Length == 7 && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out year) && year >= 2000)
        {
            if (text[4..6] is "-Q" or "-q" && text[6] is >= '1' and <= '4')
            {
                var quarter = text[6] - '0';
                return new Period($"{year}-Q{quarter}", year, quarter * 3 - 2, quarter * 3);
            }

            if (text[4] == '-' && int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            {
                return new Period(text, year, month, month);
            }
        }

        throw new RequestValidationException(field, "Period must be a month (2026-11), a quarter (2026-Q4) or a year (2026).");
    }

    /// <summary>The month <paramref name="month"/> of <paramref name="year"/>.</summary>
    public static Period OfMonth(int year, int month) => new($"{year:D4}-{month:D2}", year, month, month);

    /// <summary>The month of a moment as yyyymm, in the reporting calendar.</summary>
    public static int MonthOf(DateTimeOffset at, ReportingCalendar calendar) => calendar.MonthKey(at);

    /// <summary>The last month that has fully ended at <paramref name="now"/> in the reporting calendar (on 1 December 00:00 Beijing time, November).</summary>
    public static Period LastCompletedMonth(DateTimeOffset now, ReportingCalendar calendar)
    {
        var (year, month) = calendar.LastCompletedMonth(now);
        return OfMonth(year, month);
    }

    /// <summary>The month before this one (for months only).</summary>
    public Period PreviousMonth() => FirstMonth == 1 ? OfMonth(Year - 1, 12) : OfMonth(Year, FirstMonth - 1);
}
