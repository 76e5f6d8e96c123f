using SalesPlatform.Customers.Consumers;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Customers.Endpoints;
using SalesPlatform.Domain;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDbContext<WebApplicationBuilder, CustomersDbContext>("customersdb");
builder.AddRedis("redis");
builder.AddMessaging<WebApplicationBuilder, CustomersDbContext>(bus =>
{
    bus.AddConsumer<LeadConvertedConsumer>();
    bus.AddConsumer<PaymentReceivedConsumer>();
    bus.AddConsumer<PaymentOverdueConsumer>();
    bus.AddConsumer<ContractSignedConsumer>();
    bus.AddConsumer<OpportunityWonConsumer>();
    bus.AddConsumer<OpportunityLostConsumer>();
    bus.AddConsumer<InvoiceIssuedConsumer>();
    bus.AddConsumer<OpportunityOpenedConsumer>();
    bus.AddConsumer<QuoteIssuedConsumer>();
    bus.AddConsumer<QuoteAcceptedConsumer>();
});
builder.Services.AddGrpc();
// Who sees which customer: the shared data scope (a manager's subtree from team performance, cached in Redis).
builder.AddDataScope();
builder.AddScheduledJob<WebApplicationBuilder, SalesPlatform.Customers.Jobs.ComplaintSlaScan, CustomersDbContext>(
    SalesPlatform.Customers.Jobs.ComplaintSlaScan.Name, TimeSpan.FromMinutes(1));
builder.AddScheduledJob<WebApplicationBuilder, SalesPlatform.Customers.Jobs.SegmentationRun, CustomersDbContext>(
    SalesPlatform.Customers.Jobs.SegmentationRun.Name, TimeSpan.FromHours(1));
builder.AddScheduledJob<WebApplicationBuilder, SalesPlatform.Customers.Jobs.CustomerPoolReclaim, CustomersDbContext>(
    SalesPlatform.Customers.Jobs.CustomerPoolReclaim.Name, TimeSpan.FromMinutes(10));
builder.AddScheduledJob<WebApplicationBuilder, SalesPlatform.Customers.Jobs.ChurnScan, CustomersDbContext>(
    SalesPlatform.Customers.Jobs.ChurnScan.Name, TimeSpan.FromHours(1));
builder.AddScheduledJob<WebApplicationBuilder, SalesPlatform.Customers.Jobs.SpotCheckDraw, CustomersDbContext>(
    SalesPlatform.Customers.Jobs.SpotCheckDraw.Name, TimeSpan.FromHours(1));

// The demo company's customers in Development or with Seed:DemoData=true.
builder.Services.AddHostedService<SalesPlatform.Customers.Data.Seeder>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCustomersEndpoints();
app.MapCreditEndpoints();
app.MapComplaintEndpoints();
app.MapSurveyEndpoints();
app.MapPoolEndpoints();
app.MapSegmentEndpoints();
app.MapChurnEndpoints();
// Service to service on the cluster network only (not routed by the gateway; the network policy admits the callers), like team performance's.
app.MapGrpcService<SalesPlatform.Customers.Grpc.CustomersGrpcService>().AllowAnonymous();
app.MapNotifications<CustomersDbContext>("/api/customers");
app.MapVocabularies("/api/customers", CustomerVocabularies.ContactRoles, CustomerVocabularies.ComplaintCategories,
    CustomerVocabularies.ComplaintSeverities, CustomerVocabularies.Touchpoints, CustomerVocabularies.RfmSegments, CustomerVocabularies.ValueTiers,
    CustomerVocabularies.LifecycleStages, CustomerVocabularies.FollowUpKinds, CustomerVocabularies.WinBackOffers, Vocabularies.Industries, Vocabularies.CompanySizes,
    Vocabularies.Titles, Vocabularies.Regions, Vocabularies.Provinces, Vocabularies.Cities);

app.Run();

namespace SalesPlatform.Customers
{
    /// <summary>Marker type for WebApplicationFactory in tests.</summary>
    public sealed class CustomersServiceMarker;
}
