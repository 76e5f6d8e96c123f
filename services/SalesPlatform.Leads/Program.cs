using SalesPlatform.Leads;
using SalesPlatform.Leads.Assignment;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Endpoints;
using SalesPlatform.Leads.Jobs;
using SalesPlatform.Messaging;
using SalesPlatform.Protos.TeamPerformance;
using SalesPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDbContext<WebApplicationBuilder, LeadsDbContext>("leadsdb");
builder.AddRedis("redis");
builder.AddMessaging<WebApplicationBuilder, LeadsDbContext>();

builder.Services.Configure<LeadsOptions>(builder.Configuration.GetSection(LeadsOptions.Section));
builder.Services.Configure<TeamPerformanceOptions>(builder.Configuration.GetSection(TeamPerformanceOptions.Section));
builder.Services.Configure<ImportOptions>(builder.Configuration.GetSection(ImportOptions.Section));
builder.Services.Configure<JobOptions>(builder.Configuration.GetSection(JobOptions.Section));
builder.Services.AddExceptionHandler<TeamPerformanceUnavailableHandler>();

// Team performance answers "who covers this lead" and "who is below this manager"; each call has a
// deadline (LeadAssigner), and when it is down leads wait in the queue.
builder.Services.AddGrpcClient<TeamPerformance.TeamPerformanceClient>(o => o.Address = new Uri("http://_grpc.teamperformance"));
builder.Services.AddScoped<LeadAssigner>();
builder.Services.AddScoped<LeadScope>();
builder.Services.AddScoped<ImportProcessor>();
builder.Services.AddScoped<SlaScan>();
builder.Services.AddScoped<AssignmentQueue>();

if (builder.Configuration.GetSection(JobOptions.Section).GetValue(nameof(JobOptions.Enabled), true))
{
    builder.Services.AddHostedService<LeadJobsService>();
}

if (builder.Configuration.GetSection(ImportOptions.Section).GetValue(nameof(ImportOptions.WorkerEnabled), true))
{
    builder.Services.AddHostedService<ImportWorker>();
}

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapLeadsEndpoints();
app.MapPolicyEndpoints();
app.MapImportEndpoints();

app.Run();

namespace SalesPlatform.Leads
{
    /// <summary>Marker type for WebApplicationFactory in tests.</summary>
    public sealed class LeadsServiceMarker;
}
