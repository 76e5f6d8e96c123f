using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Opportunities;

namespace SalesPlatform.Analytics.Tests;

/// <summary>The weighted pipeline by close month: forecast categories, roll-up to the manager, scope, the latest change winning.</summary>
public sealed class PipelineTests(AnalyticsApp app) : IClassFixture<AnalyticsApp>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    private Task ChangeAsync(Guid deal, Guid owner, string stage, decimal amount, decimal probability, DateOnly close, int minutes, string currency = "CNY") =>
        app.PublishAndWaitAsync(new OpportunityStageChanged(deal, owner, stage, new Money(amount, currency), probability, close) { OccurredAt = T0.AddMinutes(minutes) });

    [Fact]
    public async Task Pipeline_WeighsEachDealByItsProbability_InItsCategory_RolledUpToTheManager()
    {
        var (a, b, c, won, lost, usd, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var rep = AnalyticsApp.RepA;
        await ChangeAsync(a, rep, "prospect-identification", 100_000m, 0.10m, new(2026, 12, 15), 1);
        await ChangeAsync(b, rep, "solution-matching", 200_000m, 0.50m, new(2026, 12, 20), 5);
        await ChangeAsync(b, rep, "needs-confirmation", 999_999m, 0.30m, new(2026, 12, 20), 2); // older, arrives late: ignored
        await ChangeAsync(c, rep, "decision-follow-up", 400_000m, 0.75m, new(2027, 1, 10), 1);
        await ChangeAsync(won, rep, "decision-follow-up", 300_000m, 0.75m, new(2026, 12, 5), 1);
        await ChangeAsync(won, rep, "won", 0m, 1.00m, new(2026, 12, 5), 9);
        await ChangeAsync(lost, rep, "lost", 0m, 0m, new(2026, 12, 5), 1);
        await ChangeAsync(usd, rep, "solution-matching", 50_000m, 0.50m, new(2026, 12, 5), 1, "USD");
        await ChangeAsync(other, AnalyticsApp.RepB, "decision-follow-up", 1_000_000m, 0.75m, new(2026, 12, 5), 1);

        var manager = await AnalyticsApp.ReadAsync(await app.Client(Roles.CitySupervisor, AnalyticsApp.Manager).GetAsync("/api/analytics/pipeline?from=2026-12&to=2027-01"));
        var admin = await AnalyticsApp.ReadAsync(await app.Admin().GetAsync("/api/analytics/pipeline?from=2026-12&to=2027-01"));
        using var bad = await app.Rep().GetAsync("/api/analytics/pipeline?from=2027-01&to=2026-12");

        var december = manager.GetProperty("months")[0];
        Assert.Equal(("2026-12", 100_000m, 200_000m, 300_000m), (december.GetProperty("month").GetString(), december.GetProperty("amount").GetProperty("pipeline").GetDecimal(),
            december.GetProperty("amount").GetProperty("best-case").GetDecimal(), december.GetProperty("amount").GetProperty("closed").GetDecimal()));
        Assert.Equal(400_000m, manager.GetProperty("months")[1].GetProperty("amount").GetProperty("commit").GetDecimal());
        var totals = manager.GetProperty("totals");
        Assert.Equal((10_000m, 100_000m, 300_000m, 300_000m), (totals.GetProperty("pipeline").GetDecimal(), totals.GetProperty("best-case").GetDecimal(),
            totals.GetProperty("commit").GetDecimal(), totals.GetProperty("closed").GetDecimal()));
        Assert.Equal(1, manager.GetProperty("otherCurrencies").GetInt32());
        Assert.Equal(1_000_000m, admin.GetProperty("months")[0].GetProperty("amount").GetProperty("commit").GetDecimal());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
