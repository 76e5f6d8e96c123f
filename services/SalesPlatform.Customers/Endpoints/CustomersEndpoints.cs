using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Domain;
using SalesPlatform.Domain;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Customers.Endpoints;

// Several types in one file: the customer endpoints with their request and response records.
public sealed record ContactRequest(string? Name, string? Title, string? Role, string? Email, string? Phone);

public sealed record CreateCustomerRequest(string? Name, string? CreditCode, string? Industry, string? Size, string? Region, string? Province,
    string? City, List<ContactRequest>? Contacts, List<string>? Tags, Guid? OwnerId);

public sealed record CustomerDto(Guid Id, string Name, string? CreditCode, string? Industry, string? Size, string? Region, string? Province,
    string? City, Guid? OwnerId, Guid? PartnerId, IReadOnlyList<CustomerContact> Contacts, IReadOnlyList<string> Tags, Guid? SourceLeadId,
    DateTimeOffset CreatedAt, string? RfmSegment, string? ValueTier, string? Lifecycle, decimal? LifetimeValue, int ChurnScore, bool AtRisk,
    DateTimeOffset? LastFollowUpAt, DateTimeOffset? LastDealAt, bool Locked, DateTimeOffset? LostAt, string? LostReason)
{
    public static CustomerDto From(Customer c) => new(c.Id, c.Name, c.CreditCode, c.Industry, c.Size, c.Region, c.Province, c.City, c.OwnerId,
        c.PartnerId, c.Contacts, c.Tags, c.SourceLeadId, c.CreatedAt, c.Segment?.RfmSegment, c.Segment?.ValueTier, c.Segment?.Lifecycle,
        c.Segment?.LifetimeValue, c.ChurnScore, c.ChurnRaisedAt is not null, c.LastFollowUpAt, c.LastDealAt, c.Locked, c.LostAt, c.LostReason);
}

public sealed record TimelineEntryDto(Guid Id, string Kind, string Summary, string? Subject, DateTimeOffset OccurredAt)
{
    public static TimelineEntryDto From(TimelineEntry e) => new(e.Id, e.Kind, e.Summary, e.Subject, e.OccurredAt);
}

/// <summary>
/// Customers: <c>POST /api/customers</c> (validated; a credit code or company name that exists is 409 with the
/// existing id), <c>GET /api/customers</c> (list envelope, scoped, <c>q</c> in Chinese or English),
/// <c>GET /api/customers/{id}</c> and its <c>/timeline</c>. Reads outside the caller's data scope are 404.
/// </summary>
public static class CustomersEndpoints
{
    public static IEndpointRouteBuilder MapCustomersEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization(Policies.AnyCaller);
        customers.MapPost("/", CreateCustomer).RequireAuthorization(Policies.Staff).WithRequestExample(new
        {
            name = "苏州精密机械有限公司", creditCode = "91320500MA1MXXXX00", industry = "制造业", size = "200-999人", region = "华东", province = "江苏",
            city = "苏州", contacts = new[] { new { name = "王芳", title = "采购经理", role = "procurement", email = "wang.fang@szjm.example" } },
        });
        customers.MapGet("/", ListCustomers);
        customers.MapGet("/{id:guid}", GetCustomer);
        customers.MapGet("/{id:guid}/timeline", GetTimeline);
        return app;
    }

    private static async Task<Created<CustomerDto>> CreateCustomer(CreateCustomerRequest? body, Caller caller, CustomersDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var details = Validate(body);
        await RefuseDuplicateAsync(db, details, ct);
        var now = clock.GetUtcNow();
        var customer = Customer.Create(details, body!.OwnerId ?? caller.PersonId, null, null, now);
        db.Customers.Add(customer);
        db.AddEvent(new SalesPlatform.Events.Customers.CustomerRegistered(customer.Id, customer.Name, customer.CreditCode, customer.OwnerId) { OccurredAt = now }, clock);
        db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(now), CustomerId = customer.Id, Kind = "customer.created", OccurredAt = now,
            Summary = $"客户“{customer.Name}”已建档 / Customer {customer.Name} created by {caller.Name ?? caller.PersonId?.ToString()}",
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two creations of one company at once: the other won the unique index.
            await RefuseDuplicateAsync(db, details, ct);
            throw;
        }

        return TypedResults.Created($"/api/customers/{customer.Id}", CustomerDto.From(customer));
    }

    private static async Task<Ok<ListPage<CustomerDto>>> ListCustomers(ListQuery list, string? industry, string? region, Guid? owner, string? segment,
        string? tier, string? lifecycle, DataScope scope, CustomersDbContext db, CancellationToken ct)
    {
        var query = scope.Apply(db.Customers.AsNoTracking(), c => c.OwnerId, c => c.PartnerId);
        if (Vocabularies.Industries.Resolve(industry)?.Code is { } code)
        {
            query = query.Where(c => c.Industry == code);
        }

        if (Vocabularies.Regions.Resolve(region)?.Code is { } place)
        {
            query = query.Where(c => c.Region == place);
        }

        if (owner is not null)
        {
            query = query.Where(c => c.OwnerId == owner);
        }

        if (Resolve(CustomerVocabularies.RfmSegments, segment, "segment") is { } rfm)
        {
            query = query.Where(c => c.Segment!.RfmSegment == rfm);
        }

        if (Resolve(CustomerVocabularies.ValueTiers, tier, "tier") is { } valueTier)
        {
            query = query.Where(c => c.Segment!.ValueTier == valueTier);
        }

        if (Resolve(CustomerVocabularies.LifecycleStages, lifecycle, "lifecycle") is { } stage)
        {
            query = query.Where(c => c.Segment!.Lifecycle == stage);
        }

        query = query.Search(list, pattern => c => EF.Functions.ILike(c.Name, pattern) || (c.CreditCode != null && EF.Functions.ILike(c.CreditCode, pattern)));
        return TypedResults.Ok(await query.ToPageAsync(list, c => c.Id, CustomerDto.From, ct));
    }

    /// <summary>A filter value in Chinese or English resolved to its code; an unknown one is 400 naming the parameter.</summary>
    internal static string? Resolve(Vocabulary vocabulary, string? value, string field) => string.IsNullOrWhiteSpace(value) ? null
        : vocabulary.Resolve(value)?.Code ?? throw new RequestValidationException(field, $"{field} must be one of: {vocabulary.Describe()}.");

    private static async Task<Ok<CustomerDto>> GetCustomer(Guid id, DataScope scope, CustomersDbContext db, CancellationToken ct) =>
        TypedResults.Ok(CustomerDto.From(await FindVisibleAsync(db, scope, id, ct)));

    /// <summary>What happened to the customer, oldest first, in the list envelope.</summary>
    private static async Task<Ok<ListPage<TimelineEntryDto>>> GetTimeline(Guid id, ListQuery list, DataScope scope, CustomersDbContext db,
        CancellationToken ct)
    {
        await FindVisibleAsync(db, scope, id, ct);
        return TypedResults.Ok(await db.Timeline.AsNoTracking().Where(e => e.CustomerId == id)
            .ToPageAsync(list, e => e.Id, TimelineEntryDto.From, ct, ListSort.Oldest));
    }

    internal static async Task<Customer> FindVisibleAsync(CustomersDbContext db, DataScope scope, Guid id, CancellationToken ct) =>
        await scope.Apply(db.Customers.AsNoTracking(), c => c.OwnerId, c => c.PartnerId).SingleOrDefaultAsync(c => c.Id == id, ct)
        ?? throw new NotFoundException("Customer", id);

    /// <summary>A customer with the same credit code, or without codes the same normalised name: 409 with its id.</summary>
    private static async Task RefuseDuplicateAsync(CustomersDbContext db, CustomerDetails details, CancellationToken ct)
    {
        var key = Normalizer.CompanyKey(details.Name);
        var existing = details.CreditCode is { } code
            ? await db.Customers.Where(c => c.CreditCode == code).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
            : await db.Customers.Where(c => c.CreditCode == null && c.NameKey == key).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            throw new ConflictException("customer.duplicate", details.CreditCode is null
                ? $"A customer named like '{details.Name}' exists ({id})."
                : $"A customer with credit code {details.CreditCode} exists ({id}).")
            {
                Details = new Dictionary<string, object?> { ["existingId"] = id, ["matchedBy"] = details.CreditCode is null ? "name" : "creditCode" },
            };
        }
    }

    /// <summary>Every field checked (400 naming each), Chinese or English input resolved to vocabulary codes.</summary>
    internal static CustomerDetails Validate(CreateCustomerRequest? body)
    {
        var errors = new Dictionary<string, string[]>();
        var name = Normalizer.Text(body?.Name);
        if (name is null || name.Length > 200)
        {
            errors["name"] = ["The company name is required (at most 200 characters)."];
        }

        var code = CreditCode.Normalize(body?.CreditCode);
        if (code is not null && CreditCode.Problem(code) is { } problem)
        {
            errors["creditCode"] = [problem];
        }

        var industry = Vocabularies.Industries.Resolve(body?.Industry)?.Code ?? Normalizer.Code(body?.Industry);
        var size = Vocabularies.CompanySizes.Resolve(body?.Size)?.Code;
        if (!string.IsNullOrWhiteSpace(body?.Size) && size is null)
        {
            errors["size"] = ["Size must be one of: " + Vocabularies.CompanySizes.Describe() + "."];
        }

        var contacts = new List<CustomerContact>();
        for (var i = 0; i < (body?.Contacts?.Count ?? 0); i++)
        {
            var c = body!.Contacts![i];
            var contactName = Normalizer.Text(c.Name);
            var role = CustomerVocabularies.ContactRoles.Resolve(c.Role)?.Code;
            var email = Normalizer.Email(c.Email);
            if (contactName is null)
            {
                errors[$"contacts[{i}].name"] = ["A contact needs a name."];
            }

            if (!string.IsNullOrWhiteSpace(c.Role) && role is null)
            {
                errors[$"contacts[{i}].role"] = ["Role must be one of: " + CustomerVocabularies.ContactRoles.Describe() + "."];
            }

            if (email is not null && !Normalizer.IsValidEmail(email))
            {
                errors[$"contacts[{i}].email"] = ["Not an e-mail address."];
            }

            contacts.Add(new CustomerContact(contactName ?? "", Normalizer.Text(c.Title), role, email, Normalizer.Text(c.Phone)));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var (region, province, city) = Vocabularies.ResolvePlace(Normalizer.Text(body!.Region), Normalizer.Text(body.Province), Normalizer.Text(body.City));
        var tags = (body.Tags ?? []).Select(Normalizer.Text).OfType<string>().Distinct().ToList();
        return new CustomerDetails(name!, code, industry, size, region, province, city, contacts, tags);
    }
}
