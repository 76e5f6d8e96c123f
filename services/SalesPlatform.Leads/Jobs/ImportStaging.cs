using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Jobs;

/// <summary>
/// First half of an import: streams the CSV into <c>import_rows</c> with PostgreSQL binary COPY
/// (memory stays flat whatever the file size) in one transaction with the job row, so an upload
/// is either fully staged or not there at all. <see cref="ImportProcessor"/> does the rest.
/// </summary>
public static class ImportStaging
{
    /// <summary>Columns an import file must have (case-insensitive); the others are optional.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["company", "contact_name"];

    /// <summary>
    /// Key of a staged row whose text broke the shared text rule (<see cref="TextInput"/>): it holds the
    /// reason instead of the bad value, which never reaches the database, and the processor rejects the row.
    /// </summary>
    public const string RejectedKey = "!rejected";

    /// <summary>Saves <paramref name="job"/> and stages every row of <paramref name="csv"/>; 400 naming the file when columns are missing.</summary>
    public static async Task StageAsync(LeadsDbContext db, ImportJob job, Stream csv, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(ct);

        await using var reader = CsvReader.Create(csv, CsvReaderOptions.Default with { Separator = ',' }, true);
        await reader.ReadHeaderAsync(ct);
        if (reader.Headers is not { Count: > 0 } header)
        {
            throw new RequestValidationException("file", "The CSV file is empty; it needs a header row.");
        }

        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (columns.Select(c => TextInput.Problem(c)).FirstOrDefault(p => p is not null) is { } headerProblem)
        {
            throw new RequestValidationException("file", "The header row is not plain text: " + headerProblem);
        }

        var missing = RequiredColumns.Where(c => !columns.Contains(c)).ToList();
        if (!columns.Contains("email") && !columns.Contains("phone"))
        {
            missing.Add("email or phone");
        }

        if (missing.Count > 0)
        {
            throw new RequestValidationException("file", "Missing columns: " + string.Join(", ", missing) + ".");
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var rows = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_rows (job_id, row_number, raw) FROM STDIN (FORMAT BINARY)", ct))
        {
            var fields = new Dictionary<string, string>(columns.Length);
            while (await reader.ReadAsync(ct))
            {
                fields.Clear();
                for (var i = 0; i < columns.Length && i < reader.FieldCount; i++)
                {
                    var value = reader.GetString(i);
                    if (TextInput.Problem(value) is { } problem)
                    {
                        fields.Clear();
                        fields[RejectedKey] = $"{columns[i]}: {problem}";
                        break;
                    }

                    if (!string.IsNullOrWhiteSpace(value))
                    {
                        fields[columns[i]] = value;
                    }
                }

                rows++;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(job.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(rows, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(JsonSerializer.Serialize(fields), NpgsqlDbType.Jsonb, ct);
            }

            await copy.CompleteAsync(ct);
        }

        job.TotalRows = rows;
        if (rows == 0)
        {
            job.Status = ImportStatus.Completed;
            job.CompletedAt = job.CreatedAt;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
