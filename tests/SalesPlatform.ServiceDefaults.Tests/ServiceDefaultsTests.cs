using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Testing;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults.Tests;

public sealed class ServiceDefaultsTests(InfrastructureFixture infra) : IClassFixture<InfrastructureFixture>
{
    private static void MapProbes(WebApplication app)
    {
        app.MapGet("/rule", () => { throw new BusinessRuleException("probe.rule", "Stage 3 needs a needs-analysis record."); });
        app.MapGet("/conflict", () => { throw new ConflictException("probe.conflict", "Already converted."); });
        app.MapGet("/missing/{id:guid}", (Guid id) => { throw new NotFoundException("Lead", id); });
        app.MapGet("/forbidden", () => { throw new ForbiddenException("Only the owner may do this."); });
        app.MapGet("/invalid", () => { throw new RequestValidationException("email", "The e-mail address is not valid."); });
        app.MapGet("/crash", () => { throw new InvalidOperationException("secret internals"); });
        app.MapGet("/me", (Caller caller) => new { caller.PersonId, Roles = caller.Roles.Order().ToArray(), caller.PartnerId, caller.IsManager });
        app.MapGet("/admin-only", () => "ok").RequireAuthorization(Policies.Admin);
        app.MapGet("/rep-only", () => "ok").RequireAuthorization(Roles.Rep);
        app.MapGet("/staff-only", () => "ok").RequireAuthorization(Policies.Staff);
        app.MapPost("/probe-body", (ProbeBody body) => TypedResults.Ok(body))
            .WithRequestExample(new { company = "Suzhou Example Co", amount = 500000m })
            .WithResponseExample(200, new { company = "Suzhou Example Co", amount = 500000m });
        app.MapGet("/call-downstream", async (IHttpClientFactory factory) =>
            await factory.CreateClient("downstream").GetStringAsync("/echo"));
    }

    [Fact]
    public async Task Health_WhenDatabaseAndRedisAreUp_Returns200ForAnonymousCaller()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, MapProbes);

        var health = await app.Client().GetAsync("/health");
        var alive = await app.Client().GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var body = await health.Content.ReadAsStringAsync();
        Assert.Contains("probedb", body);
        Assert.Contains("redis", body);
    }

    [Fact]
    public async Task Health_WhenRedisIsUnreachable_Returns503ButAliveStays200()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, "127.0.0.1:1,connectTimeout=200", MapProbes);

        var health = await app.Client().GetAsync("/health");
        var alive = await app.Client().GetAsync("/alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var report = System.Text.Json.JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        var redis = report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "redis");
        Assert.Equal("Unhealthy", redis.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Theory]
    [InlineData("/rule", 422, "probe.rule")]
    [InlineData("/conflict", 409, "probe.conflict")]
    [InlineData("/missing/0195f3c4-0000-7000-8000-000000000001", 404, null)]
    [InlineData("/forbidden", 403, null)]
    [InlineData("/invalid", 400, null)]
    public async Task DomainException_IsMappedToProblemDetails(string path, int status, string? code)
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, MapProbes);

        var response = await app.Client(Roles.Rep, Guid.CreateVersion7()).GetAsync(path);

        Assert.Equal(status, response.Code());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("correlationId", out _));
        if (code is not null)
        {
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        }

        if (status == 400)
        {
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("email", out _));
        }
    }

    [Fact]
    public async Task UnexpectedException_Returns500ProblemWithoutInternals()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, MapProbes);

        var response = await app.Client(Roles.Rep, Guid.CreateVersion7()).GetAsync("/crash");

        Assert.Equal(500, response.Code());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("secret internals", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Endpoint_WithoutToken_Returns401()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, MapProbes);

        Assert.Equal(401, (await app.Client().GetAsync("/me")).Code());
        Assert.Equal(401, (await app.Client().GetAsync("/rule")).Code());
    }

    [Fact]
    public async Task Endpoint_WithTokenSignedByAnotherKey_Returns401()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, MapProbes);
        var client = app.Client();
        var forged = TestTokens.Create(Roles.Admin, Guid.CreateVersion7()) + "x";
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forged);

        Assert.Equal(401, (await client.GetAsync("/me")).Code());
    }

    [Theory]
    [InlineData(Roles.Rep, "/admin-only", 403)]
    [InlineData(Roles.Admin, "/admin-only", 200)]
    [InlineData(Roles.Rep, "/rep-only", 200)]
    [InlineData(Roles.Admin, "/rep-only", 200)]
    [InlineData(Roles.Finance, "/rep-only", 403)]
    [InlineData(Roles.Finance, "/staff-only", 200)]
    [InlineData(Roles.Partner, "/staff-only", 403)]
    public async Task RolePolicy_DecidesByRole(string role, string path, int expected)
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, MapProbes);
        var partner = role == Roles.Partner ? Guid.CreateVersion7() : (Guid?)null;

        var response = await app.Client(role, role == Roles.Partner ? null : Guid.CreateVersion7(), partner).GetAsync(path);

        Assert.Equal(expected, response.Code());
    }

    [Fact]
    public async Task Caller_IsBoundFromToken()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, MapProbes);
        var person = Guid.CreateVersion7();

        var me = await app.Client(Roles.CitySupervisor, person).GetFromJsonAsync<JsonElement>("/me");

        Assert.Equal(person, me.GetProperty("personId").GetGuid());
        Assert.Equal(Roles.CitySupervisor, me.GetProperty("roles")[0].GetString());
        Assert.True(me.GetProperty("isManager").GetBoolean());
    }

    [Fact]
    public async Task CorrelationId_IsEchoedAndSentDownstream()
    {
        await using var echo = await DefaultsTestApp.StartEchoServerAsync();
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, MapProbes, echo.Address());
        var client = app.Client(Roles.Rep, Guid.CreateVersion7());
        client.DefaultRequestHeaders.Add(CorrelationContext.HeaderName, "order-4711");

        var response = await client.GetAsync("/call-downstream");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("order-4711", response.Headers.GetValues(CorrelationContext.HeaderName).Single());
        // The downstream server saw the same id: discovery resolved "downstream" and the handler carried the header.
        Assert.Equal("order-4711", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_IsAnonymousAndCarriesEndpointExamples()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, MapProbes);

        var response = await app.Client().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operation = document.RootElement.GetProperty("paths").GetProperty("/probe-body").GetProperty("post");
        var request = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("Suzhou Example Co", request.GetProperty("company").GetString());
        var ok = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal(500000m, ok.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task CorrelationId_WhenAbsent_IsGenerated()
    {
        await using var app = await DefaultsTestApp.StartAsync(infra.Database, infra.Redis, MapProbes);

        var response = await app.Client().GetAsync("/alive");

        Assert.False(string.IsNullOrWhiteSpace(response.Headers.GetValues(CorrelationContext.HeaderName).Single()));
    }
}

public sealed record ProbeBody(string Company, decimal Amount);
