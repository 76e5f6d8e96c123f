using SalesPlatform.Domain;
using SalesPlatform.Messaging;
using SalesPlatform.Opportunities.Consumers;
using SalesPlatform.Opportunities.Data;
using SalesPlatform.Opportunities.Domain;
using SalesPlatform.Opportunities.Endpoints;
using SalesPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDbContext<WebApplicationBuilder, OpportunitiesDbContext>("opportunitiesdb");
builder.AddRedis("redis");
builder.AddMessaging<WebApplicationBuilder, OpportunitiesDbContext>(bus =>
{
    bus.AddConsumer<LeadConvertedConsumer>();
    bus.AddConsumer<CustomerLinkedToLeadConsumer>();
});
builder.Services.AddGrpc();
// Who sees which deal: the shared data scope (owner, the manager's subtree, collaborators, the partner).
builder.AddDataScope();

// The demo company's price book and deals in Development or with Seed:DemoData=true.
builder.Services.AddHostedService<SalesPlatform.Opportunities.Data.Seeder>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpportunitiesEndpoints();
app.MapProductEndpoints();
app.MapQuoteEndpoints();
// Service to service on the cluster network only (not routed by the gateway; the network policy admits contracts).
app.MapGrpcService<SalesPlatform.Opportunities.Grpc.OpportunitiesGrpcService>().AllowAnonymous();
app.MapNotifications<OpportunitiesDbContext>("/api/opportunities");
app.MapVocabularies("/api/opportunities", OpportunityVocabularies.Stages, OpportunityVocabularies.ActivityKinds, OpportunityVocabularies.ProductKinds,
    OpportunityVocabularies.LossReasons, Vocabularies.LeadSources, Vocabularies.Industries, Vocabularies.Regions);

app.Run();

namespace SalesPlatform.Opportunities
{
    /// <summary>Marker type for WebApplicationFactory in tests.</summary>
    public sealed class OpportunitiesServiceMarker;
}
