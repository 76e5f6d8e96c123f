using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Endpoints;

// Several types in one file: the segmentation and cross-sell endpoints with their response records.
/// <summary>How many customers in the caller's scope are in each RFM segment, value tier and lifecycle stage.</summary>
public sealed record SegmentCountsDto(int Customers, IReadOnlyDictionary<string, int> RfmSegments, IReadOnlyDictionary<string, int> ValueTiers,
    IReadOnlyDictionary<string, int> Lifecycle, int Unsegmented);

/// <summary>A product to offer: bought by customers like this one who bought what it has, with the rule's metrics, explained.</summary>
public sealed record CrossSellDto(string Product, string BecauseOf, string Group, decimal Support, decimal Confidence, decimal Lift, int Customers,
    string Explanation);

/// <summary>The next volume tier of something the customer buys.</summary>
public sealed record UpSellDto(string Product, string ProductName, decimal LastQuantity, decimal LastUnitPrice, decimal NextTierMinQuantity,
    decimal NextTierUnitPrice, string Currency, string Explanation);

public sealed record SuggestionsDto(Guid CustomerId, IReadOnlyList<CrossSellDto> CrossSell, IReadOnlyList<UpSellDto> UpSell);

/// <summary>
/// Segmentation (<c>GET /api/customers/segments</c> counts; <c>GET .../{id}/segment</c> with the scores and the rules that placed it;
/// list filters on <c>GET /api/customers</c>) and <c>GET .../{id}/suggestions</c> (cross-sell with support, confidence and lift from
/// the incrementally kept counts, and up-sell to the next volume tier).
/// </summary>
public static class SegmentEndpoints
{
    public static IEndpointRouteBuilder MapSegmentEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customer segments").RequireAuthorization(Policies.Staff)
            .Refuses(StatusCodes.Status503ServiceUnavailable);
        customers.MapGet("/segments", Counts);
        customers.MapGet("/{id:guid}/segment", GetSegment);
        customers.MapGet("/{id:guid}/suggestions", Suggestions);
        var policies = app.MapGroup("/api/customers/policies").WithTags("Customer policies").RequireAuthorization(Policies.Staff);
        policies.MapPolicy<CustomersDbContext, SegmentationPolicy>();
        policies.MapPolicy<CustomersDbContext, CrossSellPolicy>();
        return app;
    }

    private static async Task<Ok<SegmentCountsDto>> Counts(DataScope scope, CustomersDbContext db, CancellationToken ct)
    {
        var visible = scope.Apply(db.Customers.AsNoTracking(), c => c.OwnerId, c => c.PartnerId);
        var rows = await visible.GroupBy(c => new { c.Segment!.RfmSegment, c.Segment.ValueTier, c.Segment.Lifecycle })
            .Select(g => new { g.Key.RfmSegment, g.Key.ValueTier, g.Key.Lifecycle, Count = g.Count() }).ToListAsync(ct);
        var rfm = SegmentationPolicy.RfmSegments.ToDictionary(s => s, s => rows.Where(r => r.RfmSegment == s).Sum(r => r.Count));
        var tiers = SegmentationPolicy.ValueTiers.ToDictionary(s => s, s => rows.Where(r => r.ValueTier == s).Sum(r => r.Count));
        var stages = SegmentationPolicy.LifecycleStages.ToDictionary(s => s, s => rows.Where(r => r.Lifecycle == s).Sum(r => r.Count));
        return TypedResults.Ok(new SegmentCountsDto(rows.Sum(r => r.Count), rfm, tiers, stages, rows.Where(r => r.ValueTier == null).Sum(r => r.Count)));
    }

    private static async Task<Ok<CustomerSegment>> GetSegment(Guid id, DataScope scope, CustomersDbContext db, CancellationToken ct)
    {
        var customer = await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        return customer.Segment is { } segment ? TypedResults.Ok(segment)
            : throw new SalesPlatform.Domain.NotFoundException("Segment of customer", id);
    }

    private static async Task<Ok<SuggestionsDto>> Suggestions(Guid id, DataScope scope, CustomersDbContext db, CancellationToken ct)
    {
        var customer = await CustomersEndpoints.FindVisibleAsync(db, scope, id, ct);
        var policy = await PolicyStore.LoadAsync<CrossSellPolicy>(db, ct);
        var holdings = await db.Holdings.AsNoTracking().Where(h => h.CustomerId == id).ToListAsync(ct);
        var held = holdings.Select(h => h.ProductCode).ToHashSet(StringComparer.Ordinal);
        // The customer's industry when enough customers of it have bought; otherwise every customer.
        var group = "*";
        if (customer.Industry is { } industry
            && await db.AffinityCounts.AsNoTracking().Where(c => c.Group == industry && c.ProductA == "" && c.ProductB == "").Select(c => c.Customers)
                .FirstOrDefaultAsync(ct) >= policy.MinGroupCustomers)
        {
            group = industry;
        }

        var counts = await db.AffinityCounts.AsNoTracking().Where(c => c.Group == group && (c.ProductA == "" || held.Contains(c.ProductA) || c.ProductB == ""))
            .ToListAsync(ct);
        var baskets = counts.FirstOrDefault(c => c.ProductA == "" && c.ProductB == "")?.Customers ?? 0;
        var single = counts.Where(c => c.ProductA != "" && c.ProductB == "").ToDictionary(c => c.ProductA, c => c.Customers, StringComparer.Ordinal);
        var rules = counts.Where(c => c.ProductA != "" && c.ProductB != "")
            .Select(c => new AssociationRule(group, c.ProductA, c.ProductB, c.Customers, single.GetValueOrDefault(c.ProductA), single.GetValueOrDefault(c.ProductB), baskets));
        var crossSell = policy.Suggest(rules, held).Select(r => new CrossSellDto(r.Consequent, r.Antecedent, r.Group, r.Support, r.Confidence, r.Lift, r.Both,
            $"{GroupName(r.Group)}买了 {r.Antecedent} 的 {r.WithAntecedent} 家客户中，{r.Both} 家（{Percent(r.Confidence)}）也买了 {r.Consequent}，是平均水平的 {Num(r.Lift)} 倍 / "
            + $"of {r.WithAntecedent} {(r.Group == "*" ? "" : r.Group + " ")}customers who bought {r.Antecedent}, {r.Both} ({Percent(r.Confidence)}) also bought {r.Consequent}: "
            + $"{Num(r.Lift)} times the usual rate")).ToList();
        var upSell = holdings.Where(h => h.NextTierMinQuantity is { } min && min > h.LastQuantity && h.NextTierUnitPrice is not null)
            .OrderBy(h => h.ProductCode, StringComparer.Ordinal)
            .Select(h => new UpSellDto(h.ProductCode, h.ProductName, h.LastQuantity, h.LastUnitPrice, h.NextTierMinQuantity!.Value, h.NextTierUnitPrice!.Value,
                h.Currency, $"上次采购 {Num(h.LastQuantity)} 件，单价 {Num(h.LastUnitPrice)}；达到 {Num(h.NextTierMinQuantity!.Value)} 件单价为 {Num(h.NextTierUnitPrice!.Value)} / "
                + $"bought {Num(h.LastQuantity)} at {Num(h.LastUnitPrice)}; from {Num(h.NextTierMinQuantity!.Value)} the unit price is {Num(h.NextTierUnitPrice!.Value)} {h.Currency}"))
            .ToList();
        return TypedResults.Ok(new SuggestionsDto(id, crossSell, upSell));
    }

    private static string GroupName(string group) => group == "*" ? "" : SalesPlatform.Domain.Vocabularies.Industries.Resolve(group)?.ZhCn + "行业";

    private static string Percent(decimal share) => Math.Round(share * 100m, 0, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static string Num(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
