using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Accounts;

/// <summary>
/// What a person may do with their own account: change the address (confirmed from the new mailbox), see and
/// download everything the site holds about them, and delete the account. Reports filed under their real name
/// are official records of the units handling them and stay; deleting the account removes its link to them and
/// the address inside each report's sealed identity, so nothing leads from the reports back to a live account.
/// </summary>
public sealed class AccountChanges(
    AppDbContext db, Transaction transaction, UserManager<AppUser> users, ReporterIdentities identities, LocalizedMailer mailer,
    AccountMail accountMail, AuditLog audit, ILogger<AccountChanges> logger)
{
    /// <summary>Staff accounts are managed by an administrator (their address is their work identity, their removal a personnel act).</summary>
    public async Task<bool> IsCitizenOnlyAsync(AppUser user) => (await users.GetRolesAsync(user)) is [Roles.Citizen] or [];

    /// <summary>
    /// Sends the confirmation link to the new address; nothing changes until it is opened. An address that already
    /// has an account gets the "you already have an account" mail instead, so the form never tells whether it is taken.
    /// </summary>
    public async Task RequestEmailChangeAsync(AppUser user, string newEmail, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(newEmail) is { } other)
        {
            users.PasswordHasher.HashPassword(other, newEmail);
            await accountMail.SendAlreadyRegisteredAsync(other, ct);
            return;
        }
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateChangeEmailTokenAsync(user, newEmail)));
        var link = mailer.Link($"/Account/ConfirmEmailChange?userId={user.Id}&email={Uri.EscapeDataString(newEmail)}&code={code}");
        await mailer.SendAsync(newEmail, user.PreferredCulture, "Mail.ChangeEmail.Subject", "Mail.ChangeEmail.Body", [link], null, ct);
    }

    /// <summary>The link from the new mailbox: the address changes, with the sign-in name and the address inside the person's real-name reports.</summary>
    public Task<Outcome> ConfirmEmailChangeAsync(string? userId, string? email, string? code, CancellationToken ct) =>
        transaction.RunAsync(async token =>
        {
            var decoded = AccountMail.Decode(code);
            if (decoded is null || string.IsNullOrWhiteSpace(email) || !Guid.TryParse(userId, out var id) || await users.FindByIdAsync(id.ToString()) is not { } user)
            {
                return Outcome.Invalid("", "ChangeEmail.Invalid");
            }
            var old = user.Email;
            var changed = await users.ChangeEmailAsync(user, email, decoded);
            if (!changed.Succeeded || !(await users.SetUserNameAsync(user, email)).Succeeded)
            {
                return Outcome.Invalid("", "ChangeEmail.Invalid");
            }
            await ResealAsync(user.Id, identity => identity with { Email = email }, keepLink: true, token);
            if (old is not null)
            {
                await mailer.SendAsync(old, user.PreferredCulture, "Mail.EmailChanged.Subject", "Mail.EmailChanged.Body", [mailer.Link("/Account/ForgotPassword")], null, token);
            }
            logger.LogInformation("Account address changed");
            return Outcome.Done("ChangeEmail.Done");
        }, ct);

    /// <summary>Deletes the account after checking its password; the reports stay, unlinked and without the address.</summary>
    public Task<Outcome> DeleteAsync(AppUser user, string? password, CancellationToken ct) =>
        transaction.RunAsync(async token =>
        {
            if (!await IsCitizenOnlyAsync(user))
            {
                return Outcome.NotAllowed("Delete.Staff");
            }
            if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
            {
                return Outcome.Invalid("Password", "Delete.WrongPassword");
            }
            var reports = await ResealAsync(user.Id, identity => identity with { Email = null }, keepLink: false, token);
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                throw new InvalidOperationException("The account could not be deleted: " + string.Join(", ", deleted.Errors.Select(e => e.Code)));
            }
            // Nothing identifying: the audit trail records that an account went, not whose.
            await audit.AppendAsync(null, AuditAction.AccountChanged, null, $"A citizen deleted their account; {reports} reports unlinked", token);
            logger.LogInformation("A citizen account was deleted");
            return Outcome.Done("Delete.Done");
        }, ct);

    /// <summary>Everything the site holds about the account and what was filed from it, as the person gave it.</summary>
    public async Task<MyData> ExportAsync(AppUser user, CancellationToken ct)
    {
        var link = identities.LinkOf(user.Id);
        var reports = await db.Reports.AsNoTracking().Where(r => r.ReporterKey == link)
            .Include(r => r.People).Include(r => r.Attachments).Include(r => r.Events.Where(e => e.Public))
            .OrderBy(r => r.SubmittedAt).AsSplitQuery().ToListAsync(ct);
        var roles = await users.GetRolesAsync(user);
        var chinese = System.Globalization.CultureInfo.CurrentUICulture.IsChinese();
        var kindNames = await db.ReportKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Name(chinese), ct);
        return new MyData(
            new MyAccount(user.Email ?? "", user.DisplayName, user.PreferredCulture, user.TwoFactorEnabled, [.. roles]),
            [.. reports.Select(r => new MyReport(
                r.Id, r.TrackingNumber, r.SubmittedAt, r.Status.ToString(), kindNames.GetValueOrDefault(r.KindCode, r.KindCode), r.RegionCode,
                r.PeriodFrom, r.PeriodTo, r.AmountYuan, r.CardsOrPeople, r.Description,
                identities.Open(r.IdentityProtected),
                [.. r.People.Select(p => new MyPerson(p.Name, p.Unit, p.Position))],
                [.. r.Attachments.Where(a => a.FromReporter).Select(a => a.DisplayName)],
                [.. r.Events.OrderBy(e => e.At).Select(e => new MyEvent(e.At, e.Kind.ToString(), e.Status?.ToString(), e.Body))]))]);
    }

    /// <summary>Rewrites the sealed identity of every report of this account; returns how many.</summary>
    private async Task<int> ResealAsync(Guid userId, Func<ReporterIdentity, ReporterIdentity> change, bool keepLink, CancellationToken ct)
    {
        var link = identities.LinkOf(userId);
        var reports = await db.Reports.Where(r => r.ReporterKey == link).ToListAsync(ct);
        foreach (var report in reports)
        {
            if (identities.Open(report.IdentityProtected) is { } identity)
            {
                report.IdentityProtected = identities.Seal(change(identity));
            }
            if (!keepLink)
            {
                report.ReporterKey = null;
            }
        }
        await db.SaveChangesAsync(ct);
        return reports.Count;
    }
}

public sealed record MyData(MyAccount Account, IReadOnlyList<MyReport> Reports);

public sealed record MyAccount(string Email, string? Name, string? Language, bool TwoFactor, IReadOnlyList<string> Roles);

/// <summary>One real-name report as its reporter gave it; the id links the page to it and is not part of the download.</summary>
public sealed record MyReport(
    [property: System.Text.Json.Serialization.JsonIgnore] Guid Id, string TrackingNumber, DateTimeOffset SubmittedAt, string Status, string Kind, string RegionCode,
    DateOnly? PeriodFrom, DateOnly? PeriodTo, decimal? AmountYuan, int? CardsOrPeople, string Description,
    ReporterIdentity? IdentityGiven, IReadOnlyList<MyPerson> People, IReadOnlyList<string> Files, IReadOnlyList<MyEvent> Timeline);

public sealed record MyPerson(string? Name, string? Unit, string? Position);

public sealed record MyEvent(DateTimeOffset At, string Kind, string? Status, string? Text);
