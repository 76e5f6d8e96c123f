using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// What one caller may see (數據權限), resolved once per request by <see cref="DataScopes"/>: how far
/// (<see cref="Reach"/>), the people whose records count as theirs (themselves, or everyone in their
/// subtree), the org units at or under their own (managers), and the partner a partner user acts for.
/// Records on which the caller is a collaborator are visible too. Services apply it in their queries with
/// <see cref="Filter{T}"/> (never after loading) and answer 404 for anything outside it.
/// </summary>
/// <param name="Reach">Own, subtree or everything, by role (<see cref="DataScopeRules"/>).</param>
/// <param name="PersonId">The staff member, null for partners and services.</param>
/// <param name="PartnerId">The partner a partner user acts for.</param>
/// <param name="People">Owners whose records the caller sees (empty when <see cref="Reach"/> is All).</param>
/// <param name="Units">Org units the caller sees (a manager's unit and those under it; empty when All).</param>
public sealed record DataScope(DataReach Reach, Guid? PersonId, Guid? PartnerId, IReadOnlyList<Guid> People, IReadOnlyList<Guid> Units)
{
    /// <summary>True when nothing is filtered.</summary>
    public bool SeesAll => Reach == DataReach.All && PartnerId is null;

    /// <summary>True for a partner user: only records of <see cref="PartnerId"/> show.</summary>
    public bool IsPartner => PartnerId is not null;

    /// <summary>True when records owned by <paramref name="personId"/> are visible.</summary>
    public bool SeesOwner(Guid? personId) => SeesAll || (!IsPartner && personId is { } id && People.Contains(id));

    /// <summary>True when org unit <paramref name="unitId"/> (its members, targets and totals) is visible.</summary>
    public bool SeesUnit(Guid unitId) => SeesAll || (!IsPartner && Units.Contains(unitId));

    /// <summary>
    /// The condition, for SQL, that a record is visible: for staff, owned by one of <see cref="People"/> or
    /// naming the caller among its <paramref name="collaborators"/>; for a partner, carrying its id in
    /// <paramref name="partner"/> (a resource without a partner field shows a partner nothing).
    /// </summary>
    /// <param name="owner">The record's owner (a person id; null = unowned, which only All sees).</param>
    /// <param name="partner">The partner that referred or owns the record, if the resource has one.</param>
    /// <param name="collaborators">People who work on the record with its owner (presales, technical), if any.</param>
    public Expression<Func<T, bool>> Filter<T>(Expression<Func<T, Guid?>> owner, Expression<Func<T, Guid?>>? partner = null,
        Expression<Func<T, IEnumerable<Guid>>>? collaborators = null)
    {
        if (PartnerId is { } partnerId)
        {
            var partnerValue = new Captured<Guid?>(partnerId);
            return partner is null ? _ => false : Predicates.On(partner, p => p == partnerValue.Value);
        }

        if (Reach == DataReach.All)
        {
            return _ => true;
        }

        var people = new Captured<Guid[]>([.. People]);
        var visible = Predicates.On(owner, o => o != null && people.Value.Contains(o.Value));
        if (collaborators is not null && PersonId is { } me)
        {
            // "ARRAY[me] <@ collaborators": the form a GIN index on an array column serves.
            var person = new Captured<Guid[]>([me]);
            visible = Predicates.Or(visible, Predicates.On(collaborators, c => person.Value.All(p => c.Contains(p))));
        }

        return visible;
    }

    /// <summary><paramref name="source"/> narrowed to what the caller sees (see <see cref="Filter{T}"/>).</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> source, Expression<Func<T, Guid?>> owner, Expression<Func<T, Guid?>>? partner = null,
        Expression<Func<T, IEnumerable<Guid>>>? collaborators = null) =>
        SeesAll ? source : source.Where(Filter(owner, partner, collaborators));

    /// <summary><paramref name="source"/> narrowed to records of the org units the caller sees.</summary>
    public IQueryable<T> ApplyUnits<T>(IQueryable<T> source, Expression<Func<T, Guid>> unit)
    {
        if (SeesAll)
        {
            return source;
        }

        var units = new Captured<Guid[]>(IsPartner ? [] : [.. Units]);
        return source.Where(Predicates.On(unit, u => units.Value.Contains(u)));
    }

    /// <summary>
    /// Minimal-API binding: a handler parameter of type <see cref="DataScope"/> gets the caller's scope from
    /// <see cref="DataScopes"/> (503 when team performance is needed and down).
    /// </summary>
    public static async ValueTask<DataScope?> BindAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<DataScopes>().ForAsync(Caller.From(context.User), context.RequestAborted);

    // A value read through a member access, so EF Core sends it as a query parameter instead of baking a
    // literal into the SQL (one cached plan for every caller).
    private sealed class Captured<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }
}
