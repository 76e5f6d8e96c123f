using SalesPlatform.Identity;
using SalesPlatform.Identity.Data;
using SalesPlatform.Identity.Endpoints;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDbContext<WebApplicationBuilder, IdentityDbContext>("identitydb");
builder.AddIdentityServer();
builder.Services.AddHostedService<IdentitySeeder>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapConnectEndpoints();
app.MapAccountEndpoints();
app.MapPartnerEndpoints();
app.MapUserEndpoints();

app.Run();
