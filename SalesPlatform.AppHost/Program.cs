using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesPlatform.AppHost;
using SalesPlatform.Domain;

// The platform on one machine: infrastructure, every service, the gateway and the Aspire dashboard.
// Settings (section SalesPlatform): Seed, ExternalInfrastructure, DataDirectory, PortOffset,
// DatabasePrefix, Replicas:<service>; see the README.
var builder = DistributedApplication.CreateBuilder(args);
var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
var settings = PlatformSettings.From(builder.Configuration, repositoryRoot);
var secrets = DevelopmentSecrets.LoadOrCreate(settings.DataDirectory);

// Infrastructure: PostgreSQL (one database per service), Redis, RabbitMQ with its management plugin.
var infra = builder.AddInfrastructure(settings, secrets, repositoryRoot);
var identityDb = builder.AddDatabase(infra, "identitydb", settings);
var teamPerformanceDb = builder.AddDatabase(infra, "teamperformancedb", settings);
var leadsDb = builder.AddDatabase(infra, "leadsdb", settings);
var customersDb = builder.AddDatabase(infra, "customersdb", settings);
var opportunitiesDb = builder.AddDatabase(infra, "opportunitiesdb", settings);
var contractsDb = builder.AddDatabase(infra, "contractsdb", settings);
var analyticsDb = builder.AddDatabase(infra, "analyticsdb", settings);

// Services, in the order they can start.
var identity = builder.AddService<Projects.SalesPlatform_Identity>("identity", settings)
    .WithInfrastructure(infra, identityDb, infra.Redis)
    .WithEnvironment("Identity__GatewayClientSecret", secrets.GatewayClientSecret)
    .WithEnvironment("Identity__DevelopmentKeysDirectory", Path.Combine(settings.DataDirectory, "identity-keys"))
    .WithEnvironment("Seed__DemoPartnerApiKey", secrets.DemoPartnerApiKey)
    .WithEnvironment("Seed__DemoPartnerClientSecret", secrets.DemoPartnerClientSecret);

var teamPerformance = builder.AddService<Projects.SalesPlatform_TeamPerformance>("teamperformance", settings)
    .WithInfrastructure(infra, teamPerformanceDb, infra.Redis, infra.RabbitMq);
identity.WithReference(teamPerformance);

var leads = builder.AddService<Projects.SalesPlatform_Leads>("leads", settings)
    .WithInfrastructure(infra, leadsDb, infra.Redis, infra.RabbitMq)
    .WithReference(teamPerformance)
    .WaitFor(teamPerformance);

var customers = builder.AddService<Projects.SalesPlatform_Customers>("customers", settings)
    .WithInfrastructure(infra, customersDb, infra.Redis, infra.RabbitMq)
    .WithReference(teamPerformance)
    .WaitFor(teamPerformance);

var opportunities = builder.AddService<Projects.SalesPlatform_Opportunities>("opportunities", settings)
    .WithInfrastructure(infra, opportunitiesDb, infra.Redis, infra.RabbitMq)
    .WithReference(teamPerformance)
    .WaitFor(teamPerformance);

var contracts = builder.AddService<Projects.SalesPlatform_Contracts>("contracts", settings)
    .WithInfrastructure(infra, contractsDb, infra.Redis, infra.RabbitMq)
    .WithReference(teamPerformance).WithReference(customers).WithReference(opportunities)
    .WaitFor(teamPerformance).WaitFor(customers).WaitFor(opportunities);

// Analytics learns only from events: it references no other service for data, only team performance for the data scope.
var analytics = builder.AddService<Projects.SalesPlatform_Analytics>("analytics", settings)
    .WithInfrastructure(infra, analyticsDb, infra.Redis, infra.RabbitMq)
    .WithReference(teamPerformance)
    .WaitFor(teamPerformance);

var gateway = builder.AddService<Projects.SalesPlatform_Gateway>("gateway", settings)
    .WithInfrastructure(infra, infra.Redis)
    .WithEnvironment("ApiKeys__ClientSecret", secrets.GatewayClientSecret)
    .WithReference(identity).WithReference(teamPerformance).WithReference(leads).WithReference(customers).WithReference(opportunities)
    .WithReference(contracts).WithReference(analytics)
    .WaitFor(identity).WaitFor(teamPerformance).WaitFor(leads).WaitFor(customers).WaitFor(opportunities).WaitFor(contracts).WaitFor(analytics);

// Staff tokens come from identity; every service and the gateway trust it and nothing else.
foreach (var service in new[] { teamPerformance, leads, customers, opportunities, contracts, analytics, gateway })
{
    service.WithReference(identity)
        .WithEnvironment("Auth__Authority", identity.GetEndpoint("http"))
        .WithEnvironment("Auth__RequireHttpsMetadata", "false");
}

var app = builder.Build();
app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SalesPlatform").LogInformation(
    "Gateway http://127.0.0.1:{GatewayPort} · demo users (password {Password}): {Users} · demo partner API key (development only): {ApiKey}",
    5000 + settings.PortOffset, SalesPlatform.ServiceDefaults.DemoOrganization.Password,
    string.Join(", ", SalesPlatform.ServiceDefaults.DemoOrganization.People.Select(p => p.Email)), secrets.DemoPartnerApiKey);
app.Run();
