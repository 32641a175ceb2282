namespace Petitions.Core.Reports;

/// <summary>The 18-character resident identity number (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character.</summary>
public static class ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string Checks = "10X98765432";

    /// <summary>The whole number for its first 17 digits: the check character appended (for generated demo data).</summary>
    public static string Complete(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return first17 + Checks[sum % 11];
    }

    /// <summary>Upper-cases and strips spaces; null when it cannot be an identity number.</summary>
    public static string? Normalize(string? input)
    {
        var text = new string((input ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (text.Length != 18 || !text[..17].All(char.IsAsciiDigit))
        {
            return null;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (text[i] - '0') * Weights[i];
        }
        return text[17] == Checks[sum % 11] ? text : null;
    }
}
