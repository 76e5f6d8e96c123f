using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SalesPlatform.Contracts.Domain;

// Several types in one file: the contract with its lines, legal review, instalments, payments and audit trail.
/// <summary>Contract status, kept apart from the approval status.</summary>
public static class ContractStatus
{
    public const string Draft = "draft";
    public const string InReview = "in-review";
    public const string Approved = "approved";
    public const string Signed = "signed";
    public const string InForce = "in-force";
    public const string Completed = "completed";
    public const string Void = "void";
}

/// <summary>A line of the contract: what is sold, how many, at what unit price.</summary>
public sealed record ContractItem(string ProductCode, string ProductName, decimal Quantity, decimal UnitPrice, decimal Total, decimal? UnitCost,
    decimal? NextTierMinQuantity = null, decimal? NextTierUnitPrice = null);

/// <summary>One item of legal's checklist: the clause, pass or fail, and the note.</summary>
public sealed record ChecklistItem(string Item, bool Passed, string? Note);

/// <summary>Legal's review: the checklist, who reviewed, when, and whether everything passed.</summary>
public sealed record LegalReview(IReadOnlyList<ChecklistItem> Items, string ReviewedBy, DateTimeOffset ReviewedAt)
{
    public static readonly string[] Checklist = ["ip-ownership", "confidentiality", "data-protection", "anti-bribery", "penalty-clauses", "other"];

    public bool Passed => Checklist.All(c => Items.Any(i => i.Item == c && i.Passed));
}

/// <summary>
/// A sales contract (销售合同): customer, owner, amount and currency, lines, clauses, the approval round and its required steps, legal's review,
/// the signature with the hash of the exact document signed, and the version chain of amendments. Immutable once signed.
/// </summary>
public sealed class Contract
{
    public Guid Id { get; init; }
    public string Number { get; init; } = "";
    public int Version { get; init; } = 1;
    public Guid? PreviousVersionId { get; init; }
    public string Title { get; set; } = "";
    public Guid CustomerId { get; init; }
    public string? CustomerName { get; set; }
    public Guid? OpportunityId { get; init; }
    public Guid? QuoteId { get; init; }
    public Guid OwnerId { get; init; }
    public Guid? PartnerId { get; init; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "CNY";
    public decimal? Cost { get; set; }
    public List<ContractItem> Lines { get; set; } = [];
    public decimal? DepositShare { get; set; }
    public string? PriceAdjustmentClause { get; set; }
    public string? PenaltyClause { get; set; }
    public string Status { get; set; } = ContractStatus.Draft;

    /// <summary>none, pending, approved or rejected.</summary>
    public string ApprovalStatus { get; set; } = "none";
    public int Round { get; set; }
    public List<ApprovalStep> RequiredSteps { get; set; } = [];
    public string? RejectionReason { get; set; }
    public string? RiskRating { get; set; }
    public LegalReview? Legal { get; set; }
    public string? SignedBy { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public string? DocumentSha256 { get; set; }
    public byte[]? Document { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool Editable => Status == ContractStatus.Draft;

    public bool IsSigned => Status is ContractStatus.Signed or ContractStatus.InForce or ContractStatus.Completed;

    /// <summary>
    /// The canonical document: UTF-8 JSON with the fields in a fixed order and invariant number formats, so the same contract always gives
    /// the same bytes, and its SHA-256 identifies exactly what was signed.
    /// </summary>
    public byte[] CanonicalDocument(IReadOnlyList<Instalment> plan)
    {
        static string D(decimal v) => v.ToString("0.00##########", CultureInfo.InvariantCulture);
        var document = new
        {
            number = Number, version = Version, title = Title, customerId = CustomerId, customerName = CustomerName, ownerId = OwnerId,
            opportunityId = OpportunityId, currency = Currency, amount = D(Amount),
            lines = Lines.Select(l => new { product = l.ProductCode, name = l.ProductName, quantity = D(l.Quantity), unitPrice = D(l.UnitPrice), total = D(l.Total) }),
            deposit = DepositShare is { } d ? D(d) : null, priceAdjustmentClause = PriceAdjustmentClause, penaltyClause = PenaltyClause,
            paymentPlan = plan.OrderBy(i => i.Sequence).Select(i => new { sequence = i.Sequence, due = i.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), amount = D(i.Amount) }),
        };
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>Instalment states.</summary>
public static class InstalmentStatus
{
    public const string Planned = "planned";
    public const string PartlyPaid = "partly-paid";
    public const string Paid = "paid";
    public const string Overdue = "overdue";
    public const string Void = "void";
}

/// <summary>An instalment of the payment plan (回款计划): when it is due, how much, how much arrived.</summary>
public sealed class Instalment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ContractId { get; init; }
    public int Sequence { get; init; }
    public DateOnly DueDate { get; init; }
    public decimal Amount { get; init; }
    public decimal Paid { get; set; }
    public string Status { get; set; } = InstalmentStatus.Planned;
    public DateTimeOffset? PaidAt { get; set; }

    public decimal Outstanding => Amount - Paid;

    /// <summary>The state at <paramref name="today"/> (Beijing date): paid, partly paid, overdue once past due and not paid, else planned.</summary>
    public string StateOn(DateOnly today) => Status == InstalmentStatus.Void ? InstalmentStatus.Void
        : Paid >= Amount ? InstalmentStatus.Paid
        : today > DueDate ? InstalmentStatus.Overdue
        : Paid > 0 ? InstalmentStatus.PartlyPaid : InstalmentStatus.Planned;
}

/// <summary>A payment received (回款记录) against an instalment.</summary>
public sealed class PaymentEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ContractId { get; init; }
    public Guid InstalmentId { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "CNY";
    public DateTimeOffset ReceivedAt { get; init; }
    public string? Reference { get; init; }
    public string RecordedBy { get; init; } = "";
}

/// <summary>One decision of an approval round.</summary>
public sealed class ContractApproval
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ContractId { get; init; }
    public int Round { get; init; }
    public string Role { get; init; } = "";
    public bool Approved { get; init; }
    public Guid? PersonId { get; init; }
    public string By { get; init; } = "";
    public string? Comment { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>One action on a contract: who, when, what, and the comment (GET .../audit).</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public Guid ContractId { get; init; }
    public string Action { get; init; } = "";
    public string By { get; init; } = "";
    public string? Comment { get; init; }
    public DateTimeOffset At { get; init; }
}
