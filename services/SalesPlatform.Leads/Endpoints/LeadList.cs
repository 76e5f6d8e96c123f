using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Leads.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Leads.Endpoints;

// Several types in one file: The lead list filters and the record that carries them.
/// <summary>The filters of <c>GET /api/leads</c>.</summary>
public sealed record LeadFilters(Guid? Owner, string? Grade, string? Status, string? Source, Guid? Partner, bool? Overdue);

/// <summary>
/// The lead list's filters and free-text search, applied in SQL to what the caller may see (the list
/// endpoint and the list benchmark run this same code). <c>q</c> searches company, contact and e-mail
/// through the shared <see cref="TextSearch"/> (an index serves two-character Chinese words too).
/// </summary>
public static class LeadList
{
    public static IQueryable<Lead> Filter(IQueryable<Lead> visible, LeadFilters filters, ListQuery list, DateTimeOffset now)
    {
        var query = visible;
        if (filters.Owner is { } owner)
        {
            query = query.Where(l => l.OwnerId == owner);
        }

        if (!string.IsNullOrWhiteSpace(filters.Grade))
        {
            query = query.Where(l => l.Grade == filters.Grade);
        }

        if (!string.IsNullOrWhiteSpace(filters.Status))
        {
            if (!Enum.TryParse<LeadStatus>(filters.Status, ignoreCase: true, out var parsed))
            {
                throw new RequestValidationException("status", "Status must be one of: " + string.Join(", ", Enum.GetNames<LeadStatus>().Select(n => n.ToLowerInvariant())) + ".");
            }

            query = query.Where(l => l.Status == parsed);
        }

        if (!string.IsNullOrWhiteSpace(filters.Source))
        {
            query = query.Where(l => l.Source == filters.Source);
        }

        if (filters.Partner is { } partner)
        {
            query = query.Where(l => l.PartnerId == partner);
        }

        if (filters.Overdue == true)
        {
            query = query.Where(l => (l.Status == LeadStatus.Assigned || l.Status == LeadStatus.Contacted)
                && ((l.FirstContactedAt == null && l.FirstContactDueAt < now) || l.NextFollowUpDueAt < now));
        }

        return query.Search(list, pattern => l => EF.Functions.ILike(l.Company, pattern) || EF.Functions.ILike(l.ContactName, pattern)
            || (l.Email != null && EF.Functions.ILike(l.Email, pattern)));
    }
}
