using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Analytics.Data;
using SalesPlatform.Events.Leads;
using SalesPlatform.Events.Opportunities;

namespace SalesPlatform.Analytics.ReadModels;

// Several types in one file: the funnel's read model rows and the projection that builds them from the event log.
/// <summary>One stay of an opportunity in a stage: when it entered and left, with what the funnel groups by.</summary>
public sealed class StageStay
{
    public long Id { get; init; }
    public Guid OpportunityId { get; init; }
    public string Stage { get; init; } = "";
    public DateTimeOffset EnteredAt { get; init; }
    public DateTimeOffset? LeftAt { get; set; }
    public string? NextStage { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? PartnerId { get; set; }
    public string? Source { get; set; }
    public string? Campaign { get; set; }
}

/// <summary>What the funnel knows of a deal beyond its stays: new or repeat business.</summary>
public sealed class FunnelDeal
{
    public Guid OpportunityId { get; init; }
    public Guid OwnerId { get; set; }
    public Guid? PartnerId { get; set; }
    public string? Source { get; set; }
    public string? Campaign { get; set; }
    public bool? NewCustomer { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
}

/// <summary>A lead captured and whether it converted: the funnel's first step.</summary>
public sealed class FunnelLead
{
    public Guid LeadId { get; init; }
    public Guid? OwnerId { get; set; }
    public Guid? PartnerId { get; set; }
    public string? Source { get; set; }
    public string? Campaign { get; set; }
    public DateTimeOffset CapturedAt { get; set; }
    public DateTimeOffset? ConvertedAt { get; set; }
}

/// <summary>
/// The funnel projection: applies one logged event to the funnel's read models (stays per stage, deals, leads). Applied once per event as it is
/// logged, and again, in log order, by a rebuild: the same log gives the same models.
/// </summary>
public static class FunnelProjection
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task ApplyAsync(AnalyticsDbContext db, string type, string payload, CancellationToken ct)
    {
        switch (type)
        {
            case var t when t == typeof(LeadCaptured).FullName:
            {
                var e = JsonSerializer.Deserialize<LeadCaptured>(payload, Json)!;
                if (await db.FunnelLeads.FindAsync([e.LeadId], ct) is null)
                {
                    db.FunnelLeads.Add(new FunnelLead { LeadId = e.LeadId, PartnerId = e.PartnerId, Source = e.Source, Campaign = e.Campaign, CapturedAt = e.OccurredAt });
                }

                break;
            }

            case var t when t == typeof(LeadAssigned).FullName:
            {
                var e = JsonSerializer.Deserialize<LeadAssigned>(payload, Json)!;
                if (await db.FunnelLeads.FindAsync([e.LeadId], ct) is { } lead)
                {
                    lead.OwnerId = e.OwnerId;
                }

                break;
            }

            case var t when t == typeof(LeadConverted).FullName:
            {
                var e = JsonSerializer.Deserialize<LeadConverted>(payload, Json)!;
                var lead = await db.FunnelLeads.FindAsync([e.LeadId], ct);
                if (lead is null)
                {
                    lead = new FunnelLead { LeadId = e.LeadId, PartnerId = e.PartnerId, Source = e.Source, Campaign = e.Campaign, CapturedAt = e.CapturedAt };
                    db.FunnelLeads.Add(lead);
                }

                (lead.OwnerId, lead.ConvertedAt) = (e.OwnerId, e.OccurredAt);
                break;
            }

            case var t when t == typeof(OpportunityOpened).FullName:
            {
                var e = JsonSerializer.Deserialize<OpportunityOpened>(payload, Json)!;
                var deal = await db.FunnelDeals.FindAsync([e.OpportunityId], ct);
                if (deal is null)
                {
                    db.FunnelDeals.Add(new FunnelDeal
                    {
                        OpportunityId = e.OpportunityId, OwnerId = e.OwnerId, PartnerId = e.PartnerId, Source = e.Source, Campaign = e.Campaign, OpenedAt = e.OccurredAt,
                    });
                }

                break;
            }

            case var t when t == typeof(OpportunityStageChanged).FullName:
            {
                var e = JsonSerializer.Deserialize<OpportunityStageChanged>(payload, Json)!;
                var deal = await db.FunnelDeals.FindAsync([e.OpportunityId], ct);
                var open = await db.StageStays.Where(s => s.OpportunityId == e.OpportunityId && s.LeftAt == null).OrderByDescending(s => s.EnteredAt).FirstOrDefaultAsync(ct)
                    ?? db.StageStays.Local.Where(s => s.OpportunityId == e.OpportunityId && s.LeftAt == null).OrderByDescending(s => s.EnteredAt).FirstOrDefault();
                if (open?.Stage == e.Stage)
                {
                    break; // the amount changed, not the stage
                }

                if (open is not null)
                {
                    (open.LeftAt, open.NextStage) = (e.OccurredAt, e.Stage);
                }

                db.StageStays.Add(new StageStay
                {
                    OpportunityId = e.OpportunityId, Stage = e.Stage, EnteredAt = e.OccurredAt, OwnerId = e.OwnerId, PartnerId = deal?.PartnerId, Source = deal?.Source,
                    Campaign = deal?.Campaign,
                });
                break;
            }

            case var t when t == typeof(OpportunityWon).FullName:
            {
                var e = JsonSerializer.Deserialize<OpportunityWon>(payload, Json)!;
                if (await db.FunnelDeals.FindAsync([e.OpportunityId], ct) is { } deal)
                {
                    deal.NewCustomer = e.IsNewCustomer;
                }

                break;
            }
        }
    }
}
