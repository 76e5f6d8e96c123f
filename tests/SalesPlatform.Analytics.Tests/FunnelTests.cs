using System.Net;
using System.Net.Http.Json;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Leads;
using SalesPlatform.Events.Opportunities;

namespace SalesPlatform.Analytics.Tests;

/// <summary>The funnel from a hand-made event set: each step's arithmetic, the bottleneck, rebuild equal to live, idempotence, scope.</summary>
public sealed class FunnelTests(AnalyticsApp app) : IClassFixture<AnalyticsApp>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly Money Amount = new(100_000m, "CNY");

    private Task Stage(Guid opportunity, string stage, int day, Guid owner) =>
        app.PublishAndWaitAsync(new OpportunityStageChanged(opportunity, owner, stage, Amount, 0.3m) { OccurredAt = T0.AddDays(day) });

    private static bool seeded;

    public async Task InitializeAsync()
    {
        // xUnit makes a class instance per test; the events go in once per fixture.
        if (seeded)
        {
            return;
        }

        seeded = true;
        var rep = AnalyticsApp.RepA;
        for (var i = 0; i < 5; i++)
        {
            var lead = Guid.NewGuid();
            await app.PublishAndWaitAsync(new LeadCaptured(lead, "web-form", "秋季展会", null, "公司" + i, "manufacturing", null, null, null, 80, "A") { OccurredAt = T0 });
            await app.PublishAndWaitAsync(new LeadAssigned(lead, rep, null, "territory", "A", null, null) { OccurredAt = T0 });
            if (i < 4)
            {
                await app.PublishAndWaitAsync(new LeadConverted(lead, rep, null, "web-form", "秋季展会", "公司" + i, "manufacturing", null, null, null, null, "联系人", null, null, null,
                    null, "商机" + i, null, T0) { OccurredAt = T0.AddDays(1) });
            }
        }

        // Four deals: all enter prospect identification; three reach needs confirmation (one is lost there); two reach solution matching;
        // one reaches decision follow-up and is won.
        var deals = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var deal in deals)
        {
            await app.PublishAndWaitAsync(new OpportunityOpened(deal, Guid.NewGuid(), rep, "商机", Amount, "prospect-identification", 0.1m, null, null, null, "web-form", "秋季展会")
            {
                OccurredAt = T0.AddDays(1),
            });
            await Stage(deal, "prospect-identification", 1, rep);
        }

        await Stage(deals[0], "needs-confirmation", 3, rep);
        await Stage(deals[1], "needs-confirmation", 5, rep);
        await Stage(deals[2], "needs-confirmation", 7, rep);
        await Stage(deals[2], "lost", 9, rep);
        await Stage(deals[0], "solution-matching", 13, rep);
        await Stage(deals[1], "solution-matching", 15, rep);
        await Stage(deals[0], "decision-follow-up", 23, rep);
        await Stage(deals[0], "won", 25, rep);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Url = "/api/analytics/funnel?from=2026-10-01&to=2026-11-30";

    [Fact]
    public async Task Funnel_CountsEnteredAndAdvancedPerStep_AndNamesTheBottleneck()
    {
        var funnel = await AnalyticsApp.ReadAsync(await app.Rep().GetAsync(Url));
        var group = funnel.GetProperty("groups")[0];
        var steps = group.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("step").GetString()!);

        Assert.Equal((5, 4, 0.8m), (steps["lead"].GetProperty("entered").GetInt32(), steps["lead"].GetProperty("advanced").GetInt32(), steps["lead"].GetProperty("conversion").GetDecimal()));
        Assert.Equal((4, 3), (steps["prospect-identification"].GetProperty("entered").GetInt32(), steps["prospect-identification"].GetProperty("advanced").GetInt32()));
        Assert.Equal((3, 2, 0.3333m), (steps["needs-confirmation"].GetProperty("entered").GetInt32(), steps["needs-confirmation"].GetProperty("advanced").GetInt32(),
            steps["needs-confirmation"].GetProperty("leakage").GetDecimal()));
        Assert.Equal((2, 1, 0.5m), (steps["solution-matching"].GetProperty("entered").GetInt32(), steps["solution-matching"].GetProperty("advanced").GetInt32(),
            steps["solution-matching"].GetProperty("conversion").GetDecimal()));
        Assert.Equal((1, 1), (steps["decision-follow-up"].GetProperty("entered").GetInt32(), steps["won"].GetProperty("entered").GetInt32()));
        // Days in needs confirmation: 10, 10 and 2 (lost): median 10; in prospect identification 2, 4, 6 (the fourth never left): median 4.
        Assert.Equal((10.0, 4.0), (steps["needs-confirmation"].GetProperty("medianDays").GetDouble(), steps["prospect-identification"].GetProperty("medianDays").GetDouble()));
        Assert.Equal("solution-matching", group.GetProperty("bottleneck").GetString());
        Assert.Contains("50.0%", group.GetProperty("why").GetString());
    }

    [Fact]
    public async Task Rebuild_FromTheLog_GivesTheSameFunnel_ARedeliveryChangesNothing_AnotherRepSeesNone()
    {
        var before = await (await app.Rep().GetAsync(Url)).Content.ReadAsStringAsync();
        const string wide = "/api/analytics/funnel?from=2026-10-01&to=2027-03-31";
        before = await (await app.Rep().GetAsync(wide)).Content.ReadAsStringAsync();
        var again = new OpportunityStageChanged(Guid.NewGuid(), AnalyticsApp.RepA, "prospect-identification", Amount, 0.1m) { OccurredAt = new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero) };
        await app.PublishAndWaitAsync(again);
        await app.PublishAndWaitAsync(again);
        var withOne = await AnalyticsApp.ReadAsync(await app.Rep().GetAsync(wide));

        using var byRep = await app.Rep().PostAsync("/api/analytics/rebuild", null);
        var rebuilt = await AnalyticsApp.ReadAsync(await app.Admin().PostAsync("/api/analytics/rebuild", null));
        var after = await AnalyticsApp.ReadAsync(await app.Rep().GetAsync(wide));
        var other = await AnalyticsApp.ReadAsync(await app.Client(Roles.Rep, AnalyticsApp.RepB).GetAsync(wide));

        Assert.Equal(5, withOne.GetProperty("groups")[0].GetProperty("steps")[1].GetProperty("entered").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        Assert.True(rebuilt.GetProperty("events").GetInt32() >= 24);
        Assert.Equal(withOne.GetRawText(), after.GetRawText());
        Assert.NotEqual(before, after.GetRawText());
        Assert.Equal(0, other.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task Funnel_NamesBadParameters()
    {
        using var response = await app.Rep().GetAsync("/api/analytics/funnel?from=2026-11-30&to=2026-10-01&by=planet");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from", text);
        Assert.Contains("by", text);
    }
}
