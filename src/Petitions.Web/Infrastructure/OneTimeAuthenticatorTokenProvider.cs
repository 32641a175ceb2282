using Microsoft.AspNetCore.Identity;
using Petitions.Data;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// The authenticator (TOTP) check, with one change: a code that person has already used is refused while it
/// could still be valid, so a code seen over someone's shoulder, or replayed from another address, opens
/// nothing. The accepted code and its time are kept on the account; a second use races on the account's
/// concurrency stamp, and only one of two simultaneous uses can win.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<AppUser>
{
    /// <summary>Longer than any window Identity accepts a code in (the current step and its neighbours).</summary>
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(5);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        if (!await base.ValidateAsync(purpose, token, manager, user))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        if (user.LastAuthenticatorCode == token && user.LastAuthenticatorCodeAt is { } at && now - at < Reuse)
        {
            return false;
        }
        user.LastAuthenticatorCode = token;
        user.LastAuthenticatorCodeAt = now;
        return (await manager.UpdateAsync(user)).Succeeded;
    }
}
