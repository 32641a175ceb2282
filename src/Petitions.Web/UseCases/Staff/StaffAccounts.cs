using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Staff;

/// <summary>What an administrator asks for when creating or changing a staff account (validated by the page).</summary>
public sealed record StaffChange(string Email, string Name, string Unit, string Role, IReadOnlyList<string> Codes, string Culture);

/// <summary>
/// The administrator's use cases on staff accounts: create, change, reset the authenticator, invite again,
/// disable or enable, and confirm. Each saves the account and its audit entry in one transaction; mails go
/// after the commit. Every change records who made it, because whoever created, invited, confirmed or last
/// changed an account may never be its second person in a two-person step; a new account or a new role waits
/// for a second administrator's confirmation (or the waiting period, of which the other administrators are told).
/// </summary>
public sealed class StaffAccounts(
    AppDbContext db, Transaction transaction, UserManager<AppUser> users, AuditLog audit, AccountMail mail, StaffQueries staff, TimeProvider clock)
{
    public async Task<Outcome> CreateAsync(ClaimsPrincipal admin, StaffChange change, CancellationToken ct)
    {
        var me = StaffAccess.UserId(admin);
        AppUser? created = null;
        var outcome = await transaction.RunAsync(async token =>
        {
            if (await users.FindByEmailAsync(change.Email) is not null)
            {
                return Outcome.Invalid("Input.Email", "Admin.Staff.EmailTaken");
            }
            var user = new AppUser
            {
                UserName = change.Email, Email = change.Email, EmailConfirmed = true,
                DisplayName = change.Name, Unit = change.Unit, PreferredCulture = change.Culture,
                CreatedById = me, LastChangedById = me, AwaitingConfirmationSince = clock.GetUtcNow(),
            };
            var result = await users.CreateAsync(user);
            if (!result.Succeeded)
            {
                return Outcome.Invalid("Input.Email", "Identity." + result.Errors.First().Code);
            }
            await users.AddToRoleAsync(user, change.Role);
            db.Jurisdictions.AddRange(change.Codes.Select(c => new StaffJurisdiction { UserId = user.Id, RegionCode = c }));
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(me, AuditAction.AccountChanged, null, $"created {user.Email} as {change.Role} for {string.Join(",", change.Codes)}; awaiting a second administrator", token);
            created = user;
            return Outcome.Done("Admin.Staff.Created");
        }, ct);
        if (outcome.Succeeded && created is not null)
        {
            // The new member chooses a password from the invitation's link; the administrator never knows it.
            await mail.SendInvitationAsync(created, await NameOfAsync(me), change.Role, change.Codes, ct);
            await TellOtherAdminsAsync(me, created, change.Role, ct);
        }
        return outcome;
    }

    /// <summary>Name, unit, role, jurisdictions and language. A new role ends the member's sessions and waits for confirmation again.</summary>
    public async Task<Outcome> ChangeAsync(ClaimsPrincipal admin, Guid id, StaffChange change, CancellationToken ct)
    {
        var me = StaffAccess.UserId(admin);
        var newRole = false;
        AppUser? changed = null;
        var outcome = await transaction.RunAsync(async token =>
        {
            if (await StaffMemberAsync(id) is not { } user)
            {
                return Outcome.NotFound;
            }
            var roles = await users.GetRolesAsync(user);
            var before = $"{string.Join(",", roles)} for {string.Join(",", await db.Jurisdictions.Where(j => j.UserId == id).Select(j => j.RegionCode).ToListAsync(token))}";
            user.DisplayName = change.Name;
            user.Unit = change.Unit;
            user.PreferredCulture = change.Culture;
            user.LastChangedById = me;
            newRole = !roles.SequenceEqual([change.Role]);
            if (newRole)
            {
                user.AwaitingConfirmationSince = clock.GetUtcNow();
                user.ConfirmedById = null;
            }
            await users.UpdateAsync(user);
            if (newRole)
            {
                await users.RemoveFromRolesAsync(user, roles.Where(Roles.Employees.Contains));
                await users.AddToRoleAsync(user, change.Role);
                // A new role takes effect at once: the session is re-validated within a minute.
                await users.UpdateSecurityStampAsync(user);
            }
            await db.Jurisdictions.Where(j => j.UserId == id).ExecuteDeleteAsync(token);
            db.Jurisdictions.AddRange(change.Codes.Select(c => new StaffJurisdiction { UserId = id, RegionCode = c }));
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(me, AuditAction.AccountChanged, null, $"changed {user.Email}: {before} → {change.Role} for {string.Join(",", change.Codes)}", token);
            changed = user;
            return Outcome.Done("Admin.Staff.Saved");
        }, ct);
        if (outcome.Succeeded && newRole && changed is not null)
        {
            await TellOtherAdminsAsync(me, changed, change.Role, ct);
        }
        return outcome;
    }

    /// <summary>A lost phone: the authenticator is removed, sessions end, and the person sets a new one at the next sign-in.</summary>
    public Task<Outcome> ResetAuthenticatorAsync(ClaimsPrincipal admin, Guid id, CancellationToken ct) =>
        ChangeOneAsync(admin, id, "Admin.Staff.AuthenticatorReset", async (user, token) =>
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            user.LastAuthenticatorStep = null;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.UpdateSecurityStampAsync(user);
            return $"reset the authenticator of {user.Email}";
        }, ct);

    /// <summary>The invitation again (a new link; the old one stops working once either is used).</summary>
    public async Task<Outcome> InviteAsync(ClaimsPrincipal admin, Guid id, CancellationToken ct)
    {
        AppUser? invited = null;
        var outcome = await ChangeOneAsync(admin, id, "Admin.Staff.Invited", (user, _) =>
        {
            invited = user;
            return Task.FromResult($"invited {user.Email} again");
        }, ct);
        if (outcome.Succeeded && invited is not null)
        {
            var role = (await users.GetRolesAsync(invited)).FirstOrDefault(Roles.Employees.Contains) ?? Roles.Officer;
            var codes = await db.Jurisdictions.Where(j => j.UserId == id).Select(j => j.RegionCode).ToListAsync(ct);
            await mail.SendInvitationAsync(invited, await NameOfAsync(StaffAccess.UserId(admin)), role, codes, ct);
        }
        return outcome;
    }

    /// <summary>Disabling locks the account and renews its security stamp, so open sessions end within a minute.</summary>
    public Task<Outcome> ToggleAsync(ClaimsPrincipal admin, Guid id, CancellationToken ct) =>
        id == StaffAccess.UserId(admin)
            ? Task.FromResult(Outcome.NotAllowed("Admin.Staff.NotSelf"))
            : ChangeOneAsync(admin, id, "Admin.Saved", async (user, _) =>
            {
                user.Disabled = !user.Disabled;
                user.LockoutEnabled = true;
                user.LockoutEnd = user.Disabled ? DateTimeOffset.MaxValue : null;
                await users.UpdateAsync(user);
                await users.UpdateSecurityStampAsync(user);
                return $"{(user.Disabled ? "disabled" : "enabled")} {user.Email}";
            }, ct);

    /// <summary>A second administrator confirms a new account or role: never the one who created or last changed it.</summary>
    public Task<Outcome> ConfirmAsync(ClaimsPrincipal admin, Guid id, CancellationToken ct) =>
        transaction.RunAsync(async token =>
        {
            var me = StaffAccess.UserId(admin);
            if (await StaffMemberAsync(id) is not { } user)
            {
                return Outcome.NotFound;
            }
            if (user.AwaitingConfirmationSince is null)
            {
                return Outcome.Done("Admin.Staff.Confirmed");
            }
            if (!MayConfirm(user, me))
            {
                return Outcome.NotAllowed("Admin.Staff.ConfirmNotYou");
            }
            user.AwaitingConfirmationSince = null;
            user.ConfirmedById = me;
            await users.UpdateAsync(user);
            await audit.AppendAsync(me, AuditAction.AccountChanged, null, $"confirmed {user.Email}", token);
            return Outcome.Done("Admin.Staff.Confirmed");
        }, ct);

    /// <summary>The second administrator: not the account itself, nor whoever created or last changed it.</summary>
    public static bool MayConfirm(AppUser user, Guid admin) =>
        user.AwaitingConfirmationSince is not null && user.Id != admin && user.CreatedById != admin && user.LastChangedById != admin;

    private Task<Outcome> ChangeOneAsync(ClaimsPrincipal admin, Guid id, string done, Func<AppUser, CancellationToken, Task<string>> change, CancellationToken ct) =>
        transaction.RunAsync(async token =>
        {
            if (await StaffMemberAsync(id) is not { } user)
            {
                return Outcome.NotFound;
            }
            var me = StaffAccess.UserId(admin);
            user.LastChangedById = me;
            var detail = await change(user, token);
            await users.UpdateAsync(user);
            await audit.AppendAsync(me, AuditAction.AccountChanged, null, detail, token);
            return Outcome.Done(done);
        }, ct);

    private async Task<AppUser?> StaffMemberAsync(Guid id) =>
        await users.FindByIdAsync(id.ToString()) is { } user && (await users.GetRolesAsync(user)).Any(Roles.Employees.Contains) ? user : null;

    private async Task<string> NameOfAsync(Guid id) =>
        await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName ?? u.Email ?? "").SingleOrDefaultAsync() ?? "";

    /// <summary>The other administrators learn of every new account or role, so the waiting period is never silent.</summary>
    private async Task TellOtherAdminsAsync(Guid me, AppUser member, string role, CancellationToken ct)
    {
        var others = await staff.InRoles([Roles.Admin]).Where(a => a.Id != me && !a.Disabled).ToListAsync(ct);
        var by = await NameOfAsync(me);
        foreach (var other in others)
        {
            await mail.SendConfirmationNeededAsync(other, member, by, role, ct);
        }
    }
}
