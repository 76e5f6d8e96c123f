using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Leads.Domain;

namespace SalesPlatform.Leads.Data;

/// <summary>
/// The one de-duplication rule of leads, for a capture and for every row of an import: the same normalised
/// e-mail, else the same phone (E.164), else the same company and contact name
/// (<see cref="Normalizer.IdentityKey"/>). Loads the existing leads that share a key with the incoming ones
/// in one query, then answers per incoming lead (and learns the leads created meanwhile).
/// </summary>
public sealed class LeadDuplicates
{
    private readonly Dictionary<string, Lead> byKey = new(StringComparer.Ordinal);

    private LeadDuplicates()
    {
    }

    /// <summary>The existing leads that may duplicate <paramref name="incoming"/>.</summary>
    public static async Task<LeadDuplicates> LoadAsync(LeadsDbContext db, IReadOnlyCollection<LeadDetails> incoming, CancellationToken ct)
    {
        var emails = incoming.Select(d => d.Email).OfType<string>().Distinct().ToArray();
        var phones = incoming.Select(d => d.Phone).OfType<string>().Distinct().ToArray();
        var identities = incoming.Select(d => Normalizer.IdentityKey(d.Company, d.ContactName)).Distinct().ToArray();
        // Joins against unnest keep this linear in the table size even when the planner's statistics
        // lag behind a fast-growing table (an OR of "= ANY(array)" would be scanned row x key).
        var existing = await db.Leads.FromSqlInterpolated($"""
            SELECT * FROM leads WHERE id IN (
                SELECT l.id FROM leads l JOIN unnest({emails}) AS k(v) ON l.email = k.v
                UNION SELECT l.id FROM leads l JOIN unnest({phones}) AS k(v) ON l.phone = k.v
                UNION SELECT l.id FROM leads l JOIN unnest({identities}) AS k(v) ON l.identity_key = k.v)
            """).ToListAsync(ct);
        var duplicates = new LeadDuplicates();
        foreach (var lead in existing.OrderByDescending(l => l.Id))
        {
            duplicates.Register(lead);
        }

        return duplicates;
    }

    /// <summary>The lead <paramref name="details"/> duplicates and by which key, or null.</summary>
    public (Lead Lead, string Key)? Find(LeadDetails details)
    {
        if (details.Email is not null && byKey.TryGetValue("e:" + details.Email, out var byEmail))
        {
            return (byEmail, "e-mail");
        }

        if (details.Phone is not null && byKey.TryGetValue("p:" + details.Phone, out var byPhone))
        {
            return (byPhone, "phone");
        }

        return byKey.TryGetValue("i:" + Normalizer.IdentityKey(details.Company, details.ContactName), out var byName)
            ? (byName, "company and contact name") : null;
    }

    /// <summary>Makes <paramref name="lead"/> findable by its keys (a lead created or filled in during the same import).</summary>
    public void Register(Lead lead)
    {
        if (lead.Email is not null)
        {
            byKey.TryAdd("e:" + lead.Email, lead);
        }

        if (lead.Phone is not null)
        {
            byKey.TryAdd("p:" + lead.Phone, lead);
        }

        byKey.TryAdd("i:" + lead.IdentityKey, lead);
    }
}
