namespace SalesPlatform.Leads.Domain;

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
    ConsentInput? Consent)
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

        var source = Normalizer.Code(Source);
        if (source is null)
        {
            Bad("source", "Source is required.");
        }
        else if (!Vocabulary.Sources.Contains(source))
        {
            Bad("source", "Source must be one of: " + string.Join(", ", Vocabulary.Sources) + ".");
        }

        if (source == Vocabulary.PartnerReferral && PartnerId is null)
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

        var size = Normalizer.Code(Company?.Size);
        if (size is not null && !Vocabulary.CompanySizes.Contains(size))
        {
            Bad("company.size", "Size must be one of: " + string.Join(", ", Vocabulary.CompanySizes) + ".");
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

        var phone = Normalizer.PhoneE164(Contact?.Phone, defaultPhoneRegion);
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

        var basis = Normalizer.Code(Consent?.LawfulBasis);
        if (basis is null)
        {
            Bad("consent.lawfulBasis", "A lawful basis is required.");
        }
        else if (!Vocabulary.LawfulBases.Contains(basis))
        {
            Bad("consent.lawfulBasis", "Lawful basis must be one of: " + string.Join(", ", Vocabulary.LawfulBases) + ".");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new LeadDetails(source!, Normalizer.Text(Campaign), PartnerId, company!, Normalizer.Code(Company?.Industry), size,
            Normalizer.Text(Company?.Region), Normalizer.Text(Company?.Province), Normalizer.Text(Company?.City),
            contactName!, Normalizer.Text(Contact?.Title), email, phone, Budget?.Amount, Budget?.Amount is null ? null : currency,
            Budget?.Confirmed ?? false, ExpectedStart, basis!, Consent?.OptOut ?? false), errors);
    }
}
