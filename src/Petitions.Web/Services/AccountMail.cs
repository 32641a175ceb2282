using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Petitions.Data;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Services;

/// <summary>
/// Account mails (confirmation, password reset, "this address already has an account") in the account's language.
/// Links use the configured public base address, never the request's Host header, so a forged Host cannot
/// send a reset link pointing elsewhere.
/// </summary>
public sealed class AccountMail(
    Mailer mailer,
    UserManager<AppUser> users,
    IStringLocalizer<SharedResource> l,
    IOptions<PetitionsOptions> options)
{
    public async Task SendConfirmationAsync(AppUser user, CancellationToken ct = default)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link($"/Account/ConfirmEmail?userId={user.Id}&code={code}");
        await SendAsync(user, "Mail.Confirm.Subject", "Mail.Confirm.Body", link, ct);
    }

    public async Task SendPasswordResetAsync(AppUser user, CancellationToken ct = default)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Link($"/Account/ResetPassword?code={code}");
        await SendAsync(user, "Mail.Reset.Subject", "Mail.Reset.Body", link, ct);
    }

    /// <summary>Someone tried to register an address that already has an account: tell its owner, not the visitor.</summary>
    public Task SendAlreadyRegisteredAsync(AppUser user, CancellationToken ct = default) =>
        SendAsync(user, "Mail.Exists.Subject", "Mail.Exists.Body", Link("/Account/ForgotPassword"), ct);

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private string Link(string pathAndQuery) => options.Value.PublicBaseUrl.TrimEnd('/') + pathAndQuery;

    private async Task SendAsync(AppUser user, string subjectKey, string bodyKey, string link, CancellationToken ct)
    {
        var previous = CultureInfo.CurrentUICulture;
        var culture = LocalizationSetup.CultureFor(user.PreferredCulture);
        string subject, body;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            subject = l[subjectKey];
            body = l[bodyKey, link];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        await mailer.SendAsync(user.Email!, subject, body, ct);
    }
}
