using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Core.Audit;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Account;

/// <summary>
/// Setting up the authenticator app (TOTP, Identity's own provider). Staff are sent here before they may see
/// any report. After a correct code the session is renewed as a two-factor one, and ten recovery codes are shown once.
/// </summary>
[Petitions.Web.Infrastructure.RateLimited(Petitions.Web.Infrastructure.RatePurpose.SecondFactor)]
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    /// <summary>The address as a QR code (a PNG data URI: no script, allowed by the CSP's img-src).</summary>
    public string QrCodeDataUri { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public bool Required { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool required = false)
    {
        Required = required;
        return await LoadAsync() ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var code = new string(Input.Code.Where(char.IsDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", l["TwoFactor.BadCode"]);
            await LoadAsync();
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await audit.AppendAsync(user.Id, AuditAction.AccountChanged, null, "two-factor authentication enabled");
        // The code just proved the second factor: this session counts as a two-factor sign-in from now on.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        Enabled = true;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return false;
        }
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            return true;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key starts its own count of used codes.
            user.LastAuthenticatorStep = null;
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = Group(key!);
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("Petitions")}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Petitions&digits=6";
        using var data = QRCoder.QRCodeGenerator.GenerateQrCode(AuthenticatorUri, QRCoder.QRCodeGenerator.ECCLevel.Q);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new QRCoder.PngByteQRCode(data).GetGraphic(5));
        return true;
    }

    private static string Group(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return sb.ToString().TrimEnd().ToLowerInvariant();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(12, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "TwoFactor.Code")]
        public string Code { get; set; } = "";
    }
}
