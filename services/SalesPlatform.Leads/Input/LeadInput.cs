using SalesPlatform.Domain;

using SalesPlatform.Leads.Domain;

namespace SalesPlatform.Leads.Input;

// The request of a lead capture (API body and import row) with its validation, kept together: the records
// are the shape of the input, LeadInput.Validate turns them into the domain's LeadDetails.

/// <summary>Company part of a captured lead.</summary>
public sealed record CompanyInput(string? Name, string? Industry, string? Size, string? Region, string? Province, string? City);

/// <summary>Contact person of a captured lead.</summary>
public sealed record ContactInput(string? Name, string? Title, string? Email, string? Phone);

/// <summary>Budget of a captured lead.</summary>
public sealed record BudgetInput(decimal? Amount, string? Currency, bool Confirmed);

/// <summary>Consent / compliance basis of a captured lead.</summary>
public sealed record ConsentInput(string? LawfulBasis, bool OptOut);

/// <summary>A lead as it arrives (API body or import row), before validation and normalisation.</summary>
public sealed record LeadInput(
    string? Source,
    string? Campaign,
    Guid? PartnerId,
    CompanyInput? Company,
    ContactInput? Contact,
    BudgetInput? Budget,
    DateOnly? ExpectedStart,
    ConsentInput? Consent,
    string? PurchasingCycle = null)
{
    /// <summary>
    /// Validates every field and normalises (e-mail lower/trim, phone E.164 with
    /// <paramref name="defaultPhoneRegion"/>, names cleaned, codes lower-case). Returns the details,
    /// or the errors keyed by the JSON path of each bad field.
    /// </summary>
    public (LeadDetails? Details, Dictionary<string, string[]> Errors) Normalize(string defaultPhoneRegion)
    {
        var errors = new Dictionary<string, string[]>();
        void Bad(string field, string message) => errors[field] = [message];

        // Closed lists resolve Chinese and English spellings to one code (渠道推荐 = partner-referral).
        var source = LeadVocabularies.Sources.Resolve(Source)?.Code;
        if (string.IsNullOrWhiteSpace(Source))
        {
            Bad("source", "Source is required.");
        }
        else if (source is null)
        {
            Bad("source", "Source must be one of: " + LeadVocabularies.Sources.Describe() + ".");
        }

        if (source == LeadVocabularies.PartnerReferral && PartnerId is null)
        {
            Bad("partnerId", "A partner referral needs the referring partner id.");
        }

        if (Campaign is { Length: > 100 })
        {
            Bad("campaign", "At most 100 characters.");
        }

        var company = Normalizer.Text(Company?.Name);
        if (company is null)
        {
            Bad("company.name", "Company name is required.");
        }
        else if (company.Length > 200)
        {
            Bad("company.name", "At most 200 characters.");
        }

        var size = Vocabularies.CompanySizes.Resolve(Company?.Size)?.Code;
        if (!string.IsNullOrWhiteSpace(Company?.Size) && size is null)
        {
            Bad("company.size", "Size must be one of: " + Vocabularies.CompanySizes.Describe() + ".");
        }

        var contactName = Normalizer.Text(Contact?.Name);
        if (contactName is null)
        {
            Bad("contact.name", "Contact name is required.");
        }
        else if (contactName.Length > 200)
        {
            Bad("contact.name", "At most 200 characters.");
        }

        var email = Normalizer.Email(Contact?.Email);
        if (email is not null && !Normalizer.IsValidEmail(email))
        {
            Bad("contact.email", $"'{Contact?.Email}' is not an e-mail address.");
        }

        var phone = Phones.ToE164(Contact?.Phone, defaultPhoneRegion);
        if (!string.IsNullOrWhiteSpace(Contact?.Phone) && phone is null)
        {
            Bad("contact.phone", $"'{Contact?.Phone}' is not a valid phone number (default region {defaultPhoneRegion}).");
        }

        if (email is null && phone is null && !errors.ContainsKey("contact.email") && !errors.ContainsKey("contact.phone"))
        {
            Bad("contact.email", "An e-mail or a phone number is required.");
        }

        var currency = Budget?.Currency?.Trim().ToUpperInvariant();
        if (Budget?.Amount is { } amount)
        {
            if (amount < 0)
            {
                Bad("budget.amount", "Budget must not be negative.");
            }

            if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            {
                Bad("budget.currency", "A three-letter ISO currency code is required with an amount.");
            }
        }

        var basis = LeadVocabularies.LawfulBases.Resolve(Consent?.LawfulBasis)?.Code;
        if (string.IsNullOrWhiteSpace(Consent?.LawfulBasis))
        {
            Bad("consent.lawfulBasis", "A lawful basis is required.");
        }
        else if (basis is null)
        {
            Bad("consent.lawfulBasis", "Lawful basis must be one of: " + LeadVocabularies.LawfulBases.Describe() + ".");
        }

        var cycle = LeadVocabularies.PurchasingCycles.Resolve(PurchasingCycle)?.Code;
        if (!string.IsNullOrWhiteSpace(PurchasingCycle) && cycle is null)
        {
            Bad("purchasingCycle", "Purchasing cycle must be one of: " + LeadVocabularies.PurchasingCycles.Describe() + ".");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Industry and place resolve to the codes scoring and assignment compare with (制造业 = manufacturing,
        // 苏州 = Suzhou in Jiangsu, East China); words outside the lists are kept as typed.
        var industry = Vocabularies.Industries.Resolve(Company?.Industry)?.Code ?? Normalizer.Code(Company?.Industry);
        var (region, province, city) = Vocabularies.ResolvePlace(Normalizer.Text(Company?.Region), Normalizer.Text(Company?.Province),
            Normalizer.Text(Company?.City));
        return (new LeadDetails(source!, Normalizer.Text(Campaign), PartnerId, company!, industry, size,
            region, province, city,
            contactName!, Normalizer.Text(Contact?.Title), email, phone, Budget?.Amount, Budget?.Amount is null ? null : currency,
            Budget?.Confirmed ?? false, ExpectedStart, basis!, Consent?.OptOut ?? false, cycle), errors);
    }
}
