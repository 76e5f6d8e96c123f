using SalesPlatform.Contracts.Consumers;
using SalesPlatform.Contracts.Data;
using SalesPlatform.Contracts.Endpoints;
using SalesPlatform.Domain;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDbContext<WebApplicationBuilder, ContractsDbContext>("contractsdb");
builder.AddRedis("redis");
builder.AddMessaging<WebApplicationBuilder, ContractsDbContext>(bus => bus.AddConsumer<OpportunityWonConsumer>());
// The credit gate asks customers over gRPC, with a deadline; down is 503 and nothing changes (ADR 19).
builder.Services.AddGrpcClient<SalesPlatform.Protos.Customers.Customers.CustomersClient>(o => o.Address = new Uri("http://_grpc.customers"));
builder.Services.AddScoped<CreditCheck>();
// A draft by hand from a won opportunity takes its accepted quote from opportunities over gRPC.
builder.Services.AddGrpcClient<SalesPlatform.Protos.Opportunities.Opportunities.OpportunitiesClient>(o => o.Address = new Uri("http://_grpc.opportunities"));
builder.Services.AddScoped<AcceptedQuotes>();
builder.AddDataScope();
builder.AddScheduledJob<WebApplicationBuilder, SalesPlatform.Contracts.Jobs.OverdueProcess, ContractsDbContext>(
    SalesPlatform.Contracts.Jobs.OverdueProcess.Name, TimeSpan.FromMinutes(15));

// The demo company's contracts in Development or with Seed:DemoData=true.
builder.Services.AddHostedService<SalesPlatform.Contracts.Data.Seeder>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapContractsEndpoints();
app.MapCollectionsEndpoints();
app.MapNotifications<ContractsDbContext>("/api/contracts");

app.Run();

namespace SalesPlatform.Contracts
{
    /// <summary>Marker type for WebApplicationFactory in tests.</summary>
    public sealed class ContractsServiceMarker;
}
