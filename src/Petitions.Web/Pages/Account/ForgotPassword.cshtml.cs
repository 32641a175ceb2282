using Microsoft.AspNetCore.Identity;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Account;

/// <summary>Asks for a reset link; only confirmed, enabled accounts get one.</summary>
[RateLimited(RatePurpose.Account)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, AccountMail mail) : EmailRequestModel(users)
{
    protected override string Kind => "reset";

    protected override async Task<bool> ShouldSendAsync(AppUser user) => !user.Disabled && await Users.IsEmailConfirmedAsync(user);

    protected override Task SendAsync(AppUser user, CancellationToken ct) => mail.SendPasswordResetAsync(user, ct);
}
