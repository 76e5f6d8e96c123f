using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Opportunities;
using SalesPlatform.Messaging;
using SalesPlatform.Opportunities.Data;
using SalesPlatform.Opportunities.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Opportunities.Endpoints;

// Several types in one file: the quote endpoints with their request records and the events they publish.
public sealed record QuoteLineRequest(string? Product, decimal? Quantity, decimal? Discount);

public sealed record QuoteRequest(List<QuoteLineRequest>? Lines, decimal? ExtraDiscount, string? Segment, DateOnly? ValidUntil, DateTimeOffset? OfferExpiresAt,
    [property: MultilineText] string? PriceAdjustmentClause, [property: MultilineText] string? PenaltyClause);

public sealed record DecisionRequest([property: MultilineText] string? Comment);

/// <summary>The quote events, their lines built in one place.</summary>
public static class QuoteEvents
{
    public static IReadOnlyList<QuoteLine> Lines(Quote q) => [.. q.Lines.Select(l => new QuoteLine(l.ProductCode, l.ProductName, l.Kind, l.Quantity,
        new Money(l.ListPrice, q.Currency), new Money(l.UnitPrice, q.Currency), l.Discount, new Money(l.UnitCost, q.Currency), new Money(l.Total, q.Currency),
        l.NextTierMinQuantity is { } min && l.NextTierUnitPrice is { } price
            ? new SalesPlatform.Events.Contracts.VolumeTier(min, new Money(price, q.Currency)) : null))];

    public static QuoteIssued Issued(Quote q, Opportunity o, DateTimeOffset now) =>
        new(q.Id, o.Id, o.CustomerId, o.OwnerId, q.Version, new Money(q.Total, q.Currency), q.Margin ?? 0m, q.Discount, q.ValidUntil, Lines(q)) { OccurredAt = now };
}

/// <summary>
/// Quotes: <c>POST /api/opportunities/{id}/quotes</c> prices the lines (tiers, segment prices, bundles, service packs, concessions, extra
/// discounts) and issues the quote, or holds it for a manager when the discount is above the threshold or the margin below the floor;
/// <c>POST .../quotes/{qid}/approve|reject</c> (a manager of the owner, with a comment, audited); <c>POST .../quotes/{qid}/accept</c>
/// (one accepted per opportunity, never an expired one); <c>GET .../quotes</c> every version.
/// </summary>
public static class QuoteEndpoints
{
    public static IEndpointRouteBuilder MapQuoteEndpoints(this IEndpointRouteBuilder app)
    {
        var quotes = app.MapGroup("/api/opportunities/{id:guid}/quotes").WithTags("Quotes").RequireAuthorization(Policies.Staff)
            .Refuses(StatusCodes.Status503ServiceUnavailable);
        quotes.MapPost("/", Create).WithRequestExample(new
        {
            lines = new[] { new { product = "VIS-200", quantity = 100m, discount = 0m } }, extraDiscount = 0.05m, validUntil = "2027-01-31",
            priceAdjustmentClause = "原材料价格波动超过 5% 时双方协商调价", penaltyClause = "逾期交付每日按合同金额 0.05% 支付违约金",
        });
        quotes.MapGet("/", List);
        quotes.MapPost("/{quoteId:guid}/approve", Approve).WithRequestExample(new { comment = "战略客户，同意让利" });
        quotes.MapPost("/{quoteId:guid}/reject", Reject).WithRequestExample(new { comment = "毛利过低，请调整配置" });
        quotes.MapPost("/{quoteId:guid}/accept", Accept);
        return app;
    }

    private static async Task<Created<Quote>> Create(Guid id, QuoteRequest? body, Caller caller, DataScope scope, OpportunitiesDbContext db, TimeProvider clock,
        ReportingCalendar calendar, TeamDirectory directory, CancellationToken ct)
    {
        var opportunity = await OpportunitiesEndpoints.FindAsync(db, scope, id, ct);
        if (!opportunity.IsOpen)
        {
            throw new ConflictException("opportunity.closed", $"The opportunity is {opportunity.Stage}; it takes no more quotes.");
        }

        var policy = await PolicyStore.LoadAsync<QuotePolicy>(db, ct);
        var now = clock.GetUtcNow();
        var today = calendar.DateOf(now);
        var errors = new Dictionary<string, string[]>();
        var requested = body?.Lines ?? [];
        if (requested.Count == 0)
        {
            errors["lines"] = ["A quote has at least one line."];
        }

        var codes = requested.Select(l => l.Product?.Trim() ?? "").Distinct().ToList();
        var catalog = await db.Products.AsNoTracking().Where(p => codes.Contains(p.Code) && p.Active).ToDictionaryAsync(p => p.Code, ct);
        var components = catalog.Values.SelectMany(p => p.Components).Select(c => c.ProductCode).Except(catalog.Keys).ToList();
        foreach (var part in await db.Products.AsNoTracking().Where(p => components.Contains(p.Code)).ToListAsync(ct))
        {
            catalog.TryAdd(part.Code, part);
        }

        var lines = new List<LineRequest>();
        for (var i = 0; i < requested.Count; i++)
        {
            var line = requested[i];
            if (line.Product is null || !catalog.TryGetValue(line.Product.Trim(), out var product) || !codes.Contains(product.Code))
            {
                errors[$"lines[{i}].product"] = [$"No active product '{line.Product}' in the price book."];
                continue;
            }

            if (line.Quantity is not > 0)
            {
                errors[$"lines[{i}].quantity"] = ["A quantity above 0."];
            }

            if (line.Discount is < 0 or >= 1)
            {
                errors[$"lines[{i}].discount"] = ["A line discount from 0 to below 1 (0.05 is 5%)."];
            }

            if (product.Kind != "concession" && catalog.Values.FirstOrDefault(p => codes.Contains(p.Code) && p.Kind != "concession") is { } first
                && product.Currency != first.Currency)
            {
                errors[$"lines[{i}].product"] = [$"{product.Code} is priced in {product.Currency}, the quote in {first.Currency}: one currency per quote."];
            }

            lines.Add(new LineRequest(product.Code, line.Quantity ?? 0m, line.Discount ?? 0m));
        }

        if (body?.ExtraDiscount is < 0 or >= 1)
        {
            errors["extraDiscount"] = ["An extra discount from 0 to below 1 (0.05 is 5%)."];
        }

        var validUntil = body?.ValidUntil ?? today.AddDays(policy.DefaultValidityDays);
        if (validUntil < today)
        {
            errors["validUntil"] = ["A quote is valid until today or later."];
        }

        if (body?.OfferExpiresAt is { } offer && (offer <= now || calendar.DateOf(offer) > validUntil))
        {
            errors["offerExpiresAt"] = ["A time-limited offer ends in the future, on or before the quote's validity date."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var (priced, totals) = QuotePricing.Price(lines, catalog, Normalizer.Text(body!.Segment), body.ExtraDiscount ?? 0m);
        var reasons = policy.ApprovalReasons(totals);
        var version = await db.Quotes.Where(q => q.OpportunityId == id).Select(q => (int?)q.Version).MaxAsync(ct) ?? 0;
        var quote = new Quote
        {
            Id = Guid.CreateVersion7(now), OpportunityId = id, Version = version + 1, Status = reasons.Count > 0 ? QuoteStatus.PendingApproval : QuoteStatus.Issued,
            Currency = catalog[lines.First(l => catalog[l.ProductCode].Kind != "concession" || lines.All(x => catalog[x.ProductCode].Kind == "concession")).ProductCode].Currency,
            Lines = [.. priced], ExtraDiscount = body.ExtraDiscount ?? 0m, ListTotal = totals.ListTotal, Total = totals.Total, Cost = totals.Cost,
            Margin = totals.Margin, Discount = totals.Discount, ValidUntil = validUntil, OfferExpiresAt = body.OfferExpiresAt?.ToUniversalTime(),
            PriceAdjustmentClause = Normalizer.Text(body.PriceAdjustmentClause), PenaltyClause = Normalizer.Text(body.PenaltyClause), ApprovalReasons = [.. reasons],
            CreatedBy = OpportunitiesEndpoints.By(caller), CreatedAt = now,
        };
        db.Quotes.Add(quote);
        opportunity.Touched(now);
        if (quote.Status == QuoteStatus.Issued)
        {
            db.AddEvent(QuoteEvents.Issued(quote, opportunity, now), clock);
        }
        else
        {
            // The owner's manager is asked to decide (the owner alone hears of it while team performance is down).
            db.Notify(await directory.OwnerAndManagerAsync(opportunity.OwnerId, ct), "quote.approval-needed", $"quote:{quote.Id}",
                $"商机“{opportunity.Name}”的报价 v{quote.Version} 待审批：{string.Join("；", reasons.Select(r => r.Split(" / ")[0]))} / "
                + $"Quote v{quote.Version} of {opportunity.Name} waits for approval: {string.Join("; ", reasons.Select(r => r.Split(" / ")[^1]))}",
                new { opportunityId = id, quoteId = quote.Id, reasons }, now);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/opportunities/{id}/quotes/{quote.Id}", quote);
    }

    private static async Task<Ok<ListPage<Quote>>> List(Guid id, ListQuery list, DataScope scope, OpportunitiesDbContext db, CancellationToken ct)
    {
        await OpportunitiesEndpoints.FindAsync(db, scope, id, ct, track: false);
        return TypedResults.Ok(await db.Quotes.AsNoTracking().Where(q => q.OpportunityId == id).ToPageAsync(list, q => q.Id, q => q, ct));
    }

    private static async Task<(Opportunity, Quote)> FindAsync(OpportunitiesDbContext db, DataScope scope, Guid id, Guid quoteId, CancellationToken ct)
    {
        var opportunity = await OpportunitiesEndpoints.FindAsync(db, scope, id, ct);
        var quote = await db.Quotes.SingleOrDefaultAsync(q => q.Id == quoteId && q.OpportunityId == id, ct) ?? throw new NotFoundException("Quote", quoteId);
        return (opportunity, quote);
    }

    /// <summary>A manager who sees the owner (not the owner), or an admin, decides a quote waiting for approval.</summary>
    private static async Task<Ok<Quote>> Decide(Guid id, Guid quoteId, bool approve, DecisionRequest? body, Caller caller, DataScope scope, OpportunitiesDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var (opportunity, quote) = await FindAsync(db, scope, id, quoteId, ct);
        if (!(caller.IsAdmin || (caller.IsManager && scope.SeesOwner(opportunity.OwnerId))) || caller.PersonId == opportunity.OwnerId)
        {
            throw new ForbiddenException("A quote above the limits is decided by a manager of its owner (not by the owner).");
        }

        if (quote.Status != QuoteStatus.PendingApproval)
        {
            throw new ConflictException("quote.not-pending", $"The quote is {quote.Status}; only a quote waiting for approval is decided.");
        }

        var comment = Normalizer.Text(body?.Comment);
        if (!approve && comment is null)
        {
            throw new RequestValidationException("comment", "A rejection says why.");
        }

        var now = clock.GetUtcNow();
        (quote.Status, quote.DecidedBy, quote.DecisionComment, quote.DecidedAt) =
            (approve ? QuoteStatus.Issued : QuoteStatus.Rejected, OpportunitiesEndpoints.By(caller), comment, now);
        if (approve)
        {
            db.AddEvent(new QuoteApproved(quote.Id, id, quote.DecidedBy, comment) { OccurredAt = now }, clock);
            db.AddEvent(QuoteEvents.Issued(quote, opportunity, now), clock);
        }

        opportunity.Touched(now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(quote);
    }

    private static Task<Ok<Quote>> Approve(Guid id, Guid quoteId, DecisionRequest? body, Caller caller, DataScope scope, OpportunitiesDbContext db,
        TimeProvider clock, CancellationToken ct) => Decide(id, quoteId, true, body, caller, scope, db, clock, ct);

    private static Task<Ok<Quote>> Reject(Guid id, Guid quoteId, DecisionRequest? body, Caller caller, DataScope scope, OpportunitiesDbContext db,
        TimeProvider clock, CancellationToken ct) => Decide(id, quoteId, false, body, caller, scope, db, clock, ct);

    /// <summary>The customer accepted: one accepted quote per opportunity (the database keeps it), never an expired one or one not issued.</summary>
    private static async Task<Ok<Quote>> Accept(Guid id, Guid quoteId, DataScope scope, OpportunitiesDbContext db, TimeProvider clock, ReportingCalendar calendar,
        CancellationToken ct)
    {
        var (opportunity, quote) = await FindAsync(db, scope, id, quoteId, ct);
        var now = clock.GetUtcNow();
        if (quote.Status != QuoteStatus.Issued)
        {
            throw new BusinessRuleException("quote.not-issued", $"The quote is {quote.Status}; only an issued quote can be accepted.");
        }

        if (quote.ExpiredAt(now, calendar))
        {
            throw new BusinessRuleException("quote.expired", quote.OfferExpiresAt is { } offer && now > offer
                ? $"The time-limited offer ended at {offer:u}; issue a new version."
                : $"The quote was valid until {quote.ValidUntil:yyyy-MM-dd}; issue a new version.");
        }

        if (opportunity.AcceptedQuoteId is { } accepted)
        {
            throw new ConflictException("quote.accepted-already", $"Quote {accepted} of this opportunity is accepted already.")
            {
                Details = new Dictionary<string, object?> { ["existingId"] = accepted },
            };
        }

        (quote.Status, quote.AcceptedAt) = (QuoteStatus.Accepted, now);
        opportunity.Accepted(quote.Id, quote.Total, quote.Currency, now);
        db.AddEvent(new QuoteAccepted(quote.Id, id, opportunity.CustomerId, opportunity.OwnerId, new Money(quote.Total, quote.Currency)) { OccurredAt = now }, clock);
        SalesPlatform.Opportunities.Consumers.OpportunityEvents.StageChanged(db, opportunity, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(quote);
    }
}
