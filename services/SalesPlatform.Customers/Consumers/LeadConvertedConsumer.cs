using MassTransit;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Domain;
using SalesPlatform.Events.Leads;
using SalesPlatform.Messaging;

namespace SalesPlatform.Customers.Consumers;

/// <summary>
/// A converted lead's customer, exactly once: the customer the rep named (<c>ExistingCustomerId</c>), else the
/// one with the same normalised company name, else a new customer owned by the lead's owner. The lead's
/// contact joins it, and the conversion is on its timeline. The inbox makes a redelivery a no-op, and the
/// customer of a lead is unique in the database.
/// </summary>
public sealed class LeadConvertedConsumer(CustomersDbContext db, TimeProvider clock)
    : InboxConsumer<LeadConverted, CustomersDbContext>(db, clock)
{
    protected override async Task HandleAsync(LeadConverted message, ConsumeContext<LeadConverted> context)
    {
        var ct = context.CancellationToken;
        var now = Clock.GetUtcNow();
        var key = Normalizer.CompanyKey(message.Company);
        var customer = await Db.Customers.FirstOrDefaultAsync(c => c.SourceLeadId == message.LeadId, ct)
            ?? (message.ExistingCustomerId is { } existing ? await Db.Customers.FirstOrDefaultAsync(c => c.Id == existing, ct) : null)
            ?? await Db.Customers.Where(c => c.NameKey == key).OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        var contact = new CustomerContact(message.ContactName, message.ContactTitle, null, message.ContactEmail, message.ContactPhone);
        string summary;
        if (customer is null)
        {
            customer = Customer.Create(new CustomerDetails(message.Company, null, message.Industry, message.CompanySize, message.Region,
                message.Province, message.City, [contact], []), message.OwnerId, message.PartnerId, message.LeadId, now);
            Db.Customers.Add(customer);
            Db.AddEvent(new SalesPlatform.Events.Customers.CustomerRegistered(customer.Id, customer.Name, null, customer.OwnerId) { OccurredAt = now }, Clock);
            summary = $"由线索转化建档：{message.OpportunityName} / Created from a converted lead: {message.OpportunityName}";
        }
        else
        {
            customer.AddContact(contact, now);
            summary = $"线索转化关联到本客户：{message.OpportunityName} / A converted lead joined this customer: {message.OpportunityName}";
        }

        Db.AddEvent(new SalesPlatform.Events.Customers.CustomerLinkedToLead(message.LeadId, customer.Id, customer.SourceLeadId == message.LeadId)
        {
            OccurredAt = now,
        }, Clock);
        Db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(message.OccurredAt), EventId = message.EventId, CustomerId = customer.Id, Kind = "lead.converted", Subject = $"lead:{message.LeadId}",
            Summary = summary, OccurredAt = message.OccurredAt,
        });
    }
}
