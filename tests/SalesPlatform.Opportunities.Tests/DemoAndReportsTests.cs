using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Domain;
using SalesPlatform.Opportunities.Data;
using SalesPlatform.Opportunities.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Opportunities.Tests;

/// <summary>The demo price book and deals, loaded twice; the board, win/loss and the unit filter over them.</summary>
public sealed class DemoAndReportsTests(OpportunitiesApp app) : IClassFixture<OpportunitiesApp>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            await Seeder.SeedAsync(scope.ServiceProvider.GetRequiredService<OpportunitiesDbContext>(), app.Clock.GetUtcNow(), CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DemoData_HasAPriceBookWithTiersAndABundle_TwoDealsInEveryStage_WonWithAcceptedQuotes_LostWithReasons()
    {
        var products = await app.WithDbAsync(db => db.Products.AsNoTracking().ToListAsync());
        var deals = await app.WithDbAsync(db => db.Opportunities.AsNoTracking().ToListAsync());
        var quotes = await app.WithDbAsync(db => db.Quotes.AsNoTracking().ToListAsync());

        Assert.Equal(13, products.Count);
        Assert.Contains(products, p => p.Kind == "bundle" && p.Components.Count == 4);
        Assert.True(products.Count(p => p.Tiers.Count > 0) >= 5);
        Assert.All(StagePolicy.Default.Stages, s => Assert.Equal(2, deals.Count(d => d.Stage == s.Code)));
        Assert.All(deals.Where(d => d.Stage == StagePolicy.Won), d => Assert.Contains(quotes, q => q.Id == d.AcceptedQuoteId && q.Status == QuoteStatus.Accepted));
        Assert.All(deals.Where(d => d.Stage == StagePolicy.Lost), d => Assert.NotNull(d.LostReason));
        // Every open deal past a stage has what that stage needs.
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpportunitiesDbContext>();
        foreach (var deal in deals.Where(d => d.Stage is "solution-matching" or "decision-follow-up"))
        {
            var facts = await SalesPlatform.Opportunities.Endpoints.OpportunitiesEndpoints.FactsAsync(db, deal, false, app.Clock.GetUtcNow(),
                ReportingCalendar.China, CancellationToken.None);
            Assert.True(facts.InitialContact && facts.NeedsAnalysis, deal.Name);
        }
    }

    [Fact]
    public async Task WinLoss_CountsTheQuartersClosedDeals_ByReasonAndCompetitor_AndTheBoardAddsUp()
    {
        var admin = app.Admin();
        var year = app.Clock.GetUtcNow().Year;
        var winLoss = await OpportunitiesApp.ReadAsync(await admin.GetAsync($"/api/opportunities/win-loss?period={year}"));
        var board = await OpportunitiesApp.ReadAsync(await admin.GetAsync("/api/opportunities/board"));
        using var noPeriod = await admin.GetAsync("/api/opportunities/win-loss");

        Assert.Equal((2, 2, 0.5m), (winLoss.GetProperty("won").GetInt32(), winLoss.GetProperty("lost").GetInt32(), winLoss.GetProperty("winRate").GetDecimal()));
        Assert.Equal(1, winLoss.GetProperty("lossReasons").GetProperty("price").GetInt32());
        Assert.Equal(1, winLoss.GetProperty("competitors").GetProperty("某国际品牌").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, noPeriod.StatusCode);
        var open = board.GetProperty("stages").EnumerateArray().Where(s => s.GetProperty("stage").GetString() is not ("won" or "lost")).ToList();
        Assert.All(open, s => Assert.True(s.GetProperty("count").GetInt32() >= 2));
        Assert.All(open, s => Assert.Equal(Math.Round(s.GetProperty("amount").GetDecimal() * s.GetProperty("probability").GetDecimal(), 2),
            s.GetProperty("weightedAmount").GetDecimal()));
    }

    [Fact]
    public async Task UnitFilter_IsThePeopleOfTheUnit_AUnitOutsideTheScopeIsNotFound()
    {
        var unit = Guid.CreateVersion7();
        app.TeamPerformance.UnitMembers[unit] = [DemoOrganization.Rep.Id];
        var admin = app.Admin();

        var list = await OpportunitiesApp.ReadAsync(await admin.GetAsync($"/api/opportunities?unit={unit}&limit=500"));
        using var manager = await app.Client(Roles.CitySupervisor, OpportunitiesApp.Manager).GetAsync($"/api/opportunities?unit={unit}");

        Assert.Equal(5, list.GetProperty("total").GetInt64());
        Assert.All(list.GetProperty("items").EnumerateArray(), o => Assert.Equal(DemoOrganization.Rep.Id, o.GetProperty("ownerId").GetGuid()));
        Assert.Equal(HttpStatusCode.NotFound, manager.StatusCode);
    }
}
