using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace SalesPlatform.Leads.Data;

/// <summary>
/// Inserts new entities with PostgreSQL binary COPY on the context's connection, so inside its
/// current transaction. The columns, names, value converters (enums as text, JSON documents) and
/// store types come from the EF model, so a row is what <c>SaveChangesAsync</c> would insert;
/// identity columns are left to the database. The entities are not tracked.
/// </summary>
public static class BulkInsert
{
    public static async Task CopyAsync<T>(DbContext db, IReadOnlyCollection<T> entities, CancellationToken ct)
        where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => p.GetComputedColumnSql() is null) // generated columns are the database's to fill
            .Where(p => p.GetValueGenerationStrategy(table) is not (NpgsqlValueGenerationStrategy.IdentityAlwaysColumn
                or NpgsqlValueGenerationStrategy.IdentityByDefaultColumn or NpgsqlValueGenerationStrategy.SerialColumn))
            .Select(p => (Property: p, Getter: p.GetGetter(), Converter: p.GetTypeMapping().Converter,
                Name: p.GetColumnName(table)!, StoreType: StoreTypeName(p.GetColumnType(table))))
            .ToList();
        var target = entityType.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {target} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var entity in entities)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.Getter.GetClrValue(entity);
                if (value is not null && column.Converter is not null)
                {
                    value = column.Converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, column.StoreType, ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    // "character varying(200)" -> "character varying", "numeric(7,2)" -> "numeric": the facets only constrain the column.
    private static string StoreTypeName(string storeType) => storeType.Split('(')[0].Trim();
}
