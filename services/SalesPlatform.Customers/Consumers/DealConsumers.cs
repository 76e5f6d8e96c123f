using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Customers.Jobs;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Consumers;

// Several types in one file: the consumers of deals, contracts and invoices, each one timeline line and its effect on the customer.
/// <summary>
/// A signed contract is a purchase: recorded once per contract (with its base-currency amount, cost and lines), on the timeline,
/// the customer's last deal (a lost customer who buys again is won back), what it holds (cross-sell counts, incrementally), and
/// its segment recomputed at once.
/// </summary>
public sealed class ContractSignedConsumer(CustomersDbContext db, TimeProvider clock, SegmentationRun segmentation)
    : InboxConsumer<ContractSigned, CustomersDbContext>(db, clock)
{
    protected override async Task HandleAsync(ContractSigned message, ConsumeContext<ContractSigned> context)
    {
        var ct = context.CancellationToken;
        if (await Db.Purchases.AnyAsync(p => p.ContractId == message.ContractId, ct))
        {
            return;
        }

        var policy = await PolicyStore.LoadAsync<SegmentationPolicy>(Db, ct);
        var baseAmount = message.BaseAmount?.Amount.Currency == policy.BaseCurrency ? message.BaseAmount.Amount.Amount
            : message.Amount.Currency == policy.BaseCurrency ? message.Amount.Amount : (decimal?)null;
        var cost = message.Cost?.Currency == policy.BaseCurrency ? message.Cost.Amount : (decimal?)null;
        var lines = (message.Lines ?? []).Select(l => new PurchaseLine(l.ProductCode, l.ProductName, l.Quantity, l.UnitPrice.Amount, l.UnitPrice.Currency,
            l.NextTier?.MinQuantity, l.NextTier?.UnitPrice.Amount)).ToList();
        var signedAt = message.SignedAt.ToUniversalTime();
        Db.Purchases.Add(new Purchase
        {
            ContractId = message.ContractId, CustomerId = message.CustomerId, SignedAt = signedAt, Amount = message.Amount.Amount,
            Currency = message.Amount.Currency, BaseAmount = baseAmount, Cost = cost, Lines = lines,
        });
        var amount = message.Amount.Amount.ToString("N2", CultureInfo.InvariantCulture);
        Db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(signedAt), EventId = message.EventId, CustomerId = message.CustomerId, Kind = "contract.signed",
            Subject = $"contract:{message.ContractId}", OccurredAt = signedAt,
            Summary = $"签订合同 {message.Amount.Currency} {amount} / Contract signed: {message.Amount.Currency} {amount}",
        });
        var customer = await Db.Customers.FirstOrDefaultAsync(c => c.Id == message.CustomerId, ct);
        if (customer is null)
        {
            return;
        }

        customer.Dealt(signedAt);
        customer.WonBack(signedAt);
        await CrossSellCounts.AddAsync(Db, customer, lines, signedAt, ct);
        await Db.SaveChangesAsync(ct);
        await segmentation.SegmentAsync(customer.Id, ct);
    }
}

/// <summary>A won opportunity: the customer's last deal, on the timeline.</summary>
public sealed class OpportunityWonConsumer(CustomersDbContext db, TimeProvider clock) : InboxConsumer<OpportunityWon, CustomersDbContext>(db, clock)
{
    protected override async Task HandleAsync(OpportunityWon message, ConsumeContext<OpportunityWon> context)
    {
        var at = message.OccurredAt.ToUniversalTime();
        var amount = message.Amount.Amount.ToString("N2", CultureInfo.InvariantCulture);
        Db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(at), EventId = message.EventId, CustomerId = message.CustomerId, Kind = "opportunity.won",
            Subject = $"opportunity:{message.OpportunityId}", OccurredAt = at,
            Summary = $"商机赢单 {message.Amount.Currency} {amount} / Opportunity won: {message.Amount.Currency} {amount}",
        });
        if (await Db.Customers.FirstOrDefaultAsync(c => c.Id == message.CustomerId, context.CancellationToken) is { } customer)
        {
            customer.Dealt(at);
        }
    }
}

/// <summary>A lost opportunity, with the reason and competitor, on the timeline.</summary>
public sealed class OpportunityLostConsumer(CustomersDbContext db, TimeProvider clock) : InboxConsumer<OpportunityLost, CustomersDbContext>(db, clock)
{
    protected override Task HandleAsync(OpportunityLost message, ConsumeContext<OpportunityLost> context)
    {
        var at = message.OccurredAt.ToUniversalTime();
        var competitor = message.Competitor is null ? "" : $"（{message.Competitor}）";
        Db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(at), EventId = message.EventId, CustomerId = message.CustomerId, Kind = "opportunity.lost",
            Subject = $"opportunity:{message.OpportunityId}", OccurredAt = at,
            Summary = $"商机丢单：{message.Reason}{competitor} / Opportunity lost: {message.Reason}"
                + (message.Competitor is null ? "" : $" (to {message.Competitor})"),
        });
        return Task.CompletedTask;
    }
}

/// <summary>An issued invoice on the timeline.</summary>
public sealed class InvoiceIssuedConsumer(CustomersDbContext db, TimeProvider clock) : InboxConsumer<InvoiceIssued, CustomersDbContext>(db, clock)
{
    protected override Task HandleAsync(InvoiceIssued message, ConsumeContext<InvoiceIssued> context)
    {
        var at = message.IssuedAt.ToUniversalTime();
        var amount = message.Amount.Amount.ToString("N2", CultureInfo.InvariantCulture);
        Db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(at), EventId = message.EventId, CustomerId = message.CustomerId, Kind = "invoice.issued",
            Subject = $"invoice:{message.InvoiceId}", OccurredAt = at,
            Summary = $"开具发票 {message.Number}：{message.Amount.Currency} {amount} / Invoice {message.Number} issued: {message.Amount.Currency} {amount}",
        });
        return Task.CompletedTask;
    }
}

/// <summary>The cross-sell counts, kept as purchases arrive: each new product of a customer counts once in its industry and in all.</summary>
internal static class CrossSellCounts
{
    public static async Task AddAsync(CustomersDbContext db, Customer customer, IReadOnlyList<PurchaseLine> lines, DateTimeOffset at, CancellationToken ct)
    {
        var holdings = await db.Holdings.Where(h => h.CustomerId == customer.Id).ToDictionaryAsync(h => h.ProductCode, ct);
        var groups = customer.Industry is { } industry ? new[] { "*", industry } : ["*"];
        var firstBasket = holdings.Count == 0;
        foreach (var line in lines.Where(l => !string.IsNullOrWhiteSpace(l.ProductCode)))
        {
            if (holdings.TryGetValue(line.ProductCode, out var held))
            {
                held.TotalQuantity += line.Quantity;
                if (at >= held.LastBoughtAt)
                {
                    (held.LastBoughtAt, held.LastQuantity, held.LastUnitPrice, held.Currency, held.ProductName) =
                        (at, line.Quantity, line.UnitPrice, line.Currency, line.ProductName);
                    (held.NextTierMinQuantity, held.NextTierUnitPrice) = (line.NextTierMinQuantity, line.NextTierUnitPrice);
                }

                continue;
            }

            foreach (var group in groups)
            {
                if (firstBasket)
                {
                    await IncrementAsync(db, group, "", "", ct);
                }

                await IncrementAsync(db, group, line.ProductCode, "", ct);
                foreach (var other in holdings.Keys)
                {
                    await IncrementAsync(db, group, line.ProductCode, other, ct);
                    await IncrementAsync(db, group, other, line.ProductCode, ct);
                }
            }

            firstBasket = false;
            holdings[line.ProductCode] = new ProductHolding
            {
                CustomerId = customer.Id, ProductCode = line.ProductCode, ProductName = line.ProductName, TotalQuantity = line.Quantity,
                LastQuantity = line.Quantity, LastUnitPrice = line.UnitPrice, Currency = line.Currency, NextTierMinQuantity = line.NextTierMinQuantity,
                NextTierUnitPrice = line.NextTierUnitPrice, FirstBoughtAt = at, LastBoughtAt = at,
            };
            db.Holdings.Add(holdings[line.ProductCode]);
        }
    }

    private static Task IncrementAsync(CustomersDbContext db, string group, string a, string b, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO affinity_counts (\"group\", product_a, product_b, customers) VALUES ({group}, {a}, {b}, 1) ON CONFLICT (\"group\", product_a, product_b) DO UPDATE SET customers = affinity_counts.customers + 1",
            ct);
}

/// <summary>An opportunity opened with the customer, on the timeline.</summary>
public sealed class OpportunityOpenedConsumer(CustomersDbContext db, TimeProvider clock) : InboxConsumer<OpportunityOpened, CustomersDbContext>(db, clock)
{
    protected override Task HandleAsync(OpportunityOpened message, ConsumeContext<OpportunityOpened> context)
    {
        if (message.CustomerId is { } customer)
        {
            var at = message.OccurredAt.ToUniversalTime();
            var amount = message.Amount.Amount.ToString("N2", CultureInfo.InvariantCulture);
            Db.Timeline.Add(new TimelineEntry
            {
                Id = Guid.CreateVersion7(at), EventId = message.EventId, CustomerId = customer, Kind = "opportunity.opened",
                Subject = $"opportunity:{message.OpportunityId}", OccurredAt = at,
                Summary = $"新商机“{message.Name}”{message.Amount.Currency} {amount} / Opportunity {message.Name} opened: {message.Amount.Currency} {amount}",
            });
        }

        return Task.CompletedTask;
    }
}

/// <summary>A quote issued to the customer, and one it accepted, on the timeline.</summary>
public sealed class QuoteIssuedConsumer(CustomersDbContext db, TimeProvider clock) : InboxConsumer<QuoteIssued, CustomersDbContext>(db, clock)
{
    protected override Task HandleAsync(QuoteIssued message, ConsumeContext<QuoteIssued> context)
    {
        if (message.CustomerId is { } customer)
        {
            var at = message.OccurredAt.ToUniversalTime();
            var total = message.Total.Amount.ToString("N2", CultureInfo.InvariantCulture);
            Db.Timeline.Add(new TimelineEntry
            {
                Id = Guid.CreateVersion7(at), EventId = message.EventId, CustomerId = customer, Kind = "quote.issued", Subject = $"quote:{message.QuoteId}",
                OccurredAt = at, Summary = $"发出报价 v{message.Version}：{message.Total.Currency} {total}，有效期至 {message.ValidUntil:yyyy-MM-dd} / "
                    + $"Quote v{message.Version} issued: {message.Total.Currency} {total}, valid until {message.ValidUntil:yyyy-MM-dd}",
            });
        }

        return Task.CompletedTask;
    }
}

/// <summary>A quote the customer accepted, on the timeline.</summary>
public sealed class QuoteAcceptedConsumer(CustomersDbContext db, TimeProvider clock) : InboxConsumer<QuoteAccepted, CustomersDbContext>(db, clock)
{
    protected override Task HandleAsync(QuoteAccepted message, ConsumeContext<QuoteAccepted> context)
    {
        if (message.CustomerId is { } customer)
        {
            var at = message.OccurredAt.ToUniversalTime();
            var total = message.Total.Amount.ToString("N2", CultureInfo.InvariantCulture);
            Db.Timeline.Add(new TimelineEntry
            {
                Id = Guid.CreateVersion7(at), EventId = message.EventId, CustomerId = customer, Kind = "quote.accepted", Subject = $"quote:{message.QuoteId}",
                OccurredAt = at, Summary = $"客户接受报价：{message.Total.Currency} {total} / Quote accepted: {message.Total.Currency} {total}",
            });
        }

        return Task.CompletedTask;
    }
}
