using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;
using SalesPlatform.Opportunities.Data;
using SalesPlatform.Opportunities.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Opportunities.Endpoints;

// Several types in one file: the price book endpoints with their request record.
public sealed record ProductRequest(string? Code, string? Name, string? Kind, string? Currency, decimal? ListPrice, decimal? UnitCost, string? Unit,
    List<PriceTier>? Tiers, List<SegmentPrice>? SegmentPrices, List<BundleComponent>? Components, bool? Active);

/// <summary>
/// The price book: <c>GET /api/opportunities/products</c> (everyone on staff), <c>POST</c> and <c>PUT .../{code}</c> (admins, sales directors
/// and finance): products with list price, unit cost and currency, volume tiers, prices by segment, bundles with their components,
/// value-added service packs and non-price concessions with their cost.
/// </summary>
public static class ProductEndpoints
{
    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/opportunities/products").WithTags("Price book").RequireAuthorization(Policies.Staff);
        products.MapGet("/", List);
        products.MapGet("/{code}", Get);
        products.MapPost("/", Create).WithRequestExample(new
        {
            code = "VIS-200", name = "视觉检测工作站", kind = "product", currency = "CNY", listPrice = 10_000m, unitCost = 6_000m, unit = "台",
            tiers = new[] { new { minQuantity = 100m, unitPrice = (decimal?)9_000m, discount = (decimal?)null } },
        });
        products.MapPut("/{code}", Update);
        return app;
    }

    private static void RequirePriceOwner(Caller caller)
    {
        if (!(caller.IsAdmin || caller.IsInRole(Roles.SalesDirector) || caller.IsInRole(Roles.Finance)))
        {
            throw new ForbiddenException("The price book is kept by admins, sales directors and finance.");
        }
    }

    private static async Task<Ok<ListPage<Product>>> List(ListQuery list, string? kind, bool? active, OpportunitiesDbContext db, CancellationToken ct)
    {
        var query = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(kind))
        {
            var code = OpportunityVocabularies.ProductKinds.Resolve(kind)?.Code
                ?? throw new RequestValidationException("kind", "Kind must be one of: " + OpportunityVocabularies.ProductKinds.Describe() + ".");
            query = query.Where(p => p.Kind == code);
        }

        if (active is not null)
        {
            query = query.Where(p => p.Active == active);
        }

        query = query.Search(list, pattern => p => EF.Functions.ILike(p.Name, pattern) || EF.Functions.ILike(p.Code, pattern));
        return TypedResults.Ok(await query.ToPageAsync(list, p => p.Id, p => p, ct, ListSort.Oldest));
    }

    private static async Task<Ok<Product>> Get(string code, OpportunitiesDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct) ?? throw new NotFoundException("Product", code));

    private static async Task<Created<Product>> Create(ProductRequest? body, Caller caller, OpportunitiesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        RequirePriceOwner(caller);
        var product = new Product { Code = body?.Code?.Trim() ?? "" };
        await ApplyAsync(product, body, db, clock, ct);
        if (await db.Products.AnyAsync(p => p.Code == product.Code, ct))
        {
            throw new ConflictException("product.exists", $"Product {product.Code} exists; change it with PUT.") { Details = new Dictionary<string, object?> { ["existingId"] = product.Code } };
        }

        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/opportunities/products/{product.Code}", product);
    }

    private static async Task<Ok<Product>> Update(string code, ProductRequest? body, Caller caller, OpportunitiesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        RequirePriceOwner(caller);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Code == code, ct) ?? throw new NotFoundException("Product", code);
        await ApplyAsync(product, body is null ? null : body with { Code = code }, db, clock, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(product);
    }

    private static async Task ApplyAsync(Product product, ProductRequest? body, OpportunitiesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var kind = OpportunityVocabularies.ProductKinds.Resolve(body?.Kind ?? "product")?.Code ?? body?.Kind;
        var currency = body?.Currency?.Trim().ToUpperInvariant() ?? "CNY";
        var errors = Product.Problems(body?.Code?.Trim(), Normalizer.Text(body?.Name), kind, currency, body?.ListPrice, body?.UnitCost, body?.Tiers,
            body?.SegmentPrices, body?.Components);
        if (errors.Count == 0 && kind == "bundle")
        {
            var codes = body!.Components!.Select(c => c.ProductCode).ToList();
            var parts = await db.Products.AsNoTracking().Where(p => codes.Contains(p.Code)).ToListAsync(ct);
            if (parts.Count != codes.Distinct().Count() || parts.Any(p => p.Kind == "bundle" || p.Currency != currency))
            {
                errors["components"] = ["Components are existing products (not bundles) in the bundle's currency."];
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        product.Name = Normalizer.Text(body!.Name)!;
        product.Kind = kind!;
        product.Currency = currency;
        product.ListPrice = body.ListPrice!.Value;
        product.UnitCost = body.UnitCost ?? 0m;
        product.Unit = Normalizer.Text(body.Unit);
        product.Tiers = [.. (body.Tiers ?? []).OrderBy(t => t.MinQuantity)];
        product.SegmentPrices = body.SegmentPrices ?? [];
        product.Components = body.Components ?? [];
        product.Active = body.Active ?? true;
        product.UpdatedAt = clock.GetUtcNow();
    }
}
