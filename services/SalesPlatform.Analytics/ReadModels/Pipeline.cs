using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Analytics.Data;
using SalesPlatform.Events.Opportunities;

namespace SalesPlatform.Analytics.ReadModels;

// Several types in one file: the pipeline read model with its forecast categories and the projection that keeps it.
/// <summary>An opportunity as the pipeline forecast sees it: the latest stage, amount, probability and expected close date.</summary>
public sealed class PipelineDeal
{
    public Guid OpportunityId { get; init; }
    public Guid OwnerId { get; set; }
    public string Stage { get; set; } = "";
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "CNY";
    public decimal Probability { get; set; }
    public DateOnly? ExpectedCloseDate { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The forecast category: <c>closed</c> (won), <c>commit</c> (open from 75%), <c>best-case</c> (from 50%), <c>pipeline</c> (the rest open);
    /// lost deals are in none.
    /// </summary>
    public static string? CategoryOf(string stage, decimal probability) => stage switch
    {
        "won" => "closed",
        "lost" => null,
        _ when probability >= 0.75m => "commit",
        _ when probability >= 0.50m => "best-case",
        _ => "pipeline",
    };
}

/// <summary>Keeps <see cref="PipelineDeal"/> from <c>OpportunityStageChanged</c> (the latest change wins, whatever order they arrive in) and <c>OpportunityWon</c>.</summary>
public static class PipelineProjection
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task ApplyAsync(AnalyticsDbContext db, string type, string payload, CancellationToken ct)
    {
        if (type == typeof(OpportunityStageChanged).FullName)
        {
            var e = JsonSerializer.Deserialize<OpportunityStageChanged>(payload, Json)!;
            var deal = await db.PipelineDeals.FindAsync([e.OpportunityId], ct);
            if (deal is null)
            {
                deal = new PipelineDeal { OpportunityId = e.OpportunityId };
                db.PipelineDeals.Add(deal);
            }
            else if (deal.UpdatedAt > e.OccurredAt)
            {
                return;
            }

            (deal.OwnerId, deal.Stage, deal.Probability, deal.UpdatedAt) = (e.OwnerId, e.Stage, e.WinProbability, e.OccurredAt);
            // A closed deal's change carries 0 as the open amount: keep the amount it was worth.
            if (e.Stage is not ("won" or "lost"))
            {
                (deal.Amount, deal.Currency) = (e.Amount.Amount, e.Amount.Currency);
            }

            deal.ExpectedCloseDate = e.ExpectedCloseDate ?? deal.ExpectedCloseDate;
        }
        else if (type == typeof(OpportunityWon).FullName)
        {
            var e = JsonSerializer.Deserialize<OpportunityWon>(payload, Json)!;
            var deal = await db.PipelineDeals.FindAsync([e.OpportunityId], ct);
            if (deal is null)
            {
                deal = new PipelineDeal { OpportunityId = e.OpportunityId, Stage = "won", Probability = 1m, OwnerId = e.OwnerId, UpdatedAt = e.OccurredAt };
                db.PipelineDeals.Add(deal);
            }

            (deal.Amount, deal.Currency) = (e.Amount.Amount, e.Amount.Currency);
            deal.ExpectedCloseDate ??= DateOnly.FromDateTime(e.OccurredAt.UtcDateTime);
        }
    }
}
