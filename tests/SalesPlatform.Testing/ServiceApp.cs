using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Leads.FakeTeamPerformance;

namespace SalesPlatform.Testing;

/// <summary>
/// One service host per test class on its own database, vhost and Redis db (real servers), on a fake clock, with a fake team performance on
/// loopback (a manager over RepA); helpers for tokens, the broker, the database, policies and the outbox. A service's fixture derives from it
/// with its database's connection name and adds its own fakes and settings in <see cref="ConfigureAsync"/>.
/// </summary>
public abstract class ServiceApp<TMarker, TDbContext>(string database) : InfrastructureFixture where TMarker : class where TDbContext : DbContext
{
    /// <summary>A manager over <see cref="RepA"/>; two reps; a presales engineer.</summary>
    public static readonly Guid Manager = Guid.CreateVersion7(), RepA = Guid.CreateVersion7(), RepB = Guid.CreateVersion7(), Presales = Guid.CreateVersion7();

    /// <summary>The host.</summary>
    public WebApplicationFactory<TMarker> Factory { get; private set; } = null!;

    /// <summary>The fake team performance (subtrees, units, roles).</summary>
    public FakeTeamPerformanceServer TeamPerformance { get; private set; } = null!;

    /// <summary>What the host consumed.</summary>
    public DeliveryLog Deliveries { get; } = new();

    /// <summary>Monday 2 November 2026, 09:00 Beijing time.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

    /// <summary>The service's own settings and fakes (started here), before the host starts.</summary>
    protected virtual Task ConfigureAsync(IDictionary<string, string?> settings) => Task.CompletedTask;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        TeamPerformance = await FakeTeamPerformanceServer.StartAsync();
        TeamPerformance.Subtrees[Manager] = [RepA];
        var settings = new Dictionary<string, string?>(TestTokens.AuthSettings())
        {
            [$"ConnectionStrings:{database}"] = Database, ["ConnectionStrings:redis"] = Redis, ["ConnectionStrings:rabbitmq"] = RabbitMq,
            ["Database:MigrateOnStartup"] = "true", ["Logging:LogLevel:Default"] = "Warning", ["services:teamperformance:grpc:0"] = TeamPerformance.Address,
            ["TeamDirectory:CacheDuration"] = "00:00:01", ["Messaging:Outbox:PollInterval"] = "00:00:00.050",
        };
        await ConfigureAsync(settings);
        Factory = new WebApplicationFactory<TMarker>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
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

    /// <summary>Stops the fakes the service's fixture started.</summary>
    protected virtual ValueTask StopFakesAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await TeamPerformance.DisposeAsync();
        await StopFakesAsync();
        await base.DisposeAsync();
    }

    /// <summary>A client with a token of <paramref name="role"/>.</summary>
    public HttpClient Client(string role, Guid? personId = null, Guid? partnerId = null)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(role, personId, partnerId));
        return client;
    }

    /// <summary>RepA's client.</summary>
    public HttpClient Rep() => Client(Roles.Rep, RepA);

    /// <summary>An admin's client.</summary>
    public HttpClient Admin() => Client(Roles.Admin, Guid.CreateVersion7());

    /// <summary>Publishes on the real broker and waits until the host consumed this delivery.</summary>
    public Task PublishAndWaitAsync<T>(T message) where T : IntegrationEvent =>
        Deliveries.PublishAndWaitAsync(Factory.Services.GetRequiredService<IBus>(), message);

    /// <summary>Runs <paramref name="work"/> on a fresh database context.</summary>
    public async Task<TResult> WithDbAsync<TResult>(Func<TDbContext, Task<TResult>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    /// <summary>Saves a policy as an admin would.</summary>
    public Task SavePolicyAsync<T>(T policy) where T : class, IPolicy<T> =>
        WithDbAsync(async db => await SalesPlatform.ServiceDefaults.PolicyStore.SaveAsync(db, policy, null, "test", "test", Clock.GetUtcNow(), CancellationToken.None));

    /// <summary>The payloads of the outbox rows of an event type that mention <paramref name="id"/>.</summary>
    public Task<List<JsonElement>> EventsAsync<TEvent>(Guid id) => WithDbAsync(async db =>
    {
        var type = typeof(TEvent).FullName;
        var payloads = await db.Set<SalesPlatform.Messaging.OutboxMessage>().Where(m => m.Type == type).Select(m => m.Payload).ToListAsync();
        return payloads.Where(p => p.Contains(id.ToString(), StringComparison.Ordinal)).Select(p => JsonDocument.Parse(p).RootElement).ToList();
    });

    /// <summary>The response body as JSON.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}
