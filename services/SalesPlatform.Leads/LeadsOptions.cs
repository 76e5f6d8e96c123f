namespace SalesPlatform.Leads;

/// <summary>Settings of the leads service (<c>Leads</c>).</summary>
public sealed class LeadsOptions
{
    public const string Section = "Leads";

    /// <summary>Region (ISO 3166 alpha-2) assumed for phone numbers without a country code.</summary>
    public string DefaultPhoneRegion { get; set; } = "CN";
}
