namespace SalesPlatform.Leads.Domain;

/// <summary>The closed word lists of the leads API (sources, lawful bases, activity kinds).</summary>
public static class Vocabulary
{
    public const string PartnerReferral = "partner-referral";
    public const string PurchasedList = "purchased-list";

    public static readonly IReadOnlyList<string> Sources =
        ["web-form", "email-campaign", "ads", "content", PartnerReferral, "trade-show", PurchasedList];

    /// <summary>GDPR article 6 lawful bases.</summary>
    public static readonly IReadOnlyList<string> LawfulBases =
        ["consent", "contract", "legal-obligation", "vital-interests", "public-task", "legitimate-interest"];

    public static readonly IReadOnlyList<string> ActivityKinds = ["call", "email", "visit", "demo"];

    public static readonly IReadOnlyList<string> CompanySizes = ["1-49", "50-199", "200-999", "1000+"];
}
