using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Leads.FakeTeamPerformance;
using SalesPlatform.Contracts.Data;
using SalesPlatform.Testing;

namespace SalesPlatform.Contracts.Tests;

/// <summary>
/// One contracts host per test class on its own database, vhost and Redis db (real servers), on a fake clock, with a fake team
/// performance for managers' subtrees; helpers for tokens, the broker and the database.
/// </summary>
public sealed class ContractsApp : InfrastructureFixture
{
    public static readonly Guid Manager = Guid.CreateVersion7(), RepA = Guid.CreateVersion7(), RepB = Guid.CreateVersion7(), Presales = Guid.CreateVersion7();

    public WebApplicationFactory<ContractsServiceMarker> Factory { get; private set; } = null!;

    public FakeTeamPerformanceServer TeamPerformance { get; private set; } = null!;

    public FakeCustomersServer Customers { get; private set; } = null!;

    public FakeOpportunitiesServer Opportunities { get; private set; } = null!;

    public DeliveryLog Deliveries { get; } = new();

    /// <summary>Monday 2 November 2026, 09:00 Beijing time.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        TeamPerformance = await FakeTeamPerformanceServer.StartAsync();
        Customers = await FakeCustomersServer.StartAsync();
        Opportunities = await FakeOpportunitiesServer.StartAsync();
        TeamPerformance.Subtrees[Manager] = [RepA];
        Factory = new WebApplicationFactory<ContractsServiceMarker>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("ConnectionStrings:contractsdb", Database);
            host.UseSetting("ConnectionStrings:redis", Redis);
            host.UseSetting("ConnectionStrings:rabbitmq", RabbitMq);
            host.UseSetting("Database:MigrateOnStartup", "true");
            host.UseSetting("Logging:LogLevel:Default", "Warning");
            host.UseSetting("services:teamperformance:grpc:0", TeamPerformance.Address);
            host.UseSetting("services:customers:grpc:0", Customers.Address);
            host.UseSetting("services:opportunities:grpc:0", Opportunities.Address);
            host.UseSetting("CustomersClient:Deadline", "00:00:01");
            host.UseSetting("Jobs:OverdueProcess:Enabled", "false");
            host.UseSetting("TeamDirectory:CacheDuration", "00:00:01");
            host.UseSetting("Messaging:Outbox:PollInterval", "00:00:00.050");
            foreach (var (key, value) in TestTokens.AuthSettings())
            {
                host.UseSetting(key, value);
            }

            host.ConfigureServices(services =>
            {
                services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
                services.AddSingleton(Deliveries);
                services.AddConsumeObserver<DeliveryObserver>();
                services.AddSingleton<TimeProvider>(Clock);
            });
        });
        _ = Factory.Server;
    }

    public override async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await TeamPerformance.DisposeAsync();
        await Customers.DisposeAsync();
        await Opportunities.DisposeAsync();
        await base.DisposeAsync();
    }

    public HttpClient Client(string role, Guid? personId = null, Guid? partnerId = null)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(role, personId, partnerId));
        return client;
    }

    public HttpClient Rep() => Client(Roles.Rep, RepA);

    public HttpClient Admin() => Client(Roles.Admin, Guid.CreateVersion7());

    public Task PublishAndWaitAsync<T>(T message) where T : IntegrationEvent =>
        Deliveries.PublishAndWaitAsync(Factory.Services.GetRequiredService<IBus>(), message);

    public async Task<TResult> WithDbAsync<TResult>(Func<ContractsDbContext, Task<TResult>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ContractsDbContext>());
    }

    public Task SavePolicyAsync<T>(T policy) where T : class, IPolicy<T> =>
        WithDbAsync(async db => await SalesPlatform.ServiceDefaults.PolicyStore.SaveAsync(db, policy, null, "test", "test", Clock.GetUtcNow(), CancellationToken.None));

    /// <summary>The payloads of the outbox rows of an event type that mention <paramref name="id"/>.</summary>
    public Task<List<JsonElement>> EventsAsync<TEvent>(Guid id) => WithDbAsync(async db =>
    {
        var type = typeof(TEvent).FullName;
        var payloads = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<SalesPlatform.Messaging.OutboxMessage>().Where(m => m.Type == type).Select(m => m.Payload));
        return payloads.Where(p => p.Contains(id.ToString(), StringComparison.Ordinal)).Select(p => JsonDocument.Parse(p).RootElement).ToList();
    });

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A contract drafted by hand for RepA.</summary>
    public async Task<(Guid Id, Guid Customer)> DraftAsync(decimal amount, decimal? deposit = null, Guid? customer = null, Guid? owner = null)
    {
        var customerId = customer ?? Guid.NewGuid();
        using var response = await (owner is null ? Rep() : Admin()).PostAsJsonAsync("/api/contracts", new
        {
            title = "视觉检测工作站采购合同", customerId, customerName = "苏州精密机械有限公司", amount, currency = "CNY", depositShare = deposit, ownerId = owner,
            lines = new[] { new { productCode = "VIS-200", productName = "视觉检测工作站", quantity = 1m, unitPrice = amount } },
        });
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return ((await ReadAsync(response)).GetProperty("id").GetGuid(), customerId);
    }

    /// <summary>Legal's review with every item passed.</summary>
    public async Task PassLegalAsync(Guid id)
    {
        using var response = await Client(Roles.Legal, Guid.CreateVersion7()).PutAsJsonAsync($"/api/contracts/{id}/legal-review", new
        {
            items = new[] { "ip-ownership", "confidentiality", "data-protection", "anti-bribery", "penalty-clauses", "other" }
                .Select(i => new { item = i, passed = true, note = (string?)null }),
        });
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
