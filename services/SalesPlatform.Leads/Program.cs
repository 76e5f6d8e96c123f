using SalesPlatform.Leads;
using SalesPlatform.Leads.Assignment;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.Endpoints;
using SalesPlatform.Leads.Jobs;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDbContext<WebApplicationBuilder, LeadsDbContext>("leadsdb");
builder.AddRedis("redis");
builder.AddMessaging<WebApplicationBuilder, LeadsDbContext>(bus =>
{
    // Which companies are customers already (ADR 18): capture and import flag their leads.
    bus.AddConsumer<SalesPlatform.Leads.Consumers.CustomerRegisteredConsumer>();
    bus.AddConsumer<SalesPlatform.Leads.Consumers.CustomerOwnerChangedConsumer>();
});

builder.Services.Configure<LeadsOptions>(builder.Configuration.GetSection(LeadsOptions.Section));
builder.Services.Configure<ImportOptions>(builder.Configuration.GetSection(ImportOptions.Section));
builder.Services.Configure<LeadJobOptions>(builder.Configuration.GetSection(LeadJobOptions.Section));

// Team performance answers "who is below this manager" (the shared data scope, cached in Redis) and
// "who covers this lead" (LeadAssigner); each call has a deadline, and when it is down leads wait in the
// queue and scoped reads answer 503.
builder.AddDataScope();
builder.Services.AddScoped<LeadAssigner>();
builder.Services.AddScoped<LeadScope>();
builder.Services.AddScoped<ImportProcessor>();

// Background work (Jobs:<Name>:Enabled, Jobs:<Name>:Interval).
builder.AddScheduledJob<WebApplicationBuilder, SlaScan, LeadsDbContext>(SlaScan.Name, TimeSpan.FromMinutes(1));
builder.AddScheduledJob<WebApplicationBuilder, AssignmentQueue, LeadsDbContext>(AssignmentQueue.Name, TimeSpan.FromSeconds(30), JobMode.Shared);
builder.AddScheduledJob<WebApplicationBuilder, ImportQueue, LeadsDbContext>(ImportQueue.Name, TimeSpan.FromSeconds(2), JobMode.Shared);
builder.AddScheduledJob<WebApplicationBuilder, PoolReturn, LeadsDbContext>(PoolReturn.Name, TimeSpan.FromMinutes(10));

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapLeadsEndpoints();
app.MapPolicyEndpoints();
app.MapImportEndpoints();
app.MapPoolEndpoints();
app.MapNotifications<LeadsDbContext>("/api/leads");
app.MapVocabularies("/api/leads", LeadVocabularies.Sources, LeadVocabularies.LawfulBases, LeadVocabularies.ActivityKinds, LeadVocabularies.PurchasingCycles,
    Vocabularies.Industries, Vocabularies.CompanySizes, Vocabularies.Titles, Vocabularies.Regions, Vocabularies.Provinces, Vocabularies.Cities);

app.Run();

namespace SalesPlatform.Leads
{
    /// <summary>Marker type for WebApplicationFactory in tests.</summary>
    public sealed class LeadsServiceMarker;
}
