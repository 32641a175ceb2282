using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Petitions.Data;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Services;

/// <summary>Account mails: confirmation, password reset, "this address already has an account".</summary>
public sealed class AccountMail(LocalizedMailer mailer, UserManager<AppUser> users, Petitions.Core.Regions.RegionCatalogue regions)
{
    public async Task SendConfirmationAsync(AppUser user, CancellationToken ct = default)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = mailer.Link($"/Account/ConfirmEmail?userId={user.Id}&code={code}");
        await mailer.SendAsync(user, "Mail.Confirm.Subject", "Mail.Confirm.Body", [link], ct);
    }

    public async Task SendPasswordResetAsync(AppUser user, CancellationToken ct = default)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = mailer.Link($"/Account/ResetPassword?code={code}");
        await mailer.SendAsync(user, "Mail.Reset.Subject", "Mail.Reset.Body", [link], ct);
    }

    /// <summary>
    /// A new staff member's invitation: who invited them, the role and jurisdictions, the link to choose a password
    /// (a reset token, so it works once), and that an authenticator app will be needed at first sign-in.
    /// </summary>
    public async Task SendInvitationAsync(AppUser user, string invitedBy, string role, IReadOnlyList<string> jurisdictions, CancellationToken ct = default)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = mailer.Link($"/Account/ResetPassword?code={code}");
        await mailer.SendComposedAsync(user, l =>
        {
            var chinese = System.Globalization.CultureInfo.CurrentUICulture.IsChinese();
            var places = jurisdictions.Count == 0 ? l["Mail.Invite.Everywhere"].Value : string.Join(", ", jurisdictions.Select(c => regions.FullName(c, chinese)));
            return (l["Mail.Invite.Subject"], l["Mail.Invite.Body", invitedBy, l["Role." + role].Value, places, user.Email ?? "", link]);
        }, null, ct);
    }

    /// <summary>
    /// Another administrator is told of a new staff account or role at once: it takes part in two-person steps only
    /// after a second administrator confirms it on the staff page, or after the waiting period.
    /// </summary>
    public Task SendConfirmationNeededAsync(AppUser admin, AppUser member, string by, string role, CancellationToken ct = default) =>
        mailer.SendComposedAsync(admin, l =>
            (l["Mail.ConfirmStaff.Subject"], l["Mail.ConfirmStaff.Body", by, member.Email ?? "", l["Role." + role].Value, mailer.Link("/Admin/Staff")]), null, ct);

    /// <summary>Someone tried to register an address that already has an account: tell its owner, not the visitor.</summary>
    public Task SendAlreadyRegisteredAsync(AppUser user, CancellationToken ct = default) =>
        mailer.SendAsync(user, "Mail.Exists.Subject", "Mail.Exists.Body", [mailer.Link("/Account/ForgotPassword")], ct);

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
}
