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
using SalesPlatform.Analytics.Data;
using SalesPlatform.Testing;

namespace SalesPlatform.Analytics.Tests;

/// <summary>
/// One analytics host per test class on its own database, vhost and Redis db (real servers), on a fake clock, with a fake team
/// performance for managers' subtrees; helpers for tokens, the broker and the database.
/// </summary>
public sealed class AnalyticsApp : InfrastructureFixture
{
    public static readonly Guid Manager = Guid.CreateVersion7(), RepA = Guid.CreateVersion7(), RepB = Guid.CreateVersion7(), Presales = Guid.CreateVersion7();

    public WebApplicationFactory<AnalyticsServiceMarker> Factory { get; private set; } = null!;

    public FakeTeamPerformanceServer TeamPerformance { get; private set; } = null!;

    public DeliveryLog Deliveries { get; } = new();

    /// <summary>Monday 2 November 2026, 09:00 Beijing time.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        TeamPerformance = await FakeTeamPerformanceServer.StartAsync();
        TeamPerformance.Subtrees[Manager] = [RepA];
        Factory = new WebApplicationFactory<AnalyticsServiceMarker>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("ConnectionStrings:analyticsdb", Database);
            host.UseSetting("ConnectionStrings:redis", Redis);
            host.UseSetting("ConnectionStrings:rabbitmq", RabbitMq);
            host.UseSetting("Database:MigrateOnStartup", "true");
            host.UseSetting("Logging:LogLevel:Default", "Warning");
            host.UseSetting("services:teamperformance:grpc:0", TeamPerformance.Address);
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

    public async Task<TResult> WithDbAsync<TResult>(Func<AnalyticsDbContext, Task<TResult>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>());
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
}
