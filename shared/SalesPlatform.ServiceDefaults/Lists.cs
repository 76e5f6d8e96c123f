using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// The envelope of every list endpoint: one page of <see cref="Items"/>, the cursor of the next page
/// (null on the last) and the <see cref="Total"/> of every row the caller may see that matches the filters.
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? NextCursor, long Total);

/// <summary>Order of a list: newest first (default) or oldest first, by the record's time-ordered id.</summary>
public enum ListSort
{
    /// <summary><c>sort=newest</c>.</summary>
    Newest,

    /// <summary><c>sort=oldest</c>.</summary>
    Oldest,
}

/// <summary>
/// The query parameters every list endpoint takes: <c>limit</c> (default 50, 1-500), <c>cursor</c> (from the
/// previous page), <c>q</c> (free text over the resource's names, Chinese or English, case-insensitive)
/// and <c>sort</c> (<c>newest</c> or <c>oldest</c>; each list has its default). A handler takes it as a
/// parameter; bad values are 400 naming the parameter.
/// </summary>
public sealed record ListQuery(int Limit, string? Cursor, string? Q, ListSort? Sort)
{
    /// <summary>Rows per page when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 500;

    /// <summary>Longest search text.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>The query parameters, for the OpenAPI documents.</summary>
    public static IReadOnlyList<(string Name, string Description, Microsoft.OpenApi.JsonSchemaType Type)> Parameters { get; } =
    [
        ("limit", $"Rows per page, 1 to {MaxLimit} (default {DefaultLimit}).", Microsoft.OpenApi.JsonSchemaType.Integer),
        ("cursor", "nextCursor of the previous page.", Microsoft.OpenApi.JsonSchemaType.String),
        ("q", "Free text over the resource's names, Chinese or English.", Microsoft.OpenApi.JsonSchemaType.String),
        ("sort", "newest or oldest (each list has its default).", Microsoft.OpenApi.JsonSchemaType.String),
    ];

    /// <summary>The first page, default order.</summary>
    public static ListQuery First { get; } = new(DefaultLimit, null, null, null);

    /// <summary>The <c>q</c> text as an ILIKE pattern (<c>%text%</c>, wildcards escaped), or null without one.</summary>
    public string? Pattern => Q is null ? null : "%" + Q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    /// <summary>Minimal-API binding from the query string.</summary>
    public static ValueTask<ListQuery?> BindAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            throw new RequestValidationException("limit", $"limit is a whole number from 1 to {MaxLimit}.");
        }

        var q = query["q"].ToString().Trim();
        if (q.Length > MaxQueryLength)
        {
            throw new RequestValidationException("q", $"The search text is at most {MaxQueryLength} characters.");
        }

        ListSort? sort = query["sort"].ToString() switch
        {
            "" => null,
            "newest" => ListSort.Newest,
            "oldest" => ListSort.Oldest,
            _ => throw new RequestValidationException("sort", "sort is newest or oldest."),
        };
        var cursor = query["cursor"].ToString();
        return ValueTask.FromResult<ListQuery?>(new ListQuery(limit, cursor.Length == 0 ? null : cursor, q.Length == 0 ? null : q, sort));
    }
}

/// <summary>Keyset paging with the scoped, filtered total, for <see cref="ListPage{T}"/>.</summary>
public static class ListPaging
{
    /// <summary>
    /// A page of <paramref name="filtered"/> (already scoped and filtered in SQL) ordered by the Guid v7
    /// <paramref name="key"/>, after the cursor, with the total of <paramref name="filtered"/>.
    /// </summary>
    public static Task<ListPage<TDto>> ToPageAsync<TEntity, TDto>(this IQueryable<TEntity> filtered, ListQuery list,
        Expression<Func<TEntity, Guid>> key, Func<TEntity, TDto> map, CancellationToken cancellationToken,
        ListSort defaultSort = ListSort.Newest) =>
        PageAsync(filtered, list, key, map, DecodeGuid(list.Cursor), EncodeGuid, list.Sort ?? defaultSort, cancellationToken);

    /// <summary>The same over a whole-number key (row numbers).</summary>
    public static Task<ListPage<TDto>> ToPageAsync<TEntity, TDto>(this IQueryable<TEntity> filtered, ListQuery list,
        Expression<Func<TEntity, int>> key, Func<TEntity, TDto> map, CancellationToken cancellationToken,
        ListSort defaultSort = ListSort.Newest) =>
        PageAsync(filtered, list, key, map, DecodeInt(list.Cursor), value => value.ToString(CultureInfo.InvariantCulture),
            list.Sort ?? defaultSort, cancellationToken);

    private static async Task<ListPage<TDto>> PageAsync<TEntity, TKey, TDto>(IQueryable<TEntity> filtered, ListQuery list,
        Expression<Func<TEntity, TKey>> key, Func<TEntity, TDto> map, TKey? after, Func<TKey, string> encode, ListSort sort,
        CancellationToken cancellationToken)
        where TKey : struct, IComparable<TKey>
    {
        var total = await filtered.LongCountAsync(cancellationToken);
        var page = filtered;
        if (after is { } cursor)
        {
            // key < cursor (newest first) or key > cursor (oldest first), as CompareTo so EF translates it for uuid too.
            var compare = Expression.Call(key.Body, typeof(TKey).GetMethod(nameof(IComparable<TKey>.CompareTo), [typeof(TKey)])!,
                Expression.Constant(cursor));
            var condition = sort == ListSort.Newest
                ? Expression.LessThan(compare, Expression.Constant(0))
                : Expression.GreaterThan(compare, Expression.Constant(0));
            page = page.Where(Expression.Lambda<Func<TEntity, bool>>(condition, key.Parameters));
        }

        page = sort == ListSort.Newest ? page.OrderByDescending(key) : page.OrderBy(key);
        var rows = await page.Take(list.Limit + 1).ToListAsync(cancellationToken);
        var getKey = key.Compile();
        var next = rows.Count > list.Limit ? encode(getKey(rows[list.Limit - 1])) : null;
        return new ListPage<TDto>([.. rows.Take(list.Limit).Select(map)], next, total);
    }

    private static string EncodeGuid(Guid id) => Convert.ToBase64String(id.ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Guid? DecodeGuid(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            return new Guid(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/').PadRight(24, '=')));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new RequestValidationException("cursor", "The cursor is not one this API returned.");
        }
    }

    private static int? DecodeInt(string? cursor) =>
        cursor is null ? null
        : int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new RequestValidationException("cursor", "The cursor is not one this API returned.");
}
