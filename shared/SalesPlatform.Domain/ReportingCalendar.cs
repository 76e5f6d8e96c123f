namespace SalesPlatform.Domain;

/// <summary>
/// The company's reporting calendar: months, quarters and years are cut in its time zone (default
/// Asia/Shanghai), never in UTC, so a deal signed at 00:30 Beijing time on 1 April is April's. Every
/// period computed anywhere goes through it. Registered by <c>AddServiceDefaults</c> from
/// <c>Reporting:TimeZone</c>.
/// </summary>
public sealed class ReportingCalendar
{
    /// <summary>The default reporting time zone.</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";

    private ReportingCalendar(TimeZoneInfo zone) => Zone = zone;

    /// <summary>The calendar of Asia/Shanghai.</summary>
    public static ReportingCalendar China { get; } = For(DefaultTimeZone);

    /// <summary>The reporting time zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The calendar of the IANA time zone <paramref name="timeZoneId"/>; a clear error when it is unknown.</summary>
    public static ReportingCalendar For(string timeZoneId)
    {
        try
        {
            return new ReportingCalendar(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException(
                $"Reporting:TimeZone '{timeZoneId}' is not a time zone of this machine (an IANA id such as Asia/Shanghai).", e);
        }
    }

    /// <summary>The moment in the reporting time zone.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>The reporting-calendar date of a moment.</summary>
    public DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(ToLocal(at).DateTime);

    /// <summary>The reporting month of a moment as yyyymm (e.g. 202604).</summary>
    public int MonthKey(DateTimeOffset at)
    {
        var local = ToLocal(at);
        return local.Year * 100 + local.Month;
    }

    /// <summary>The instant the reporting day <paramref name="date"/> begins.</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // In UTC, so it can be sent to PostgreSQL (timestamptz takes offset 0 only) and compared anywhere.
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>Start (inclusive) and end (exclusive) of a month.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Month(int year, int month) =>
        (StartOf(new DateOnly(year, month, 1)), StartOf(new DateOnly(year, month, 1).AddMonths(1)));

    /// <summary>Start (inclusive) and end (exclusive) of a quarter (1-4).</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Quarter(int year, int quarter) =>
        quarter is < 1 or > 4
            ? throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1 to 4.")
            : (StartOf(new DateOnly(year, quarter * 3 - 2, 1)), StartOf(new DateOnly(year, quarter * 3 - 2, 1).AddMonths(3)));

    /// <summary>Start (inclusive) and end (exclusive) of a year.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Year(int year) =>
        (StartOf(new DateOnly(year, 1, 1)), StartOf(new DateOnly(year + 1, 1, 1)));

    /// <summary>The last month that has fully ended at <paramref name="now"/> in the reporting time zone.</summary>
    public (int Year, int Month) LastCompletedMonth(DateTimeOffset now)
    {
        var firstOfThisMonth = new DateOnly(ToLocal(now).Year, ToLocal(now).Month, 1).AddMonths(-1);
        return (firstOfThisMonth.Year, firstOfThisMonth.Month);
    }

    /// <summary>The last quarter that has fully ended at <paramref name="now"/> in the reporting time zone.</summary>
    public (int Year, int Quarter) LastCompletedQuarter(DateTimeOffset now)
    {
        var local = ToLocal(now);
        return local.Month <= 3 ? (local.Year - 1, 4) : (local.Year, (local.Month - 1) / 3);
    }
}
