using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Endpoints;

// Several types in one file: The org endpoints (units, people, coverage) with their request and response records.
public sealed record UnitDto(Guid Id, string Name, string Level, Guid? ParentId, string NamePath)
{
    public static UnitDto From(OrgUnit u) => new(u.Id, u.Name, u.Level, u.ParentId, u.NamePath);
}

public sealed record TerritoryDto(string Region, string? Province, string? City);

public sealed record PersonDto(Guid Id, string Name, string Email, string Role, string? Specialty, Guid UnitId, Guid? ManagerId,
    int Capacity, int OpenLeads, bool Active, IReadOnlyList<string> Industries, IReadOnlyList<TerritoryDto> Territories)
{
    public static PersonDto From(Person p) => new(p.Id, p.Name, p.Email, p.Role, p.Specialty, p.UnitId, p.ManagerId, p.Capacity,
        p.OpenLeads, p.Active, p.Industries, [.. p.Territories.Select(t => new TerritoryDto(t.Region, t.Province, t.City))]);
}

public sealed record CreateUnitRequest(Guid? Id, string Name, string Level, Guid? ParentId);

/// <summary>A new person; <c>capacity</c> (most open leads; 0 = takes none) defaults to the assignee-search policy's for reps, 0 for others.</summary>
public sealed record CreatePersonRequest(Guid? Id, string Name, string Email, string Role, Guid UnitId, Guid? ManagerId, string? Specialty,
    int? Capacity, IReadOnlyList<TerritoryDto>? Territories, IReadOnlyList<string>? Industries);

public sealed record CoverageRequest(int Capacity, IReadOnlyList<TerritoryDto> Territories, IReadOnlyList<string> Industries);

/// <summary>Org units and people: the hierarchy, territories, specialisms and capacity.</summary>
public static class OrgEndpoints
{
    public static IEndpointRouteBuilder MapOrgEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/performance").WithTags("Org").RequireAuthorization(Policies.Staff);
        group.MapGet("/units", ListUnits);
        group.MapGet("/units/{id:guid}", GetUnit);
        group.MapPost("/units", CreateUnit).RequireAuthorization(Policies.Admin);
        group.MapGet("/people/{id:guid}", GetPerson);
        group.MapGet("/people/{id:guid}/subtree", GetSubtree);
        group.MapPost("/people", CreatePerson).RequireAuthorization(Policies.Admin);
        group.MapPut("/people/{id:guid}/coverage", SetCoverage).RequireAuthorization(Policies.Manager);
        return app;
    }

    /// <summary>The units the caller may see: everything for admins, analysts, directors and VPs; a manager's unit and those under it.</summary>
    private static async Task<Ok<ListPage<UnitDto>>> ListUnits(ListQuery list, Caller caller, DataScope scope, TeamPerformanceDbContext db, CancellationToken ct)
    {
        var query = db.Units.AsNoTracking();
        // A rep (or anyone outside the org) sees no unit at all, still as a list page.
        query = scope.ApplyUnits(query, u => u.Id);

        if (list.Pattern is { } pattern)
        {
            query = query.Where(u => EF.Functions.ILike(u.Name, pattern));
        }

        // Oldest first by default: parents were created before their children.
        return TypedResults.Ok(await query.ToPageAsync(list, u => u.Id, UnitDto.From, ct, ListSort.Oldest));
    }

    private static async Task<Ok<UnitDto>> GetUnit(Guid id, Caller caller, DataScope scope, TeamPerformanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok(UnitDto.From(await Readable.UnitAsync(db, scope, id, ct)));

    private static async Task<Created<UnitDto>> CreateUnit(CreateUnitRequest request, TeamPerformanceDbContext db, CancellationToken ct)
    {
        OrgUnit? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Units.FindAsync([parentId], ct) ?? throw new RequestValidationException("parentId", "No such parent unit.");
        }

        var unit = OrgUnit.Create(request.Id ?? Guid.CreateVersion7(), request.Name, request.Level, parent);
        if (await db.Units.AnyAsync(u => u.Id == unit.Id, ct))
        {
            throw new ConflictException("unit.exists", $"Unit '{unit.Id}' already exists.");
        }

        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/performance/units/{unit.Id}", UnitDto.From(unit));
    }

    private static async Task<Ok<PersonDto>> GetPerson(Guid id, Caller caller, DataScope scope, TeamPerformanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok(PersonDto.From(await Readable.PersonAsync(db, scope, id, ct)));

    private static async Task<Ok<List<PersonDto>>> GetSubtree(Guid id, Caller caller, DataScope scope, TeamPerformanceDbContext db, CancellationToken ct)
    {
        var person = await Readable.PersonAsync(db, scope, id, ct);
        var people = await db.People.AsNoTracking().Where(p => EF.Functions.Like(p.Path, person.Path + "%"))
            .OrderBy(p => p.Path).ToListAsync(ct);
        return TypedResults.Ok(people.Select(PersonDto.From).ToList());
    }

    private static async Task<Created<PersonDto>> CreatePerson(CreatePersonRequest request, TeamPerformanceDbContext db, CancellationToken ct)
    {
        if (!await db.Units.AnyAsync(u => u.Id == request.UnitId, ct))
        {
            throw new RequestValidationException("unitId", "No such unit.");
        }

        Person? manager = null;
        if (request.ManagerId is { } managerId)
        {
            manager = await db.People.FindAsync([managerId], ct) ?? throw new RequestValidationException("managerId", "No such manager.");
        }

        var person = Person.Create(request.Id ?? Guid.CreateVersion7(), request.Name, request.Email, request.Role, request.UnitId, manager,
            request.Specialty, request.Capacity ?? (request.Role == Roles.Rep ? (await PolicyStore.LoadAsync<AssigneeSearchPolicy>(db, ct)).DefaultRepCapacity : 0));
        person.Cover(ToTerritories(request.Territories ?? []), request.Industries ?? []);
        if (await db.People.AnyAsync(p => p.Id == person.Id || p.Email == person.Email, ct))
        {
            throw new ConflictException("person.exists", $"A person with id '{person.Id}' or e-mail '{person.Email}' already exists.");
        }

        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/performance/people/{person.Id}", PersonDto.From(person));
    }

    private static async Task<Ok<PersonDto>> SetCoverage(Guid id, CoverageRequest request, Caller caller, DataScope scope, TeamPerformanceDbContext db,
        CancellationToken ct)
    {
        await Readable.PersonAsync(db, scope, id, ct);
        var person = await db.People.FirstAsync(p => p.Id == id, ct);
        person.SetCapacity(request.Capacity);
        person.Cover(ToTerritories(request.Territories), request.Industries);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PersonDto.From(person));
    }

    private static List<Territory> ToTerritories(IEnumerable<TerritoryDto> territories) =>
    [
        .. territories.Select((t, i) => string.IsNullOrWhiteSpace(t.Region)
            ? throw new RequestValidationException($"territories[{i}].region", "A territory names at least its region.")
            : string.IsNullOrWhiteSpace(t.Province) && !string.IsNullOrWhiteSpace(t.City)
                ? throw new RequestValidationException($"territories[{i}].province", "A city territory names its province too.")
                : new Territory(t.Region.Trim(), Blank(t.Province), Blank(t.City))),
    ];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
