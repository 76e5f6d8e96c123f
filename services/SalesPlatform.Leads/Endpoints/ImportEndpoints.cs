using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Leads.Endpoints;

public sealed record ImportJobDto(Guid Id, string Status, string? FileName, int TotalRows, int Processed, int Imported, int Merged, int Rejected,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? Error)
{
    public static ImportJobDto From(ImportJob j) => new(j.Id, j.Status.ToString().ToLowerInvariant(), j.FileName, j.TotalRows, j.Checkpoint,
        j.Imported, j.Merged, j.Rejected, j.CreatedAt, j.CompletedAt, j.Error);
}

public sealed record ImportRowDto(int Row, string? Outcome, string? Reason, Guid? LeadId);

/// <summary>
/// Bulk import of purchased lists: the CSV body is streamed straight into the staging table with
/// PostgreSQL binary COPY (memory stays flat), then the import worker processes it in chunks.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>Columns an import file must have (case-insensitive); the others are optional.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["company", "contact_name"];

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/leads/imports").WithTags("Lead imports").RequireAuthorization(Policies.Manager);
        imports.MapPost("/", UploadImport);
        imports.MapGet("/{id:guid}", GetImport);
        imports.MapGet("/{id:guid}/rows", ListImportRows);
        return app;
    }

    private static async Task<Accepted<ImportJobDto>> UploadImport(HttpRequest request, string? fileName, string? campaign, Caller caller,
        LeadsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = new ImportJob
        {
            Id = Guid.CreateVersion7(now),
            FileName = fileName,
            Campaign = campaign,
            CreatedBy = caller.RequirePerson(),
            CreatedAt = now,
            Status = ImportStatus.Staged,
        };

        // One transaction: the job and all its staged rows, or nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(ct);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var csv = CsvReader.Create(request.Body, CsvReaderOptions.Default with { Separator = ',' }, true);
        await csv.ReadHeaderAsync(ct);
        if (csv.Headers is not { Count: > 0 } header)
        {
            throw new RequestValidationException("file", "The CSV file is empty; it needs a header row.");
        }

        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = RequiredColumns.Where(c => !columns.Contains(c)).ToList();
        if (!columns.Contains("email") && !columns.Contains("phone"))
        {
            missing.Add("email or phone");
        }

        if (missing.Count > 0)
        {
            throw new RequestValidationException("file", "Missing columns: " + string.Join(", ", missing) + ".");
        }

        var rows = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY import_rows (job_id, row_number, raw) FROM STDIN (FORMAT BINARY)", ct))
        {
            var buffer = new Dictionary<string, string>(columns.Length);
            while (await csv.ReadAsync())
            {
                buffer.Clear();
                for (var i = 0; i < columns.Length; i++)
                {
                    var value = i < csv.FieldCount ? csv.GetString(i) : null;
                    if (!string.IsNullOrWhiteSpace(value))
                    {
                        buffer[columns[i]] = value;
                    }
                }

                rows++;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(job.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(rows, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(JsonSerializer.Serialize(buffer), NpgsqlDbType.Jsonb, ct);
            }

            await copy.CompleteAsync(ct);
        }

        job.TotalRows = rows;
        if (rows == 0)
        {
            job.Status = ImportStatus.Completed;
            job.CompletedAt = now;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Accepted($"/api/leads/imports/{job.Id}", ImportJobDto.From(job));
    }

    private static async Task<Ok<ImportJobDto>> GetImport(Guid id, Caller caller, LeadsDbContext db, CancellationToken ct)
    {
        var job = await FindAsync(db, caller, id, ct);
        return TypedResults.Ok(ImportJobDto.From(job));
    }

    private static async Task<Ok<Page<ImportRowDto>>> ListImportRows(Guid id, string? outcome, int? after, int? limit, Caller caller,
        LeadsDbContext db, CancellationToken ct)
    {
        await FindAsync(db, caller, id, ct);
        var take = Math.Clamp(limit ?? 100, 1, 1000);
        var query = db.ImportRows.AsNoTracking().Where(r => r.JobId == id && r.RowNumber > (after ?? 0));
        if (!string.IsNullOrWhiteSpace(outcome))
        {
            query = outcome == "pending" ? query.Where(r => r.Outcome == null) : query.Where(r => r.Outcome == outcome);
        }

        var rows = await query.OrderBy(r => r.RowNumber).Take(take + 1)
            .Select(r => new ImportRowDto(r.RowNumber, r.Outcome, r.Reason, r.LeadId)).ToListAsync(ct);
        var next = rows.Count > take ? rows[take - 1].Row.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<ImportRowDto>([.. rows.Take(take)], next));
    }

    private static async Task<ImportJob> FindAsync(LeadsDbContext db, Caller caller, Guid id, CancellationToken ct)
    {
        var job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct);
        if (job is null || !(caller.IsAdmin || caller.IsManager || job.CreatedBy == caller.PersonId))
        {
            throw new NotFoundException("Import", id);
        }

        return job;
    }
}
