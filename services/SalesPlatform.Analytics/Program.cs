using SalesPlatform.Analytics.Consumers;
using SalesPlatform.Analytics.Data;
using SalesPlatform.Analytics.Endpoints;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDbContext<WebApplicationBuilder, AnalyticsDbContext>("analyticsdb");
builder.AddRedis("redis");
builder.AddMessaging<WebApplicationBuilder, AnalyticsDbContext>(bus =>
{
    // Analytics learns only from events: every event type the platform publishes goes to the event log.
    EventLog.AddConsumers(bus);
});
builder.AddDataScope();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapForecastEndpoints();
app.MapFunnelEndpoints();
app.MapNotifications<AnalyticsDbContext>("/api/analytics");

app.Run();

namespace SalesPlatform.Analytics
{
    /// <summary>Marker type for WebApplicationFactory in tests.</summary>
    public sealed class AnalyticsServiceMarker;
}
