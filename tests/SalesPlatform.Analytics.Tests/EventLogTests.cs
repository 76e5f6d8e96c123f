using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Analytics.Consumers;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Events.Opportunities;

namespace SalesPlatform.Analytics.Tests;

/// <summary>The event log from the real broker: every event type, once per event id; the series forecast over HTTP.</summary>
public sealed class EventLogTests(AnalyticsApp app) : IClassFixture<AnalyticsApp>
{
    [Fact]
    public async Task EveryEventType_IsLoggedOncePerEventId_WhateverTheRedeliveries()
    {
        var signed = new ContractSigned(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AnalyticsApp.RepA, new Money(1_000m, "CNY"), DateTimeOffset.UtcNow, null);
        var won = new OpportunityWon(Guid.NewGuid(), Guid.NewGuid(), AnalyticsApp.RepA, new Money(1_000m, "CNY"), DateTimeOffset.UtcNow, null, null, true);

        await app.PublishAndWaitAsync(signed);
        await app.PublishAndWaitAsync(signed);
        await app.PublishAndWaitAsync(won);

        var logged = await app.WithDbAsync(db => db.EventLog.AsNoTracking().Where(e => e.EventId == signed.EventId || e.EventId == won.EventId).ToListAsync());
        Assert.Equal(2, logged.Count);
        Assert.Equal(typeof(ContractSigned).FullName, logged.Single(e => e.EventId == signed.EventId).Type);
        Assert.Contains("\"contractId\"", logged.Single(e => e.EventId == signed.EventId).Payload);
        Assert.Contains(typeof(SalesPlatform.Events.Leads.LeadConverted), EventLog.EventTypes);
        var page = await AnalyticsApp.ReadAsync(await app.Client(Roles.Analyst, Guid.CreateVersion7()).GetAsync("/api/analytics/events?type=ContractSigned"));
        Assert.Contains(page.GetProperty("items").EnumerateArray(), e => e.GetProperty("eventId").GetGuid() == signed.EventId);
        using var rep = await app.Rep().GetAsync("/api/analytics/events");
        Assert.Equal(HttpStatusCode.Forbidden, rep.StatusCode);
    }

    [Fact]
    public async Task SeriesForecast_AnswersTheModelCandidatesAndForecast_AndNamesBadFields()
    {
        double[] season = [80, 70, 95, 100, 105, 110, 100, 98, 104, 112, 125, 140];
        var values = Enumerable.Range(0, 3).SelectMany(_ => season).ToArray();

        var result = await AnalyticsApp.ReadAsync(await app.Rep().PostAsJsonAsync("/api/analytics/forecast/series", new { values, seasonLength = 12, horizon = 12 }));
        using var bad = await app.Rep().PostAsJsonAsync("/api/analytics/forecast/series", new { values = new[] { 1.0 }, seasonLength = 0, horizon = 100 });

        Assert.False(string.IsNullOrEmpty(result.GetProperty("model").GetString()));
        Assert.Equal(12, result.GetProperty("forecast").GetArrayLength());
        Assert.All(result.GetProperty("candidates").EnumerateArray(), c => Assert.True(c.TryGetProperty("mase", out _) && c.TryGetProperty("mape", out _)));
        var first = result.GetProperty("forecast")[0];
        Assert.True(first.GetProperty("lower").GetDouble() <= first.GetProperty("value").GetDouble());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.Content.ReadAsStringAsync();
        Assert.Contains("values", text);
        Assert.Contains("seasonLength", text);
        Assert.Contains("horizon", text);
    }
}
