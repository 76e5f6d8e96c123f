using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// Free-text search (<c>q</c>) over a resource's names that an index serves in Chinese as well as English.
/// A query of three or more characters is an <c>ILIKE</c> served by trigram (pg_trgm) GIN indexes on the
/// columns. Chinese words are mostly two characters (精密, 华为), which trigrams cannot serve, so every
/// searchable row also keeps the set of its overlapping character pairs (<c>search_grams</c>, a generated
/// column, GIN-indexed): a two-character query first narrows to rows holding that pair through the index,
/// then <c>ILIKE</c> checks the text exactly. A one-character query is a plain <c>ILIKE</c>.
/// </summary>
public static class TextSearch
{
    /// <summary>The generated column (a shadow property) that holds a row's character pairs.</summary>
    public const string Column = "search_grams";

    private const string Property = "SearchGrams";

    /// <summary>
    /// The SQL function the generated column calls (a service's migration creates it before the column):
    /// distinct lower-case pairs of adjacent characters, none containing white space.
    /// </summary>
    public const string CreateFunctionSql = """
        CREATE OR REPLACE FUNCTION search_grams(value text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(DISTINCT substr(v, i, 2)), '{}')
          FROM (SELECT lower(coalesce(value, '')) AS v) s, generate_series(1, char_length(v) - 1) AS i
          WHERE substr(v, i, 2) !~ '\s'
        $$;
        """;

    /// <summary>
    /// Makes <paramref name="properties"/> searchable: a trigram GIN index on each, and the generated
    /// <c>search_grams</c> column over them with its GIN index. The model needs
    /// <c>modelBuilder.HasPostgresExtension("pg_trgm")</c>, the migration <see cref="CreateFunctionSql"/>.
    /// </summary>
    public static EntityTypeBuilder<T> HasTextSearch<T>(this EntityTypeBuilder<T> entity, params string[] properties) where T : class
    {
        var table = entity.Metadata.GetTableName();
        var columns = properties.Select(NamingConventions.SnakeCase).ToArray();
        foreach (var (property, column) in properties.Zip(columns))
        {
            // Named, so it stands next to any equality index on the same column.
            entity.HasIndex([property], $"ix_{table}_{column}_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        }

        var text = string.Join(" || ' ' || ", columns.Select(c => $"coalesce({c}, '')"));
        entity.Property<string[]>(Property).HasColumnName(Column).HasComputedColumnSql($"search_grams({text})", stored: true);
        entity.HasIndex([Property], $"ix_{table}_{Column}").HasMethod("gin");
        return entity;
    }

    /// <summary>The character pairs of <paramref name="q"/> as the column holds them (lower case, no white space).</summary>
    public static string[] Grams(string q)
    {
        var text = q.ToLowerInvariant();
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i + 1]))
            {
                grams.Add(text.Substring(i, 2));
            }
        }

        return [.. grams];
    }

    /// <summary>
    /// Rows matching <paramref name="list"/>'s <c>q</c>: <paramref name="matches"/> (the exact <c>ILIKE</c> over
    /// the names, given the pattern), for a two-character query narrowed first by its character pair. Without
    /// <c>q</c>, every row.
    /// </summary>
    public static IQueryable<T> Search<T>(this IQueryable<T> source, ListQuery list, Func<string, Expression<Func<T, bool>>> matches) where T : class
    {
        if (list.Q is not { } q || list.Pattern is not { } pattern)
        {
            return source;
        }

        var text = q.Trim();
        if (text.Length == 2 && Grams(text) is [_] pair)
        {
            // "pair <@ search_grams": the form the GIN index serves (= ANY would not).
            source = source.Where(row => pair.All(g => EF.Property<string[]>(row, Property).Contains(g)));
        }

        return source.Where(matches(pattern));
    }
}
