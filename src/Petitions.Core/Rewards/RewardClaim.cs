using Petitions.Core.Reports;

namespace Petitions.Core.Rewards;

/// <summary>
/// What a reporter gives to be paid: their name, identity number and a bank account in their own name. Stored only
/// sealed, with keys outside the database; the paying office sees it after a second person approves.
/// </summary>
public sealed record RewardClaim(string Name, string IdNumber, string Bank, string Account)
{
    /// <summary>Each problem as the form field it belongs to and the message's resource key; none when the claim can be taken.</summary>
    public static IEnumerable<(string Field, string MessageKey)> Check(string? name, string? idNumber, string? bank, string? account, bool declared)
    {
        // The exclusions the reporter alone can vouch for: no duties over the fund, not in their own interest. Asked
        // here, when they come forward to be paid, never at filing, where it would narrow who an anonymous insider is.
        if (!declared)
        {
            yield return ("Declared", "Reward.Claim.Declaration.Required");
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length is < 2 or > 50)
        {
            yield return ("Name", "Reward.Claim.Name");
        }
        if (ChineseIdNumber.Normalize(idNumber) is null)
        {
            yield return ("IdNumber", "Reward.Claim.IdNumber");
        }
        if (string.IsNullOrWhiteSpace(bank) || bank.Trim().Length is < 2 or > 100)
        {
            yield return ("Bank", "Reward.Claim.Bank");
        }
        if (AccountDigits(account) is null)
        {
            yield return ("Account", "Reward.Claim.Account");
        }
    }

    /// <summary>The account number without spaces or dashes when it is 8 to 30 digits; otherwise null.</summary>
    public static string? AccountDigits(string? account)
    {
        var digits = new string((account ?? "").Where(c => c is not (' ' or '-' or '\u3000')).ToArray());
        return digits.Length is >= 8 and <= 30 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The account as the paying office reads it: the last four digits only, until the claim is opened.</summary>
    public static string Masked(string account) => account.Length <= 4 ? account : new string('*', account.Length - 4) + account[^4..];
}
