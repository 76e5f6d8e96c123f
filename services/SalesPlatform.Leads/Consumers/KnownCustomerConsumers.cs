using MassTransit;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Events.Customers;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Messaging;

namespace SalesPlatform.Leads.Consumers;

// Several types in one file: the two consumers that keep leads' list of known customers, one record.
/// <summary>A new customer: leads remembers its name key and credit code (once per customer).</summary>
public sealed class CustomerRegisteredConsumer(LeadsDbContext db, TimeProvider clock) : InboxConsumer<CustomerRegistered, LeadsDbContext>(db, clock)
{
    protected override async Task HandleAsync(CustomerRegistered message, ConsumeContext<CustomerRegistered> context)
    {
        var known = await Db.KnownCustomers.FirstOrDefaultAsync(k => k.CustomerId == message.CustomerId, context.CancellationToken);
        if (known is null)
        {
            known = new KnownCustomer { CustomerId = message.CustomerId };
            Db.KnownCustomers.Add(known);
        }

        known.Name = message.Name;
        known.NameKey = Normalizer.CompanyKey(message.Name);
        known.CreditCode = message.CreditCode;
        known.OwnerId = message.OwnerId;
    }
}

/// <summary>A customer changed hands: leads keeps its current owner.</summary>
public sealed class CustomerOwnerChangedConsumer(LeadsDbContext db, TimeProvider clock) : InboxConsumer<CustomerOwnerChanged, LeadsDbContext>(db, clock)
{
    protected override async Task HandleAsync(CustomerOwnerChanged message, ConsumeContext<CustomerOwnerChanged> context)
    {
        if (await Db.KnownCustomers.FirstOrDefaultAsync(k => k.CustomerId == message.CustomerId, context.CancellationToken) is { } known)
        {
            known.OwnerId = message.ToOwner;
        }
    }
}

/// <summary>The known customers whose name matches incoming companies, loaded in one query.</summary>
public static class KnownCustomers
{
    public static async Task<Dictionary<string, KnownCustomer>> ForAsync(LeadsDbContext db, IEnumerable<string> companies, CancellationToken ct)
    {
        var keys = companies.Select(Normalizer.CompanyKey).Where(k => k.Length > 0).Distinct().ToArray();
        return (await db.KnownCustomers.AsNoTracking().Where(k => keys.Contains(k.NameKey)).ToListAsync(ct))
            .GroupBy(k => k.NameKey).ToDictionary(g => g.Key, g => g.OrderBy(k => k.CustomerId).First(), StringComparer.Ordinal);
    }
}
