using PhoneNumbers;

namespace SalesPlatform.Leads.Input;

/// <summary>
/// Phone numbers as people type them (138 1234 5678, +86-21-5555-1234, 021 5555 1234) to E.164, with
/// libphonenumber: input parsing, kept out of <c>Domain/</c>, which depends on the BCL only.
/// </summary>
public static class Phones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The phone in E.164 (+8613812345678), using <paramref name="defaultRegion"/> for numbers without a country code; null when invalid.</summary>
    public static string? ToE164(string? phone, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        try
        {
            var parsed = Util.Parse(phone.Trim(), defaultRegion);
            return Util.IsValidNumber(parsed) ? Util.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
