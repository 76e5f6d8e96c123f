using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>Settings of the <c>Reporting</c> section.</summary>
public sealed class ReportingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Reporting";

    /// <summary>IANA id of the company's reporting time zone (default Asia/Shanghai).</summary>
    public string TimeZone { get; set; } = ReportingCalendar.DefaultTimeZone;
}

/// <summary>Registration of the reporting calendar.</summary>
public static class ReportingCalendarExtensions
{
    /// <summary>Registers <see cref="ReportingCalendar"/> for <c>Reporting:TimeZone</c>, failing at start when the zone is unknown.</summary>
    public static TBuilder AddReportingCalendar<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection(ReportingOptions.Section).Get<ReportingOptions>() ?? new ReportingOptions();
        builder.Services.AddSingleton(ReportingCalendar.For(options.TimeZone));
        return builder;
    }
}
