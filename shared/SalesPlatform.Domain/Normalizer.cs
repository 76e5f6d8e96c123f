using System.Globalization;
using System.Text;

namespace SalesPlatform.Domain;

/// <summary>Normalisation used for storage and de-duplication in every service: e-mail, company and person names, codes.</summary>
public static class Normalizer
{
    // Legal-form words that do not tell two companies apart ("Acme Ltd" is "ACME Limited").
    private static readonly HashSet<string> CompanySuffixes = new(StringComparer.Ordinal)
    {
        "co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "gmbh", "plc", "sa", "ag",
        "group",
    };

    // Chinese legal forms are written without a space before them.
    private static readonly string[] JoinedSuffixes = ["股份有限公司", "有限责任公司", "有限公司", "集团"];

    /// <summary>Trimmed, lower-case e-mail, or null when blank.</summary>
    public static string? Email(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>True when <paramref name="email"/> (normalised) looks like local@domain.tld.</summary>
    public static bool IsValidEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.')
            && !email.Any(char.IsWhiteSpace) && email.Length <= 254;
    }

    /// <summary>Collapses whitespace and trims (display form of names).</summary>
    public static string Clean(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Lower-case words without punctuation or legal-form suffixes: "ACME Co., Ltd." and "Acme" give "acme".</summary>
    public static string CompanyKey(string company)
    {
        var words = Words(company);
        while (words.Count > 1 && CompanySuffixes.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        if (words.Count > 0 && JoinedSuffixes.FirstOrDefault(x => words[^1].Length > x.Length && words[^1].EndsWith(x, StringComparison.Ordinal)) is { } joined)
        {
            words[^1] = words[^1][..^joined.Length];
        }

        return string.Join(' ', words);
    }

    /// <summary>De-dup key of a person at a company.</summary>
    public static string IdentityKey(string company, string contactName) =>
        CompanyKey(company) + "|" + string.Join(' ', Words(contactName));

    /// <summary>Lower-case, trimmed value or null (industries, codes).</summary>
    public static string? Code(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : Clean(value).ToLowerInvariant();

    /// <summary>Trimmed value or null.</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : Clean(value);

    private static List<string> Words(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormKC))
        {
            var category = char.GetUnicodeCategory(c);
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c)
                : category == UnicodeCategory.NonSpacingMark ? c : ' ');
        }

        return [.. builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }
}
