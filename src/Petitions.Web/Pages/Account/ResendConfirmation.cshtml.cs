using Microsoft.AspNetCore.Identity;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Account;

/// <summary>Sends the confirmation mail again, to accounts not confirmed yet.</summary>
[RateLimited(RatePurpose.Account)]
public sealed class ResendConfirmationModel(UserManager<AppUser> users, AccountMail mail) : EmailRequestModel(users)
{
    protected override string Kind => "resend";

    protected override async Task<bool> ShouldSendAsync(AppUser user) => !await Users.IsEmailConfirmedAsync(user);

    protected override Task SendAsync(AppUser user, CancellationToken ct) => mail.SendConfirmationAsync(user, ct);
}
