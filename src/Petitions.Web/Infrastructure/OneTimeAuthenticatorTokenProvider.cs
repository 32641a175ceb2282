using Microsoft.AspNetCore.Identity;
using OtpNet;
using Petitions.Data;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// The authenticator (TOTP, RFC 6238) check, with the RFC's one-time rule: once a code is accepted, no code of the
/// same or an earlier 30-second step is accepted again for that account, so a code seen over someone's shoulder,
/// an older code, or the same code replayed from another address opens nothing. The accepted step is kept on the
/// account; two simultaneous uses race on the account's concurrency stamp and only one wins (the loser is a plain
/// refusal, never an error).
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(AppDbContext db) : AuthenticatorTokenProvider<AppUser>
{
    /// <summary>Steps either side of now a code is accepted in, as Identity's own provider does (a phone's clock drifts).</summary>
    private static readonly VerificationWindow Window = new(previous: 2, future: 2);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        // The phone's clock is the real one: the site's test clock must not move the codes.
        var now = TimeProvider.System.GetUtcNow();
        if (!new Totp(Base32Encoding.ToBytes(key)).VerifyTotp(now.UtcDateTime, token, out var step, Window))
        {
            return false;
        }
        if (user.LastAuthenticatorStep is { } last && step <= last)
        {
            return false;
        }
        user.LastAuthenticatorStep = step;
        user.LastAuthenticatorCodeAt = now;
        if ((await manager.UpdateAsync(user)).Succeeded)
        {
            return true;
        }
        // Another request used a code at the same moment and won: forget this attempt's change, so that nothing
        // saved later in this request (its audit entry) tries to write the stale account again.
        await db.Entry(user).ReloadAsync();
        return false;
    }
}
