using SalesPlatform.Events.Leads;
using SalesPlatform.Leads.Domain;

namespace SalesPlatform.Leads.Data;

/// <summary>The events a lead's changes publish, built in one place for the endpoints and the jobs that write them.</summary>
public static class LeadEvents
{
    public static LeadCaptured Captured(Lead lead, DateTimeOffset now) => new(lead.Id, lead.Source, lead.Campaign, lead.PartnerId,
        lead.Company, lead.Industry, lead.Region, lead.Province, lead.City, lead.Score, lead.Grade) { OccurredAt = now };

    public static LeadAssigned Assigned(Lead lead, Guid? previousOwner, DateTimeOffset now) => new(lead.Id, lead.OwnerId!.Value,
        previousOwner, lead.AssignmentReason ?? "", lead.Grade, lead.FirstContactDueAt, lead.PartnerId) { OccurredAt = now };
}
