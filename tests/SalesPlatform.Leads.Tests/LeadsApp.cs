using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.FakeTeamPerformance;
using SalesPlatform.Messaging;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Tests;

/// <summary>
/// One leads service per test class on real PostgreSQL/Redis/RabbitMQ (its own database, vhost and
/// Redis db), wired to an in-test team-performance gRPC server. Subclasses change settings or the clock.
/// </summary>
public class LeadsApp : InfrastructureFixture
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static readonly Guid EastRep = Guid.CreateVersion7();
    public static readonly Guid EastRep2 = Guid.CreateVersion7();
    public static readonly Guid ChannelRep = Guid.CreateVersion7();
    public static readonly Guid Supervisor = Guid.CreateVersion7();

    public FakeTeamPerformanceServer TeamPerformance { get; private set; } = null!;
    public WebApplicationFactory<LeadsServiceMarker> Factory { get; private set; } = null!;

    /// <summary>The clock the service uses; a <see cref="FakeTimeProvider"/> in classes that test SLAs.</summary>
    public virtual TimeProvider Clock => TimeProvider.System;

    public DeliveryLog Deliveries { get; } = new();

    /// <summary>Publishes on the real broker and waits until the service has consumed this delivery.</summary>
    public Task PublishAndWaitAsync<T>(T message) where T : SalesPlatform.Events.IntegrationEvent =>
        Deliveries.PublishAndWaitAsync(Factory.Services.GetRequiredService<MassTransit.IBus>(), message);

    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        TeamPerformance = await FakeTeamPerformanceServer.StartAsync();
        TeamPerformance.Assignees.AddRange(
        [
            new FakeAssignee(EastRep, "East rep", 3, 50, "East China", "manufacturing"),
            new FakeAssignee(EastRep2, "East rep 2", 7, 50, "East China", "manufacturing"),
            new FakeAssignee(ChannelRep, "Channel rep", 1, 50, Specialty: "channel"),
        ]);
        TeamPerformance.Subtrees[Supervisor] = [EastRep, EastRep2];

        var settings = new Dictionary<string, string?>(TestTokens.AuthSettings())
        {
            ["ConnectionStrings:leadsdb"] = Database,
            ["ConnectionStrings:redis"] = Redis,
            ["ConnectionStrings:rabbitmq"] = RabbitMq,
            ["Database:MigrateOnStartup"] = "true",
            ["services:teamperformance:grpc:0"] = TeamPerformance.Address,
            ["TeamDirectory:Deadline"] = "00:00:01",
            ["TeamDirectory:CacheDuration"] = "00:00:01",
            ["Jobs:SlaScan:Enabled"] = "false",
            ["Jobs:AssignmentQueue:Enabled"] = "false",
            ["Jobs:ImportQueue:Enabled"] = "false",
            ["Jobs:PoolReturn:Enabled"] = "false",
            ["Leads:Imports:ChunkSize"] = "4",
        };
        Configure(settings);

        Factory = new WebApplicationFactory<LeadsServiceMarker>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(services =>
            {
                services.Configure<MassTransit.MassTransitHostOptions>(o => o.WaitUntilStarted = true);
                services.AddSingleton(Deliveries);
                services.AddConsumeObserver<DeliveryObserver>();
                if (Clock != TimeProvider.System)
                {
                    services.AddSingleton(Clock);
                }

                ConfigureServices(services);
            });
        });
        _ = Factory.Server; // start now: migrations run here, not inside the first test
        // The first call after start pays for JIT and the HTTP/2 connection (about 1 s on a loaded 2-core
        // machine): make it here, so no test meets it with a 1 s deadline.
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                await ServiceAsync<SalesPlatform.Leads.Assignment.LeadAssigner, object>(async a =>
                    await a.FindAssigneesAsync(new SalesPlatform.Leads.Domain.AssigneeQuery("", "", "", "", ""), 1, CancellationToken.None));
                return true;
            }
            catch (SalesPlatform.ServiceDefaults.TeamPerformanceUnavailableException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "the fake team performance server answers");
    }

    public override async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await TeamPerformance.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>An HTTP client with a token for <paramref name="role"/>.</summary>
    public HttpClient Client(string role, Guid? person = null, Guid? partner = null)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestTokens.Create(role, person, partner, lifetime: TimeSpan.FromDays(3)));
        return client;
    }

    public async Task<T> DbAsync<T>(Func<LeadsDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LeadsDbContext>());
    }

    public async Task<T> ServiceAsync<TService, T>(Func<TService, Task<T>> run) where TService : notnull
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Outbox events of type <typeparamref name="TEvent"/> (by simple name) about <paramref name="leadId"/>.</summary>
    public Task<List<JsonElement>> EventsAsync<TEvent>(Guid leadId) => DbAsync(async db =>
    {
        var type = typeof(TEvent).FullName!;
        var payloads = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == type).Select(m => m.Payload).ToListAsync();
        return payloads.Select(p => JsonDocument.Parse(p).RootElement)
            .Where(e => e.GetProperty("leadId").GetGuid() == leadId).ToList();
    });

    /// <summary>A valid capture body; East China manufacturing, CFO with a confirmed budget: grade A.</summary>
    public static object LeadBody(string email, string region = "East China", string industry = "manufacturing", Guid? partner = null,
        string title = "CFO", bool confirmed = true, string source = "web-form", string? province = "Jiangsu", string? city = "Suzhou") => new
    {
        source,
        campaign = "spring",
        partnerId = partner,
        company = new { name = "Acme " + email, industry, size = "1000+", region, province, city },
        contact = new { name = "Li Wei", title, email, phone = (string?)null },
        budget = new { amount = 800000, currency = "CNY", confirmed },
        expectedStart = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)),
        purchasingCycle = "annual-budget",
        consent = new { lawfulBasis = "consent", optOut = false },
    };
}

public static class HttpExtensions
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(LeadsApp.Json));

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string url, object body, System.Net.HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync(url, body, LeadsApp.Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {url}: expected {expected}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {expected}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
