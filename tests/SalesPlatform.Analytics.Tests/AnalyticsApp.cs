using SalesPlatform.Analytics.Data;
using SalesPlatform.Testing;

namespace SalesPlatform.Analytics.Tests;

/// <summary>The analytics host on real servers (<see cref="ServiceApp{TMarker, TDbContext}"/>).</summary>
public sealed class AnalyticsApp() : ServiceApp<AnalyticsServiceMarker, AnalyticsDbContext>("analyticsdb");
