using System.Text.RegularExpressions;
using MimeKit;

namespace Petitions.Testing;

/// <summary>Reads the site's pickup folder: the mails a person would have received.</summary>
public static partial class MailBox
{
    public static IReadOnlyList<MimeMessage> To(string folder, string address) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList()
            : [];

    /// <summary>Waits for the n-th mail to an address (mails from jobs arrive a little later).</summary>
    public static async Task<MimeMessage> WaitForAsync(string folder, string address, int count = 1, TimeSpan? timeout = null)
    {
        IReadOnlyList<MimeMessage> found = [];
        await Wait.UntilAsync(() => (found = To(folder, address)).Count >= count, timeout ?? TimeSpan.FromSeconds(10));
        return found[count - 1];
    }

    /// <summary>The path and query of the first link in the mail's text, to follow on the test site.</summary>
    public static string LinkIn(MimeMessage message)
    {
        var match = LinkPattern().Match(message.TextBody ?? "");
        if (!match.Success)
        {
            throw new InvalidOperationException("The mail has no link.");
        }
        return new Uri(match.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
