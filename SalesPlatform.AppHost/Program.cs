using SalesPlatform.AppHost;

// The platform on one machine, declared the way a .NET Aspire AppHost reads (docs/decisions/0004).
// Every service gets its configuration as environment variables: ConnectionStrings__*,
// services__<name>__<endpoint>__<i> (service discovery), Kestrel endpoints and OTEL_*.
AppHostOptions options;
try
{
    options = AppHostOptions.Parse(args, RepositoryRoot.Find());
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var app = new DistributedApplication(options);
var secrets = DevelopmentSecrets.LoadOrCreate(options.DataDirectory);

// Infrastructure: PostgreSQL (one database per service), Redis, RabbitMQ.
var identityDb = app.AddDatabase("identitydb");
var teamPerformanceDb = app.AddDatabase("teamperformancedb");
var leadsDb = app.AddDatabase("leadsdb");

// Services, in the order they can start.
var teamPerformance = app.AddProject("teamperformance", "services/SalesPlatform.TeamPerformance", httpPort: 5301, grpcPort: 5302)
    .WithConnection(teamPerformanceDb, "redis", "rabbitmq");

var identity = app.AddProject("identity", "services/SalesPlatform.Identity", httpPort: 5100)
    .WithConnection(identityDb, "redis")
    .WithReference(teamPerformance)
    .WithEnvironment("Identity__GatewayClientSecret", secrets.GatewayClientSecret)
    .WithEnvironment("Identity__DevelopmentKeysDirectory", Path.Combine(options.DataDirectory, "identity-keys"))
    .WithEnvironment("Seed__DemoPartnerApiKey", secrets.DemoPartnerApiKey)
    .WithEnvironment("Seed__DemoPartnerClientSecret", secrets.DemoPartnerClientSecret);

var leads = app.AddProject("leads", "services/SalesPlatform.Leads", httpPort: 5201, grpcPort: 5202)
    .WithConnection(leadsDb, "redis", "rabbitmq")
    .WithReference(teamPerformance)
    .WaitFor(teamPerformance);

var gateway = app.AddProject("gateway", "gateway/SalesPlatform.Gateway", httpPort: options.GatewayPort)
    .WithConnection("redis")
    .WithEnvironment("ApiKeys__ClientSecret", secrets.GatewayClientSecret)
    .WithReference(identity, teamPerformance, leads)
    .WaitFor(identity, teamPerformance, leads);

// Staff tokens come from the identity service; every service (and the gateway, for per-user rate
// limits) validates them itself.
foreach (var service in new[] { teamPerformance, leads, gateway })
{
    service.WithReference(identity)
        .WithEnvironment("Auth__Authority", identity.HttpUrl(0))
        .WithEnvironment("Auth__RequireHttpsMetadata", "false");
}

return await app.RunAsync();
