using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance;
using SalesPlatform.TeamPerformance.Consumers;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Endpoints;
using SalesPlatform.TeamPerformance.Grpc;
using SalesPlatform.TeamPerformance.Jobs;
using SalesPlatform.Domain;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDbContext<WebApplicationBuilder, TeamPerformanceDbContext>("teamperformancedb");
builder.AddRedis("redis");
builder.AddMessaging<WebApplicationBuilder, TeamPerformanceDbContext>(bus =>
{
    bus.AddConsumer<LeadAssignedConsumer>();
    bus.AddConsumer<LeadConvertedConsumer>();
    bus.AddConsumer<LeadDisqualifiedConsumer>();
    bus.AddConsumer<LeadRecycledConsumer>();
    bus.AddConsumer<LeadReturnedToPoolConsumer>();
    bus.AddConsumer<LeadReopenedConsumer>();
    bus.AddConsumer<LeadActivityLoggedConsumer>();
    bus.AddConsumer<OpportunityWonConsumer>();
    bus.AddConsumer<OpportunityLostConsumer>();
    bus.AddConsumer<OpportunityStageChangedConsumer>();
    bus.AddConsumer<ContractSignedConsumer>();
    bus.AddConsumer<PaymentReceivedConsumer>();
    bus.AddConsumer<ReceivablesOverdueSnapshottedConsumer>();
    bus.AddConsumer<CustomerNpsRecordedConsumer>();
});

builder.Services.Configure<TeamPerformanceOptions>(builder.Configuration.GetSection(TeamPerformanceOptions.Section));
// After the migrator (registered by AddServiceDbContext): default policies, and the demo org in development.
builder.Services.AddHostedService<Seeder>();
builder.AddScheduledJob<WebApplicationBuilder, ImprovementPlanJob, TeamPerformanceDbContext>(ImprovementPlanJob.Name, TimeSpan.FromHours(6));
builder.Services.AddScoped<Leaderboard>();
// The shared data scope, with subtrees read from this service's own hierarchy.
builder.AddDataScope<WebApplicationBuilder, OrgSubtree>();
builder.Services.AddGrpc();

var app = builder.Build();

app.MapDefaultEndpoints();

// Internal service-to-service API: not exposed by the gateway, protected by the network policy, so anonymous.
app.MapGrpcService<TeamPerformanceGrpcService>().AllowAnonymous();

app.MapOrgEndpoints();
app.MapKpiEndpoints();
app.MapTargetEndpoints();
app.MapCommissionEndpoints();
app.MapImprovementPlanEndpoints();
app.MapPartnerEndpoints();
app.MapPolicyEndpoints();
app.MapVocabularies("/api/performance", Vocabularies.Industries, Vocabularies.Regions, Vocabularies.Provinces, Vocabularies.Cities);

app.Run();
