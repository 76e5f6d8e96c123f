namespace SalesPlatform.Events.Contracts;

/// <summary>
/// Published by the contracts service when a contract is signed (e-signature recorded). Team
/// performance counts revenue attainment from it; customers add it to the timeline.
/// </summary>
/// <param name="ContractId">The contract.</param>
/// <param name="OpportunityId">The won opportunity it came from.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="OwnerId">The owning sales rep.</param>
/// <param name="Amount">Contract value.</param>
/// <param name="SignedAt">When the last signature was applied.</param>
/// <param name="PartnerId">The channel partner that sourced the deal, if any.</param>
/// <param name="BaseAmount">The amount in the base currency with the rate used (added later: absent from older events; equal to
/// <paramref name="Amount"/> for a contract in the base currency).</param>
/// <param name="Cost">The cost of what was sold, in the base currency, when the price book knows it (added later).</param>
/// <param name="Lines">What was sold (added later): customers learn what goes with what from it (cross-sell).</param>
public sealed record ContractSigned(
    Guid ContractId,
    Guid OpportunityId,
    Guid CustomerId,
    Guid OwnerId,
    Money Amount,
    DateTimeOffset SignedAt,
    Guid? PartnerId,
    ConvertedMoney? BaseAmount = null,
    Money? Cost = null,
    IReadOnlyList<ContractLine>? Lines = null) : IntegrationEvent;

/// <summary>One line of a signed contract: a product (or bundle or service pack) and how much of it.</summary>
/// <param name="ProductCode">The price book's product code.</param>
/// <param name="ProductName">Its name as sold.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">The unit price after tier and discount.</param>
/// <param name="NextTier">The next volume tier of this product above <paramref name="Quantity"/>, if there is one (up-sell).</param>
public sealed record ContractLine(string ProductCode, string ProductName, decimal Quantity, Money UnitPrice, VolumeTier? NextTier = null);

/// <summary>A volume tier of the price book: from this quantity on, this unit price.</summary>
/// <param name="MinQuantity">The smallest quantity the tier applies to.</param>
/// <param name="UnitPrice">The unit price in the tier.</param>
public sealed record VolumeTier(decimal MinQuantity, Money UnitPrice);

/// <summary>An amount converted to the base currency, with the rate and the date of the rate it was converted at.</summary>
/// <param name="Amount">The amount in the base currency.</param>
/// <param name="Rate">Base currency units per unit of the original currency.</param>
/// <param name="RateDate">The date of the rate.</param>
public sealed record ConvertedMoney(Money Amount, decimal Rate, DateOnly RateDate);

/// <summary>
/// Published by the contracts service when a payment (回款) is received against a contract.
/// Team performance counts collections attainment and the collection cycle from it.
/// </summary>
/// <param name="PaymentId">The payment.</param>
/// <param name="ContractId">The contract paid against.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="OwnerId">The owning sales rep.</param>
/// <param name="Amount">Amount received.</param>
/// <param name="ReceivedAt">When the cash arrived.</param>
/// <param name="ContractSignedAt">When the contract was signed (collection cycle = received - signed).</param>
/// <param name="DueAt">When this instalment was due.</param>
public sealed record PaymentReceived(
    Guid PaymentId,
    Guid ContractId,
    Guid CustomerId,
    Guid OwnerId,
    Money Amount,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ContractSignedAt,
    DateTimeOffset DueAt) : IntegrationEvent;

/// <summary>
/// Published by the contracts service each day for every owner: the receivables overdue at that
/// moment. Team performance keeps the latest value as the overdue-receivables KPI.
/// </summary>
/// <param name="OwnerId">The owning sales rep.</param>
/// <param name="Overdue">Total amount overdue.</param>
/// <param name="AsOf">The moment the snapshot describes.</param>
public sealed record ReceivablesOverdueSnapshotted(
    Guid OwnerId,
    Money Overdue,
    DateTimeOffset AsOf) : IntegrationEvent;

/// <summary>
/// Published by the contracts service when an instalment of a payment plan is past due and unpaid (once a
/// day while it stays so, with the days it is late). Customers keep it for the credit profile.
/// </summary>
/// <param name="InstalmentId">The instalment.</param>
/// <param name="ContractId">Its contract.</param>
/// <param name="CustomerId">The customer who owes it.</param>
/// <param name="OwnerId">The contract's owner.</param>
/// <param name="Amount">What is owed.</param>
/// <param name="DueAt">When it was due.</param>
/// <param name="DaysOverdue">Whole days past due.</param>
public sealed record PaymentOverdue(
    Guid InstalmentId,
    Guid ContractId,
    Guid CustomerId,
    Guid OwnerId,
    Money Amount,
    DateTimeOffset DueAt,
    int DaysOverdue) : IntegrationEvent;

/// <summary>
/// Published by the contracts service when an invoice (发票) is issued against a contract. Customers add it to the
/// timeline; team performance and analytics may count invoiced amounts.
/// </summary>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="ContractId">Its contract.</param>
/// <param name="CustomerId">The customer invoiced.</param>
/// <param name="OwnerId">The contract's owner.</param>
/// <param name="Number">The invoice number as printed.</param>
/// <param name="Kind">vat-special (增值税专用发票) or vat-normal (增值税普通发票).</param>
/// <param name="Amount">The invoiced amount including tax.</param>
/// <param name="IssuedAt">When it was issued.</param>
public sealed record InvoiceIssued(
    Guid InvoiceId,
    Guid ContractId,
    Guid CustomerId,
    Guid OwnerId,
    string Number,
    string Kind,
    Money Amount,
    DateTimeOffset IssuedAt) : IntegrationEvent;

/// <summary>Published by the contracts service when a contract draft is created (from a won opportunity or by hand).</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="OpportunityId">The won opportunity, if any.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="OwnerId">The owning rep.</param>
/// <param name="Amount">Its amount.</param>
/// <param name="Number">The contract number.</param>
public sealed record ContractDrafted(Guid ContractId, Guid? OpportunityId, Guid CustomerId, Guid OwnerId, Money Amount, string Number) : IntegrationEvent;

/// <summary>Published when a contract is submitted for approval, with the steps the round needs.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="Round">The approval round (1 for the first submission).</param>
/// <param name="Amount">Its amount.</param>
/// <param name="RequiredRoles">Every role the round needs, in step order.</param>
/// <param name="RiskRating">The customer's risk rating at submission.</param>
public sealed record ContractSubmitted(Guid ContractId, int Round, Money Amount, IReadOnlyList<string> RequiredRoles, string RiskRating) : IntegrationEvent;

/// <summary>Published for every approval decision.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="Round">The round.</param>
/// <param name="Role">The role decided for.</param>
/// <param name="Approved">Approved or rejected.</param>
/// <param name="By">Who decided.</param>
/// <param name="Comment">Their comment.</param>
public sealed record ContractApprovalRecorded(Guid ContractId, int Round, string Role, bool Approved, string By, string? Comment) : IntegrationEvent;

/// <summary>Published when every step of a round approved (and legal's review passed).</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="Round">The round.</param>
/// <param name="Amount">Its amount.</param>
public sealed record ContractApproved(Guid ContractId, int Round, Money Amount) : IntegrationEvent;

/// <summary>Published when a decision rejects a round: the contract is a draft again, with the reason.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="Round">The round.</param>
/// <param name="Role">Who rejected, by role.</param>
/// <param name="Reason">Why.</param>
public sealed record ContractRejected(Guid ContractId, int Round, string Role, string Reason) : IntegrationEvent;

/// <summary>Published when the last instalment of a contract is paid.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="OwnerId">The owner.</param>
/// <param name="Amount">The amount collected.</param>
/// <param name="SignedAt">When it was signed.</param>
/// <param name="PaidAt">When the last payment arrived (collection cycle = paid - signed).</param>
public sealed record ContractFullyPaid(Guid ContractId, Guid CustomerId, Guid OwnerId, Money Amount, DateTimeOffset SignedAt, DateTimeOffset PaidAt) : IntegrationEvent;
