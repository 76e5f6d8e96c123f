using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Endpoints;

// Several types in one file: The target endpoints with their request and response records, read next to the handlers that take them.
public sealed record CreateTargetRequest(string Metric, int Year, Guid? UnitId, Guid? PersonId, Guid? PartnerId, string? Product,
    decimal Amount, string Currency, string Specific, string Measure, string? Achievable, string? Relevant, DateOnly? Deadline);

public sealed record TargetPart(Guid? UnitId, Guid? PersonId, Guid? PartnerId, string? Product, int? Month, decimal Weight, int? Quarter = null);

public sealed record DecomposeRequest(IReadOnlyList<TargetPart> Children);

public sealed record AdjustTargetRequest(decimal Amount, [property: MultilineText] string Reason);

public sealed record AdjustmentDto(decimal OldAmount, decimal NewAmount, string Reason, string AdjustedBy, DateTimeOffset AdjustedAt);

public sealed record TargetDto(Guid Id, Guid? ParentId, string Metric, int Year, Guid? UnitId, Guid? PersonId, Guid? PartnerId,
    string? Product, int? Month, decimal Amount, string Currency, decimal Weight, string Specific, string Measure, string? Achievable,
    string? Relevant, DateOnly Deadline, IReadOnlyList<AdjustmentDto> Adjustments, int? Quarter = null)
{
    public static TargetDto From(Target t) => new(t.Id, t.ParentId, t.Metric, t.Year, t.UnitId, t.PersonId, t.PartnerId, t.Product, t.Month,
        t.Amount, t.Currency, t.Weight, t.Specific, t.Measure, t.Achievable, t.Relevant, t.Deadline,
        [.. t.Adjustments.OrderBy(a => a.AdjustedAt).Select(a => new AdjustmentDto(a.OldAmount, a.NewAmount, a.Reason, a.AdjustedBy, a.AdjustedAt))],
        t.Quarter);
}

/// <summary>
/// Targets: an annual target per metric, decomposed over units, people, partners, products and months by
/// weight. Children always add up exactly to their parent: amounts are split by the largest remainder on the
/// cent (<see cref="Decomposition"/>), and an adjustment re-splits the descendants and re-sums the ancestors.
/// </summary>
public static class TargetEndpoints
{
    public static IEndpointRouteBuilder MapTargetEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/performance/targets").WithTags("Targets").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListTargets);
        group.MapGet("/{id:guid}", GetTarget);
        group.MapPost("/", CreateTarget).RequireAuthorization(Policies.Manager).WithRequestExample(new
        {
            metric = "revenue", year = 2027, unitId = "4d156ba4-fe9c-5468-b29d-355ef733c257", amount = 120000000m, currency = "CNY",
            specific = "East China revenue 2027", measure = "Signed contract value", achievable = "Pipeline coverage 3.1x", relevant = "Company plan", deadline = "2027-12-31",
        });
        group.MapPost("/{id:guid}/decompose", Decompose).RequireAuthorization(Policies.Manager).WithRequestExample(new
        {
            // A company target to two regions (华东大区, 华北大区): each child inside the parent, none inside another.
            children = new[] { new { unitId = "4d156ba4-fe9c-5468-b29d-355ef733c257", weight = 0.6m }, new { unitId = "2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f51", weight = 0.4m } },
        });
        group.MapPut("/{id:guid}", AdjustTarget).RequireAuthorization(Policies.Manager)
            .WithRequestExample(new { amount = 110000000m, reason = "Q2 review: key account slipped to 2028" });
        return app;
    }

    private static async Task<Ok<ListPage<TargetDto>>> ListTargets(int year, string? metric, Guid? personId, Guid? unitId, ListQuery list,
        Caller caller, DataScope scope, TeamPerformanceDbContext db, CancellationToken ct)
    {
        var query = db.Targets.AsNoTracking().Include(t => t.Adjustments).Where(t => t.Year == year);
        if (metric is not null)
        {
            query = query.Where(t => t.Metric == metric);
        }

        if (personId is { } pid)
        {
            await Readable.PersonAsync(db, scope, pid, ct);
            query = query.Where(t => t.PersonId == pid);
        }
        else if (unitId is { } uid)
        {
            await Readable.UnitAsync(db, scope, uid, ct);
            query = query.Where(t => t.UnitId == uid);
        }
        else if (!scope.SeesAll)
        {
            query = query.Where(t => t.PersonId == caller.PersonId);
        }

        if (list.Pattern is { } pattern)
        {
            query = query.Where(t => (t.Product != null && EF.Functions.ILike(t.Product, pattern)) || EF.Functions.ILike(t.Metric, pattern));
        }

        return TypedResults.Ok(await query.ToPageAsync(list, t => t.Id, TargetDto.From, ct, ListSort.Oldest));
    }

    private static async Task<Ok<TargetDto>> GetTarget(Guid id, Caller caller, DataScope scope, TeamPerformanceDbContext db, CancellationToken ct)
    {
        var target = await db.Targets.AsNoTracking().Include(t => t.Adjustments).FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new NotFoundException("Target", id);
        await EnsureReadableAsync(db, scope, target.UnitId, target.PersonId, target.PartnerId, id, ct);
        return TypedResults.Ok(TargetDto.From(target));
    }

    private static async Task<Created<TargetDto>> CreateTarget(CreateTargetRequest request, Caller caller, DataScope scope, TeamPerformanceDbContext db,
        TimeProvider clock, Microsoft.Extensions.Options.IOptions<TeamPerformanceOptions> options, CancellationToken ct)
    {
        // KPIs and commissions measure in the reporting currency: a target in another one could never be attained.
        var currency = request.Currency ?? "";
        if (!string.Equals(currency.Trim(), options.Value.Currency, StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestValidationException("currency", $"Targets are set in the reporting currency, {options.Value.Currency}.");
        }

        var target = Target.CreateAnnual(request.Metric, request.Year, request.UnitId, request.PersonId, request.PartnerId, request.Product,
            request.Amount, currency, request.Specific, request.Measure, request.Achievable, request.Relevant, request.Deadline,
            Who(caller), clock.GetUtcNow());
        await EnsureOwnerAsync(db, scope, request.UnitId, request.PersonId, request.PartnerId, "owner", ct);
        db.Targets.Add(target);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/performance/targets/{target.Id}", TargetDto.From(target));
    }

    private static async Task<Created<List<TargetDto>>> Decompose(Guid id, DecomposeRequest request, Caller caller, DataScope scope,
        TeamPerformanceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var parent = await db.Targets.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Target", id);
        await EnsureReadableAsync(db, scope, parent.UnitId, parent.PersonId, parent.PartnerId, id, ct);
        if (await db.Targets.AnyAsync(t => t.ParentId == id, ct))
        {
            throw new ConflictException("target.already-decomposed", "This target is already decomposed; adjust it or its children instead.");
        }

        var children = request.Children ?? [];
        for (var i = 0; i < children.Count; i++)
        {
            var part = children[i];
            await EnsureOwnerAsync(db, scope, part.UnitId, part.PersonId, part.PartnerId, $"children[{i}]", ct, optional: true);
        }

        await EnsureInsideAsync(db, parent, children, ct);

        var amounts = Decomposition.Split(parent.Amount, [.. children.Select(c => c.Weight)]);
        var now = clock.GetUtcNow();
        var created = children.Select((c, i) => parent.Child(c.UnitId, c.PersonId, c.PartnerId, c.Product, c.Month, c.Weight, amounts[i],
            Who(caller), now.AddTicks(i), c.Quarter)).ToList();
        db.Targets.AddRange(created);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/performance/targets/{id}", created.Select(TargetDto.From).ToList());
    }

    /// <summary>
    /// Adjusts a target: its descendants re-split by weight and its ancestors re-summed. With
    /// <c>?preview=true</c> nothing is saved: the answer shows the effect on every parent and child first.
    /// </summary>
    private static async Task<Ok<List<TargetDto>>> AdjustTarget(Guid id, AdjustTargetRequest request, bool? preview, Caller caller, DataScope scope,
        TeamPerformanceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var target = await db.Targets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Target", id);
        await EnsureReadableAsync(db, scope, target.UnitId, target.PersonId, target.PartnerId, id, ct);
        var tree = await db.Targets.Include(t => t.Adjustments)
            .Where(t => t.Metric == target.Metric && t.Year == target.Year).ToListAsync(ct);
        var changed = TargetTree.Adjust(tree, id, request.Amount, request.Reason, Who(caller), clock.GetUtcNow());
        if (preview != true)
        {
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(changed.Select(TargetDto.From).ToList());
    }

    /// <summary>
    /// Every child lies inside the parent (a unit at or under the parent's unit, a person in it, the same
    /// partner), and no child lies inside another one with the same month and product (East China split into
    /// Jiangsu and Suzhou would count Suzhou twice): 400 naming the child.
    /// </summary>
    private static async Task EnsureInsideAsync(TeamPerformanceDbContext db, Target parent, IReadOnlyList<TargetPart> children, CancellationToken ct)
    {
        var unitIds = children.Select(c => c.UnitId).OfType<Guid>().Append(parent.UnitId ?? Guid.Empty).Distinct().ToList();
        var unitPaths = await db.Units.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var personIds = children.Select(c => c.PersonId).OfType<Guid>().Append(parent.PersonId ?? Guid.Empty).Distinct().ToList();
        var people = await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (p.Path, p.UnitId), ct);
        var personUnits = people.Values.Select(p => p.UnitId).Distinct().ToList();
        var personUnitPaths = await db.Units.Where(u => personUnits.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);

        // The scope a child covers, as a path prefix: a unit's path, a person's unit path plus the person.
        string? ScopeOf(Guid? unit, Guid? person) =>
            unit is { } u ? unitPaths.GetValueOrDefault(u)
            : person is { } p && people.TryGetValue(p, out var who) ? personUnitPaths.GetValueOrDefault(who.UnitId) + "person:" + p : null;
        var parentScope = parent.PartnerId is null ? ScopeOf(parent.UnitId, parent.PersonId) : null;

        var errors = new Dictionary<string, string[]>();
        var scopes = new List<(int Index, string Scope, (int?, int?) Month, string? Product)>();
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            var owned = child.UnitId is not null || child.PersonId is not null || child.PartnerId is not null;
            var unitOrPerson = owned ? ScopeOf(child.UnitId, child.PersonId) : parentScope;
            var inside = parent.PartnerId is { } partner
                ? !owned || child.PartnerId == partner
                : child.PartnerId is null && unitOrPerson is not null && parentScope is not null
                  && (unitOrPerson.StartsWith(parentScope, StringComparison.Ordinal)
                      || (parent.PersonId is not null && child.PersonId == parent.PersonId));
            if (!inside)
            {
                errors[$"children[{i}]"] = ["A child target lies inside its parent: a unit at or under the parent's unit, a person in it, or the parent's own owner by month or product."];
                continue;
            }

            if (unitOrPerson is not null)
            {
                scopes.Add((i, unitOrPerson, (child.Month, child.Quarter), child.Product));
            }
        }

        foreach (var (i, childScope, month, product) in scopes)
        {
            if (scopes.FirstOrDefault(o => o.Index != i && o.Month == month && o.Product == product && o.Scope != childScope
                    && childScope.StartsWith(o.Scope, StringComparison.Ordinal)) is { Scope: not null } outer)
            {
                errors[$"children[{i}]"] = [$"children[{i}] lies inside children[{outer.Index}]: its amount would be counted twice."];
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    private static async Task EnsureReadableAsync(TeamPerformanceDbContext db, DataScope scope, Guid? unitId, Guid? personId, Guid? partnerId,
        Guid targetId, CancellationToken ct)
    {
        try
        {
            await EnsureOwnerAsync(db, scope, unitId, personId, partnerId, "owner", ct);
        }
        catch (RequestValidationException)
        {
            throw new NotFoundException("Target", targetId);
        }
    }

    private static async Task EnsureOwnerAsync(TeamPerformanceDbContext db, DataScope scope, Guid? unitId, Guid? personId, Guid? partnerId,
        string field, CancellationToken ct, bool optional = false)
    {
        try
        {
            if (personId is { } pid)
            {
                await Readable.PersonAsync(db, scope, pid, ct);
            }
            else if (unitId is { } uid)
            {
                await Readable.UnitAsync(db, scope, uid, ct);
            }
            else if (partnerId is { } partner)
            {
                if (!await db.Partners.AnyAsync(p => p.Id == partner, ct) || !(scope.SeesAll || scope.Reach == DataReach.Subtree))
                {
                    throw new NotFoundException("Partner", partner);
                }
            }
            else if (!optional)
            {
                throw new RequestValidationException(field, "Set exactly one of unitId, personId or partnerId.");
            }
        }
        catch (NotFoundException e)
        {
            throw new RequestValidationException(field, $"{e.Message} (or it is outside your part of the organisation).");
        }
    }

    private static string Who(Caller caller) => caller.Name ?? caller.PersonId?.ToString() ?? "unknown";
}
