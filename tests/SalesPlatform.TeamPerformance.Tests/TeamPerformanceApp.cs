using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Events;
using SalesPlatform.Protos.TeamPerformance;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests;

/// <summary>
/// One team performance host per test class on that class's own database, vhost and Redis db (real servers),
/// migrated and seeded with the demo organisation; helpers for tokens, the broker, the database and gRPC.
/// </summary>
public class TeamPerformanceApp : InfrastructureFixture
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public WebApplicationFactory<TeamPerformanceMarker> Factory { get; private set; } = null!;

    public DeliveryLog Deliveries { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Factory = new WebApplicationFactory<TeamPerformanceMarker>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("ConnectionStrings:teamperformancedb", Database);
            host.UseSetting("ConnectionStrings:redis", Redis);
            host.UseSetting("ConnectionStrings:rabbitmq", RabbitMq);
            host.UseSetting("Database:MigrateOnStartup", "true");
            host.UseSetting("Logging:LogLevel:Default", "Warning");
            host.UseSetting("Seed:DemoData", "true");
            host.UseSetting("Jobs:ImprovementPlans:Enabled", "false");
            host.UseSetting("Messaging:Outbox:PollInterval", "00:00:00.050");
            host.UseSetting("Messaging:RetryLimit", "2");
            foreach (var (key, value) in TestTokens.AuthSettings())
            {
                host.UseSetting(key, value);
            }

            // Consumers' queues must exist before a test publishes.
            host.ConfigureServices(services =>
            {
                services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
                services.AddSingleton(Deliveries);
                services.AddConsumeObserver<DeliveryObserver>();
            });
        });
        _ = Factory.Server;
    }

    public override async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await base.DisposeAsync();
    }

    public HttpClient Client(string role, Guid? personId = null, Guid? partnerId = null, string? name = null)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(role, personId, partnerId, name));
        return client;
    }

    public HttpClient Admin() => Client(Roles.Admin, DemoOrganization.Admin.Id);

    public async Task PublishAsync<T>(T message) where T : IntegrationEvent =>
        await Factory.Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>Publishes on the real broker and waits until the consumer has finished with this delivery (the n-th of this event id).</summary>
    public Task PublishAndWaitAsync<T>(T message) where T : IntegrationEvent =>
        Deliveries.PublishAndWaitAsync(Factory.Services.GetRequiredService<IBus>(), message);

    public async Task<TResult> WithDbAsync<TResult>(Func<TeamPerformanceDbContext, Task<TResult>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TeamPerformanceDbContext>());
    }

    public async Task WithDbAsync(Func<TeamPerformanceDbContext, Task> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TeamPerformanceDbContext>());
    }

    /// <summary>A gRPC invoker over the test server (the proto is compiled server-side only, so calls are built from the message types).</summary>
    public CallInvoker Grpc() =>
        GrpcChannel.ForAddress(Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Factory.Server.CreateHandler() })
            .CreateCallInvoker();

    public static Method<TRequest, TResponse> GrpcMethod<TRequest, TResponse>(string name, MessageParser<TResponse> parser)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse> =>
        new(MethodType.Unary, "salesplatform.teamperformance.v1.TeamPerformance", name,
            Marshallers.Create((TRequest r) => r.ToByteArray(), _ => throw new NotSupportedException()),
            Marshallers.Create((TResponse r) => r.ToByteArray(), parser.ParseFrom));

    public static readonly Method<FindAssigneesRequest, FindAssigneesResponse> FindAssignees =
        GrpcMethod<FindAssigneesRequest, FindAssigneesResponse>("FindAssignees", FindAssigneesResponse.Parser);

    public static readonly Method<GetSubtreeRequest, GetSubtreeResponse> GetSubtree =
        GrpcMethod<GetSubtreeRequest, GetSubtreeResponse>("GetSubtree", GetSubtreeResponse.Parser);

    public static readonly Method<GetCoverageRequest, GetCoverageResponse> GetCoverage =
        GrpcMethod<GetCoverageRequest, GetCoverageResponse>("GetCoverage", GetCoverageResponse.Parser);

    public static readonly Method<GetUnitMembersRequest, GetUnitMembersResponse> GetUnitMembers =
        GrpcMethod<GetUnitMembersRequest, GetUnitMembersResponse>("GetUnitMembers", GetUnitMembersResponse.Parser);

    public static readonly Method<GetRoleMembersRequest, GetRoleMembersResponse> GetRoleMembers =
        GrpcMethod<GetRoleMembersRequest, GetRoleMembersResponse>("GetRoleMembers", GetRoleMembersResponse.Parser);

    public static readonly Method<GetPersonRequest, Person> GetPerson = GrpcMethod<GetPersonRequest, Person>("GetPerson", Person.Parser);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }
}

/// <summary>Counts finished deliveries per event id (after the consumer's transaction committed or faulted).</summary>
