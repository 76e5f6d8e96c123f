using SalesPlatform.Analytics.Forecasting;

namespace SalesPlatform.Analytics.Tests;

/// <summary>Each forecasting method on known series, model selection by backtest, intervals and the too-short-history reason.</summary>
public sealed class ForecasterTests
{
    private static readonly double[] Pattern = [80, 70, 95, 100, 105, 110, 100, 98, 104, 112, 125, 140];

    [Fact]
    public void PureSeasonalSeries_PicksASeasonalMethod_AndRepeatsTheSeason()
    {
        var series = Enumerable.Range(0, 4).SelectMany(_ => Pattern).ToList();

        var result = Forecaster.Forecast(series, 12, 12);

        Assert.Contains(result.Model, new[] { "seasonal-naive", "holt-winters-additive", "holt-winters-multiplicative" });
        Assert.All(result.Forecast, p => Assert.Equal(Pattern[p.Step - 1], p.Value, 1));
        Assert.Equal(0, result.Candidates.Single(c => c.Model == result.Model).Mase!.Value, 2);
        Assert.True(result.Candidates.Single(c => c.Model == "ses").Mase > 0.5);
    }

    [Fact]
    public void LinearTrend_PicksHolt_AndExtendsTheLine()
    {
        var series = Enumerable.Range(0, 30).Select(t => 10.0 + 2 * t).ToList();

        var result = Forecaster.Forecast(series, 1, 3);

        Assert.Equal("holt", result.Model);
        Assert.Equal([70.0, 72.0, 74.0], result.Forecast.Select(p => Math.Round(p.Value, 2)));
    }

    [Fact]
    public void Constant_ForecastsTheConstant_WithANarrowInterval()
    {
        var result = Forecaster.Forecast(Enumerable.Repeat(5.0, 24).ToList(), 12, 6);

        Assert.All(result.Forecast, p => Assert.Equal(5.0, p.Value, 6));
        Assert.All(result.Forecast, p => Assert.True(p.Upper - p.Lower < 1e-6));
        Assert.Equal("seasonal-naive", result.Model);
    }

    [Fact]
    public void LevelShift_FollowsTheNewLevel()
    {
        var series = Enumerable.Repeat(10.0, 20).Concat(Enumerable.Repeat(20.0, 10)).ToList();

        var result = Forecaster.Forecast(series, 1, 3);

        Assert.All(result.Forecast, p => Assert.InRange(p.Value, 19.0, 21.0));
    }

    [Fact]
    public void ShortHistory_LeavesSeasonalMethodsOut_AndSaysWhy()
    {
        var result = Forecaster.Forecast(Pattern.Concat(Pattern[..6]).ToList(), 12, 3);

        Assert.DoesNotContain(result.Candidates, c => c.Model.StartsWith("holt-winters", StringComparison.Ordinal) || c.Model == "seasonal-naive");
        Assert.Contains(result.Notes, n => n.Contains("24", StringComparison.Ordinal) && n.Contains("18", StringComparison.Ordinal));
    }

    [Fact]
    public void Intervals_WidenWithTheStep_AndCandidatesAreScored()
    {
        var noisy = Enumerable.Range(0, 36).Select(t => 100 + 10 * Math.Sin(2 * Math.PI * t / 12) + (t * 7 % 13 - 6) * 0.5).ToList();

        var result = Forecaster.Forecast(noisy, 12, 6);

        Assert.True(result.Forecast[5].Upper - result.Forecast[5].Lower > result.Forecast[0].Upper - result.Forecast[0].Lower);
        Assert.All(result.Candidates, c => Assert.NotNull(c.Mase));
        Assert.Equal(result.Candidates.Min(c => c.Mase), result.Candidates.Single(c => c.Model == result.Model).Mase);
        Assert.Equal(6, result.Candidates.Count);
    }
}
