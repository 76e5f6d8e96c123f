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
public sealed record ContractSigned(
    Guid ContractId,
    Guid OpportunityId,
    Guid CustomerId,
    Guid OwnerId,
    Money Amount,
    DateTimeOffset SignedAt,
    Guid? PartnerId) : IntegrationEvent;

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
