using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Customers.Data;
using SalesPlatform.Events;
using SalesPlatform.Leads.FakeTeamPerformance;
using SalesPlatform.Testing;

namespace SalesPlatform.Customers.Tests;

/// <summary>
/// One customers host per test class on its own database, vhost and Redis db (real servers), with a fake
/// team performance on loopback for managers' subtrees; helpers for tokens, the broker and the database.
/// </summary>
public class CustomersApp : InfrastructureFixture
{
    public static readonly Guid Manager = Guid.CreateVersion7(), RepA = Guid.CreateVersion7(), RepB = Guid.CreateVersion7();

    /// <summary>The manager's unit (RepA's), and a unit outside the manager's reach (RepB's).</summary>
    public static readonly Guid TeamUnit = Guid.CreateVersion7(), OtherUnit = Guid.CreateVersion7();

    public WebApplicationFactory<CustomersServiceMarker> Factory { get; private set; } = null!;

    public FakeTeamPerformanceServer TeamPerformance { get; private set; } = null!;

    public DeliveryLog Deliveries { get; } = new();

    /// <summary>The service's clock (a fake one in SLA tests).</summary>
    public virtual TimeProvider Clock => TimeProvider.System;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        TeamPerformance = await FakeTeamPerformanceServer.StartAsync();
        TeamPerformance.Subtrees[Manager] = [RepA];
        TeamPerformance.SubtreeUnits[Manager] = [TeamUnit];
        TeamPerformance.UnitMembers[TeamUnit] = [Manager, RepA];
        TeamPerformance.UnitMembers[OtherUnit] = [RepB];
        Factory = new WebApplicationFactory<CustomersServiceMarker>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("ConnectionStrings:customersdb", Database);
            host.UseSetting("ConnectionStrings:redis", Redis);
            host.UseSetting("ConnectionStrings:rabbitmq", RabbitMq);
            host.UseSetting("Database:MigrateOnStartup", "true");
            host.UseSetting("Logging:LogLevel:Default", "Warning");
            host.UseSetting("services:teamperformance:grpc:0", TeamPerformance.Address);
            host.UseSetting("TeamDirectory:CacheDuration", "00:00:01");
            host.UseSetting("Messaging:Outbox:PollInterval", "00:00:00.050");
            foreach (var job in new[] { "ComplaintSlaScan", "SegmentationRun", "CustomerPoolReclaim", "ChurnScan", "SpotCheckDraw" })
            {
                host.UseSetting($"Jobs:{job}:Enabled", "false");
            }

            foreach (var (key, value) in TestTokens.AuthSettings())
            {
                host.UseSetting(key, value);
            }

            host.ConfigureServices(services =>
            {
                services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
                services.AddSingleton(Deliveries);
                services.AddConsumeObserver<DeliveryObserver>();
                if (Clock != TimeProvider.System)
                {
                    services.AddSingleton(Clock);
                }
            });
        });
        _ = Factory.Server;
    }

    public override async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await TeamPerformance.DisposeAsync();
        await base.DisposeAsync();
    }

    public HttpClient Client(string role, Guid? personId = null, Guid? partnerId = null)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(role, personId, partnerId));
        return client;
    }

    /// <summary>Publishes on the real broker and waits until the service has consumed this delivery (the n-th of this event id).</summary>
    public Task PublishAndWaitAsync<T>(T message) where T : IntegrationEvent =>
        Deliveries.PublishAndWaitAsync(Factory.Services.GetRequiredService<IBus>(), message);

    /// <summary>Runs one round of a scheduled job now.</summary>
    public async Task<int> RunAsync<TJob>() where TJob : SalesPlatform.ServiceDefaults.IScheduledJob
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TJob>().RunOnceAsync(CancellationToken.None);
    }

    /// <summary>Saves a policy as an admin would.</summary>
    public Task SavePolicyAsync<T>(T policy) where T : class, SalesPlatform.Domain.IPolicy<T> =>
        WithDbAsync(async db => await SalesPlatform.ServiceDefaults.PolicyStore.SaveAsync(db, policy, null, "test", "test", Clock.GetUtcNow(), CancellationToken.None));

    /// <summary>Creates a customer as <paramref name="client"/> and returns its id.</summary>
    public static async Task<Guid> CreateCustomerAsync(HttpClient client, string name, string? industry = null)
    {
        using var response = await client.PostAsJsonAsync("/api/customers", new { name, industry });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await ReadAsync(response)).GetProperty("id").GetGuid();
    }

    public async Task<TResult> WithDbAsync<TResult>(Func<CustomersDbContext, Task<TResult>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CustomersDbContext>());
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());
}
