namespace SalesPlatform.Leads.Domain;

// Several types in one file: An import job with its status, row results and options: one import's state in one place.
public enum ImportStatus
{
    Staged,
    Completed,
    Failed,
}

/// <summary>
/// A bulk import of a purchased list. The upload is first staged row by row; the worker then
/// processes chunks, each chunk committing its rows' results, the counts and <see cref="Checkpoint"/>
/// together, so a crash resumes after the last committed chunk without duplicates.
/// </summary>
public sealed class ImportJob
{
    public Guid Id { get; init; }
    public string? FileName { get; init; }
    public string? Campaign { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public ImportStatus Status { get; set; }
    public int TotalRows { get; set; }
    /// <summary>Row number of the last processed row (rows are numbered from 1).</summary>
    public int Checkpoint { get; set; }
    public int Imported { get; set; }
    public int Merged { get; set; }
    public int Rejected { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Error { get; set; }
    /// <summary>Consecutive failed chunk attempts (a database error, not a bad row); reset by a committed chunk.</summary>
    public int FailedAttempts { get; set; }
}

/// <summary>Row outcomes of an import.</summary>
public static class ImportOutcome
{
    public const string Imported = "imported";
    public const string Merged = "merged";
    public const string Rejected = "rejected";
}

/// <summary>A staged CSV row and, once processed, what became of it and why.</summary>
public sealed class ImportRow
{
    public Guid JobId { get; init; }
    public int RowNumber { get; init; }
    /// <summary>The raw fields by lower-case header, as uploaded (JSON object).</summary>
    public string Raw { get; init; } = "{}";
    public string? Outcome { get; set; }
    public string? Reason { get; set; }
    public Guid? LeadId { get; set; }
}
