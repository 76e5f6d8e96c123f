using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults.Tests;

/// <summary>A POST retried with the same Idempotency-Key is done once (Redis-backed, shared by replicas).</summary>
public sealed class IdempotencyTests(InfrastructureFixture infra) : IClassFixture<InfrastructureFixture>
{
    private sealed record Order(string Customer, decimal Amount);

    private int created;
    private int slowEntered;
    private readonly SemaphoreSlim slow = new(0);

    private void Map(WebApplication app)
    {
        app.MapPost("/orders", (Order order) =>
        {
            var number = Interlocked.Increment(ref created);
            return TypedResults.Created($"/orders/{number}", new { number, order.Customer });
        });
        app.MapPost("/slow", async () =>
        {
            Interlocked.Increment(ref slowEntered);
            await slow.WaitAsync(TimeSpan.FromSeconds(10));
            return TypedResults.Ok();
        });
        app.MapPost("/fails", () => Interlocked.Increment(ref created) > 0 ? Results.StatusCode(503) : Results.Ok());
    }

    private static HttpRequestMessage Post(string path, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add(IdempotencyMiddleware.HeaderName, key);
        }

        return request;
    }

    [Fact]
    public async Task Post_SameKeyAndBodyTwice_IsDoneOnceAndAnsweredAlike()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, Map);
        var client = app.Client("rep");
        var key = Guid.NewGuid().ToString();

        using var first = await client.SendAsync(Post("/orders", new Order("苏州精密", 500_000m), key));
        using var retry = await client.SendAsync(Post("/orders", new Order("苏州精密", 500_000m), key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", retry.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.Equal(1, created);
    }

    [Fact]
    public async Task Post_SameKeyAnotherBody_Returns422AndDoesNothing()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, Map);
        var client = app.Client("rep");
        var key = Guid.NewGuid().ToString();

        using var first = await client.SendAsync(Post("/orders", new Order("A", 1m), key));
        using var other = await client.SendAsync(Post("/orders", new Order("B", 2m), key));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("idempotency.key-reused", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, created);
    }

    [Fact]
    public async Task Post_WithoutKeyOrFromAnotherCaller_IsDoneEachTime()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, Map);
        var key = Guid.NewGuid().ToString();

        using var a = await app.Client("rep").SendAsync(Post("/orders", new Order("A", 1m), null));
        using var b = await app.Client("rep").SendAsync(Post("/orders", new Order("A", 1m), null));
        using var c = await app.Client("rep").SendAsync(Post("/orders", new Order("A", 1m), key));
        using var d = await app.Client("rep").SendAsync(Post("/orders", new Order("A", 1m), key)); // another person: own key space

        Assert.Equal(4, created);
    }

    [Fact]
    public async Task Post_WhileTheFirstIsRunning_Returns409WithRetryAfter()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, Map);
        var personId = Guid.CreateVersion7();
        var key = Guid.NewGuid().ToString();

        var running = app.Client("rep", personId).SendAsync(Post("/slow", new { }, key));
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref slowEntered) == 1), TimeSpan.FromSeconds(5),
            "the first request is being handled");
        using var second = await app.Client("rep", personId).SendAsync(Post("/slow", new { }, key));
        slow.Release();
        using var first = await running;

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("1", second.Headers.RetryAfter!.ToString());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task Post_WhoseFirstAnswerWas5xx_RunsAgainOnRetry()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, Map);
        var client = app.Client("rep");
        var key = Guid.NewGuid().ToString();

        using var first = await client.SendAsync(Post("/fails", new { }, key));
        using var retry = await client.SendAsync(Post("/fails", new { }, key));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, retry.StatusCode);
        Assert.Equal(2, created);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("中文")]
    public async Task Post_WithAMalformedKey_Returns400NamingTheHeader(string key)
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, Map);
        var request = Post("/orders", new Order("A", 1m), null);
        request.Headers.TryAddWithoutValidation(IdempotencyMiddleware.HeaderName, key);

        using var response = await app.Client("rep").SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(IdempotencyMiddleware.HeaderName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, created);
    }

    [Fact]
    public async Task OpenApi_PostOperations_DocumentTheHeader()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, Map);

        var document = await app.Client().GetStringAsync("/openapi/v1.json");

        Assert.Contains(IdempotencyMiddleware.HeaderName, document, StringComparison.Ordinal);
    }
}
