using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.Jobs;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Endpoints;

// Several types in one file: The import endpoints with their response records.
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
    /// <summary>Largest accepted upload (1 GiB).</summary>
    public const long MaxUploadBytes = 1L << 30;

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/leads/imports").WithTags("Lead imports").RequireAuthorization(Policies.Manager);
        // Purchased lists run to hundreds of thousands of rows: above Kestrel's 30 MB default, and streamed anyway.
        imports.MapPost("/", UploadImport).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes));
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

        await ImportStaging.StageAsync(db, job, request.Body, ct);
        return TypedResults.Accepted($"/api/leads/imports/{job.Id}", ImportJobDto.From(job));
    }

    private static async Task<Ok<ImportJobDto>> GetImport(Guid id, Caller caller, LeadsDbContext db, CancellationToken ct)
    {
        var job = await FindAsync(db, caller, id, ct);
        return TypedResults.Ok(ImportJobDto.From(job));
    }

    private static async Task<Ok<ListPage<ImportRowDto>>> ListImportRows(Guid id, string? outcome, ListQuery list, Caller caller,
        LeadsDbContext db, CancellationToken ct)
    {
        await FindAsync(db, caller, id, ct);
        var query = db.ImportRows.AsNoTracking().Where(r => r.JobId == id);
        if (!string.IsNullOrWhiteSpace(outcome))
        {
            query = outcome == "pending" ? query.Where(r => r.Outcome == null) : query.Where(r => r.Outcome == outcome);
        }

        if (list.Pattern is { } pattern)
        {
            query = query.Where(r => r.Reason != null && EF.Functions.ILike(r.Reason, pattern));
        }

        // Rows in file order unless asked otherwise.
        return TypedResults.Ok(await query.ToPageAsync(list, r => r.RowNumber, r => new ImportRowDto(r.RowNumber, r.Outcome, r.Reason, r.LeadId),
            ct, ListSort.Oldest));
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
