namespace SalesPlatform.Leads.Domain;

/// <summary>
/// A company that is a customer already, as leads learnt it from the customers service's events (<c>CustomerRegistered</c>,
/// <c>CustomerOwnerChanged</c>): a captured or imported lead of the same normalised company name is flagged with the customer,
/// so it is worked (and converted) as repeat business with that customer rather than as a new logo. ADR 18.
/// </summary>
public sealed class KnownCustomer
{
    public Guid CustomerId { get; init; }
    public string Name { get; set; } = "";

    /// <summary>The normalised company name (<see cref="SalesPlatform.Domain.Normalizer.CompanyKey"/>), as leads' own company key.</summary>
    public string NameKey { get; set; } = "";
    public string? CreditCode { get; set; }
    public Guid? OwnerId { get; set; }
}
