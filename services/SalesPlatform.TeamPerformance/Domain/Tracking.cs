namespace SalesPlatform.TeamPerformance.Domain;

// Several types in one file: Target tracking with its small value records.
/// <summary>Who owns a lead now and whether it is still open; the source of each rep's open-lead load.</summary>
public sealed class LeadLoad
{
    public Guid LeadId { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? PartnerId { get; set; }
    public bool Open { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The latest open amount of one opportunity (zero when closed); pipeline = Σ per owner.</summary>
public sealed class PipelineEntry
{
    public Guid OpportunityId { get; set; }
    public Guid OwnerId { get; set; }
    public string Stage { get; set; } = "";
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "";
    public decimal WinProbability { get; set; }

    /// <summary>When it is expected to close (null when the event did not say).</summary>
    public DateOnly? ExpectedCloseDate { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The latest overdue-receivables snapshot of one owner in one month (the later AsOf wins).</summary>
public sealed class OverdueSnapshot
{
    public Guid OwnerId { get; set; }
    public int Month { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "";
    public DateTimeOffset AsOf { get; set; }
}
