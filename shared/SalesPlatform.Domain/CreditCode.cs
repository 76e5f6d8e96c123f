

namespace SalesPlatform.Domain;

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
/// 0-9 and the capitals without I, O, Z, S and V; the 18th is a check character computed from the first 17
/// with weights 3^(i-1) mod 31. It is the de-duplication key of a customer and the tax id on an invoice.
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The code as stored: trimmed, capitals, full-width characters folded; null when blank.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var folded = code.Trim().Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c).ToArray();
        return new string(folded).ToUpperInvariant();
    }

    /// <summary>Why <paramref name="code"/> (normalised) is not a valid code, or null when it is.</summary>
    public static string? Problem(string code)
    {
        if (code.Length != 18)
        {
            return $"A unified social credit code has 18 characters; this one has {code.Length}.";
        }

        if (code.FirstOrDefault(c => !Alphabet.Contains(c)) is var bad and not '\0')
        {
            return $"'{bad}' cannot appear in a unified social credit code (digits and capitals except I, O, Z, S, V).";
        }

        var expected = CheckCharacter(code[..17]);
        return code[17] == expected ? null : $"The check character is '{code[17]}' but the first 17 characters give '{expected}'.";
    }

    /// <summary>The check character of the first 17 characters.</summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        var value = 31 - sum % 31;
        return Alphabet[value == 31 ? 0 : value];
    }
}
