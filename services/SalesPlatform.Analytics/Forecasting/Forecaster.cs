using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace SalesPlatform.Analytics.Forecasting;

// Several types in one file: the forecasting methods, the backtest that compares them and the answer it gives.
/// <summary>One candidate's backtest: mean absolute percentage error and mean absolute scaled error (against seasonal naive), with its fitted parameters.</summary>
public sealed record CandidateScore(string Model, double? Mape, double? Mase, IReadOnlyDictionary<string, double> Parameters);

/// <summary>One forecast step with its 95% prediction interval.</summary>
public sealed record ForecastPoint(int Step, double Value, double Lower, double Upper);

/// <summary>What the forecaster chose, how every candidate did, the forecast, and why some methods were left out.</summary>
public sealed record ForecastResult(string Model, IReadOnlyList<CandidateScore> Candidates, IReadOnlyList<ForecastPoint> Forecast, IReadOnlyList<string> Notes);

/// <summary>A method fitted to a series: its one-step-ahead errors in sample and its forecasts.</summary>
internal sealed record Fitted(string Model, double[] Forecasts, double[] Residuals, IReadOnlyDictionary<string, double> Parameters);

/// <summary>
/// Time-series forecasting over monthly (or any regular) history: seasonal naive, moving average, simple exponential smoothing, Holt's linear
/// trend, and Holt-Winters additive and multiplicative; smoothing parameters fitted by minimising the squared one-step errors (Nelder-Mead over
/// logit-transformed parameters, MathNet.Numerics); every candidate backtested by rolling origin (refitted at each origin, one step ahead) with
/// MAPE and MASE; the lowest MASE wins (the simpler method on a tie). Prediction intervals are the forecast ± 1.96 × the chosen method's
/// one-step residual deviation × √step. Seasonal methods need two full seasons; a shorter history says so.
/// </summary>
public static class Forecaster
{
    private static readonly string[] Order = ["seasonal-naive", "moving-average", "ses", "holt", "holt-winters-additive", "holt-winters-multiplicative"];

    public static ForecastResult Forecast(IReadOnlyList<double> series, int seasonLength, int horizon)
    {
        var y = series.ToArray();
        var m = seasonLength;
        var notes = new List<string>();
        var methods = new List<string> { "moving-average", "ses", "holt" };
        if (m > 1 && y.Length >= 2 * m)
        {
            methods.Insert(0, "seasonal-naive");
            methods.Add("holt-winters-additive");
            if (y.All(v => v > 0))
            {
                methods.Add("holt-winters-multiplicative");
            }
            else
            {
                notes.Add("Holt-Winters multiplicative needs every value above 0 / 乘法模型要求所有数值大于 0");
            }
        }
        else if (m > 1)
        {
            notes.Add($"Seasonal models need at least two seasons ({2 * m} values with a season of {m}); the history has {y.Length} / "
                + $"季节性模型至少需要两个完整周期（{2 * m} 个数据），当前只有 {y.Length} 个");
        }

        // MASE's scale: the seasonal naive method's in-sample error; for a perfectly seasonal history that is 0, so the naive method's.
        var scale = Scale(y, m) is var seasonalScale && seasonalScale > 1e-12 ? seasonalScale : Scale(y, 1);
        var origins = Origins(y.Length, m);
        var scores = new List<CandidateScore>();
        foreach (var method in methods)
        {
            var errors = new List<(double Actual, double Error)>();
            foreach (var origin in origins)
            {
                if (Fit(method, y[..origin], m, 1) is { } fitted)
                {
                    errors.Add((y[origin], y[origin] - fitted.Forecasts[0]));
                }
            }

            var full = Fit(method, y, m, horizon);
            if (full is null || errors.Count == 0)
            {
                continue;
            }

            var withActual = errors.Where(e => Math.Abs(e.Actual) > 1e-12).ToList();
            double? mape = withActual.Count == 0 ? null : Math.Round(withActual.Average(e => Math.Abs(e.Error / e.Actual)) * 100, 4);
            var mae = errors.Average(e => Math.Abs(e.Error));
            double? mase = scale > 1e-12 ? Math.Round(mae / scale, 4) : mae < 1e-9 ? 0 : null;
            scores.Add(new CandidateScore(method, mape, mase, full.Parameters));
        }

        var best = scores.OrderBy(s => s.Mase ?? double.MaxValue).ThenBy(s => Array.IndexOf(Order, s.Model)).First();
        var chosen = Fit(best.Model, y, m, horizon)!;
        var sigma = Math.Sqrt(chosen.Residuals.Length == 0 ? 0 : chosen.Residuals.Average(r => r * r));
        var forecast = chosen.Forecasts.Select((v, i) => new ForecastPoint(i + 1, Math.Round(v, 4), Math.Round(v - 1.96 * sigma * Math.Sqrt(i + 1), 4),
            Math.Round(v + 1.96 * sigma * Math.Sqrt(i + 1), 4))).ToList();
        return new ForecastResult(best.Model, scores, forecast, notes);
    }

    /// <summary>The in-sample mean absolute error of the seasonal naive method (lag 1 when there is no full season): MASE's denominator.</summary>
    public static double Scale(double[] y, int m)
    {
        var lag = m > 1 && y.Length > m ? m : 1;
        return y.Length <= lag ? 0 : Enumerable.Range(lag, y.Length - lag).Average(t => Math.Abs(y[t] - y[t - lag]));
    }

    /// <summary>Rolling origins: the last quarter of the series (at least 3 points, at most one season), each forecast one step ahead.</summary>
    private static int[] Origins(int n, int m)
    {
        var test = Math.Clamp(Math.Max(m, 3), 3, Math.Max(3, n / 4));
        test = Math.Min(test, n - 2);
        return [.. Enumerable.Range(n - test, test)];
    }

    internal static Fitted? Fit(string method, double[] y, int m, int horizon) => method switch
    {
        "seasonal-naive" => y.Length < m ? null : SeasonalNaive(y, m, horizon),
        "moving-average" => y.Length < 2 ? null : MovingAverage(y, m, horizon),
        "ses" => y.Length < 2 ? null : Smooth(method, y, m, horizon, ["alpha"]),
        "holt" => y.Length < 3 ? null : Smooth(method, y, m, horizon, ["alpha", "beta"]),
        "holt-winters-additive" or "holt-winters-multiplicative" => y.Length < 2 * m ? null : Smooth(method, y, m, horizon, ["alpha", "beta", "gamma"]),
        _ => null,
    };

    private static Fitted SeasonalNaive(double[] y, int m, int horizon)
    {
        var residuals = Enumerable.Range(m, y.Length - m).Select(t => y[t] - y[t - m]).ToArray();
        var forecasts = Enumerable.Range(0, horizon).Select(h => y[y.Length - m + h % m]).ToArray();
        return new Fitted("seasonal-naive", forecasts, residuals, new Dictionary<string, double> { ["seasonLength"] = m });
    }

    private static Fitted MovingAverage(double[] y, int m, int horizon)
    {
        var k = Math.Clamp(m > 1 ? Math.Min(3, m) : 3, 1, y.Length - 1);
        var residuals = Enumerable.Range(k, y.Length - k).Select(t => y[t] - y[(t - k)..t].Average()).ToArray();
        var level = y[^k..].Average();
        return new Fitted("moving-average", [.. Enumerable.Repeat(level, horizon)], residuals, new Dictionary<string, double> { ["window"] = k });
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Fits an exponential-smoothing method: the parameters in (0, 1) that minimise the squared one-step errors.</summary>
    private static Fitted Smooth(string method, double[] y, int m, int horizon, string[] names)
    {
        double Sse(double[] p) => Run(method, y, m, p, 0).Residuals.Sum(r => r * r);
        var start = Vector<double>.Build.Dense(names.Length, -0.85); // logistic(-0.85) ≈ 0.3
        double[] best;
        try
        {
            var objective = ObjectiveFunction.Value(v => Sse([.. v.Select(Logistic)]));
            var result = new NelderMeadSimplex(1e-8, 2000).FindMinimum(objective, start);
            best = [.. result.MinimizingPoint.Select(Logistic)];
        }
        catch (MaximumIterationsException)
        {
            best = [.. start.Select(Logistic)];
        }

        var run = Run(method, y, m, best, horizon);
        return run with { Parameters = names.Zip(best).ToDictionary(p => p.First, p => Math.Round(p.Second, 4)) };
    }

    /// <summary>One pass of the smoothing recursion with parameters <paramref name="p"/>: one-step residuals and the forecasts after the last value.</summary>
    private static Fitted Run(string method, double[] y, int m, double[] p, int horizon)
    {
        var alpha = p[0];
        var beta = p.Length > 1 ? p[1] : 0;
        var gamma = p.Length > 2 ? p[2] : 0;
        var multiplicative = method == "holt-winters-multiplicative";
        var seasonal = method.StartsWith("holt-winters", StringComparison.Ordinal);
        double level, trend = 0;
        var season = new double[Math.Max(m, 1)];
        int first;
        if (seasonal)
        {
            var firstSeason = y[..m].Average();
            var secondSeason = y[m..(2 * m)].Average();
            level = firstSeason;
            trend = (secondSeason - firstSeason) / m;
            for (var i = 0; i < m; i++)
            {
                season[i] = multiplicative ? y[i] / firstSeason : y[i] - firstSeason;
            }

            first = m;
        }
        else
        {
            level = y[0];
            trend = method == "holt" ? y[1] - y[0] : 0;
            first = 1;
        }

        var residuals = new List<double>();
        for (var t = first; t < y.Length; t++)
        {
            var s = seasonal ? season[t % m] : multiplicative ? 1 : 0;
            var predicted = seasonal ? (multiplicative ? (level + trend) * s : level + trend + s) : level + (method == "holt" ? trend : 0);
            residuals.Add(y[t] - predicted);
            var previous = level;
            if (seasonal)
            {
                level = multiplicative ? alpha * (y[t] / s) + (1 - alpha) * (level + trend) : alpha * (y[t] - s) + (1 - alpha) * (level + trend);
                trend = beta * (level - previous) + (1 - beta) * trend;
                season[t % m] = multiplicative ? gamma * (y[t] / level) + (1 - gamma) * s : gamma * (y[t] - level) + (1 - gamma) * s;
            }
            else if (method == "holt")
            {
                level = alpha * y[t] + (1 - alpha) * (level + trend);
                trend = beta * (level - previous) + (1 - beta) * trend;
            }
            else
            {
                level = alpha * y[t] + (1 - alpha) * level;
            }
        }

        var forecasts = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            var s = seasonal ? season[(y.Length + h - 1) % m] : 0;
            forecasts[h - 1] = seasonal ? (multiplicative ? (level + h * trend) * s : level + h * trend + s)
                : method == "holt" ? level + h * trend : level;
        }

        return new Fitted(method, forecasts, [.. residuals], new Dictionary<string, double>());
    }
}
