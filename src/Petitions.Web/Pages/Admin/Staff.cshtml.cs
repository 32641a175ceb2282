using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Audit;
using Petitions.Core.Regions;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Admin;

/// <summary>
/// Staff accounts: created here only (no self-registration into a staff role), with a name and unit (used for
/// conflicts of interest), one role and jurisdictions. The new member sets a password from a mailed link and an
/// authenticator at first sign-in. Disabling locks the account and renews its security stamp, so open sessions
/// end within a minute.
/// </summary>
public sealed class StaffModel(
    AppDbContext db, UserManager<AppUser> users, RegionCatalogue regions, Display display, AccountMail mail, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly string[] StaffRoles = Roles.Employees;

    [BindProperty] public StaffInput Input { get; set; } = new();

    public IReadOnlyList<Row> Staff { get; private set; } = [];
    public string? Notice { get; private set; }

    /// <summary>The member being edited (the form then saves changes instead of inviting someone new).</summary>
    public Row? Editing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? notice, Guid? edit, CancellationToken ct)
    {
        Notice = notice;
        await LoadAsync(ct);
        if (edit is { } id)
        {
            if (Staff.FirstOrDefault(s => s.Id == id) is not { } row)
            {
                return NotFound();
            }
            Editing = row;
            var user = (await users.FindByIdAsync(id.ToString()))!;
            Input = new StaffInput
            {
                Id = id, Email = row.Email, Name = row.Name ?? "", Unit = row.Unit ?? "", Role = row.Roles.Split(", ")[0],
                Jurisdictions = string.Join(", ", row.Codes), Culture = user.PreferredCulture == "en" ? "en" : "zh-CN",
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        AppUser? existing = null;
        if (Input.Id is { } editId && (await users.FindByIdAsync(editId.ToString()) is not { } found || !(await users.GetRolesAsync(found)).Any(StaffRoles.Contains)))
        {
            return NotFound();
        }
        else if (Input.Id is { } id)
        {
            existing = await users.FindByIdAsync(id.ToString());
        }
        var codes = (Input.Jurisdictions ?? "").Split([',', ' ', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (codes.Any(c => regions.Find(c) is null))
        {
            ModelState.AddModelError("Input.Jurisdictions", l["Report.Region.Unknown"]);
        }
        if (!StaffRoles.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", l["Validation.Invalid"]);
        }
        if (Roles.Working.Contains(Input.Role) && codes.Count == 0)
        {
            ModelState.AddModelError("Input.Jurisdictions", l["Admin.Staff.JurisdictionNeeded"]);
        }
        if (existing is null && ModelState.IsValid && await users.FindByEmailAsync(Input.Email.Trim()) is not null)
        {
            ModelState.AddModelError("Input.Email", l["Admin.Staff.EmailTaken"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            Editing = existing is null ? null : Staff.FirstOrDefault(s => s.Id == existing.Id);
            return Page();
        }
        if (existing is not null)
        {
            return await SaveChangesAsync(existing, codes, ct);
        }
        var user = new AppUser
        {
            UserName = Input.Email.Trim(), Email = Input.Email.Trim(), EmailConfirmed = true,
            DisplayName = Input.Name.Trim(), Unit = Input.Unit.Trim(), PreferredCulture = Input.Culture == "en" ? "en" : "zh-CN",
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            ModelState.AddModelError("Input.Email", Infrastructure.IdentityMessages.For(l, created.Errors.First()));
            await LoadAsync(ct);
            return Page();
        }
        await users.AddToRoleAsync(user, Input.Role);
        db.Jurisdictions.AddRange(codes.Select(c => new StaffJurisdiction { UserId = user.Id, RegionCode = c }));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(StaffAccess.UserId(User), AuditAction.AccountChanged, null, $"created {user.Email} as {Input.Role} for {string.Join(",", codes)}", ct);
        // The new member chooses a password from the invitation's link; the Admin never knows it.
        await mail.SendInvitationAsync(user, await InviterAsync(), Input.Role, codes, ct);
        return RedirectToPage(new { notice = "Admin.Staff.Created" });
    }

    /// <summary>Name, unit, role, jurisdictions and language of an existing member; the change is audited.</summary>
    private async Task<IActionResult> SaveChangesAsync(AppUser user, List<string> codes, CancellationToken ct)
    {
        var before = $"{string.Join(",", await users.GetRolesAsync(user))} for {string.Join(",", await db.Jurisdictions.Where(j => j.UserId == user.Id).Select(j => j.RegionCode).ToListAsync(ct))}";
        user.DisplayName = Input.Name.Trim();
        user.Unit = Input.Unit.Trim();
        user.PreferredCulture = Input.Culture == "en" ? "en" : "zh-CN";
        await users.UpdateAsync(user);
        var roles = await users.GetRolesAsync(user);
        if (!roles.SequenceEqual([Input.Role]))
        {
            await users.RemoveFromRolesAsync(user, roles.Where(StaffRoles.Contains));
            await users.AddToRoleAsync(user, Input.Role);
            // A new role takes effect at once: the session is re-validated within a minute.
            await users.UpdateSecurityStampAsync(user);
        }
        await db.Jurisdictions.Where(j => j.UserId == user.Id).ExecuteDeleteAsync(ct);
        db.Jurisdictions.AddRange(codes.Select(c => new StaffJurisdiction { UserId = user.Id, RegionCode = c }));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(StaffAccess.UserId(User), AuditAction.AccountChanged, null,
            $"changed {user.Email}: {before} → {Input.Role} for {string.Join(",", codes)}", ct);
        return RedirectToPage(new { notice = "Admin.Staff.Saved" });
    }

    /// <summary>A lost phone: the authenticator is removed, sessions end, and the person sets a new one at the next sign-in.</summary>
    public async Task<IActionResult> OnPostResetAuthenticatorAsync(Guid id, CancellationToken ct)
    {
        if (await StaffMemberAsync(id) is not { } user)
        {
            return NotFound();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.AppendAsync(StaffAccess.UserId(User), AuditAction.AccountChanged, null, $"reset the authenticator of {user.Email}", ct);
        return RedirectToPage(new { notice = "Admin.Staff.AuthenticatorReset" });
    }

    /// <summary>The invitation again (a new link; the old one stops working once either is used).</summary>
    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct)
    {
        if (await StaffMemberAsync(id) is not { } user)
        {
            return NotFound();
        }
        var role = (await users.GetRolesAsync(user)).FirstOrDefault(StaffRoles.Contains) ?? Roles.Officer;
        var codes = await db.Jurisdictions.Where(j => j.UserId == user.Id).Select(j => j.RegionCode).ToListAsync(ct);
        await mail.SendInvitationAsync(user, await InviterAsync(), role, codes, ct);
        await audit.AppendAsync(StaffAccess.UserId(User), AuditAction.AccountChanged, null, $"invited {user.Email} again", ct);
        return RedirectToPage(new { notice = "Admin.Staff.Invited" });
    }

    private async Task<AppUser?> StaffMemberAsync(Guid id) =>
        await users.FindByIdAsync(id.ToString()) is { } user && (await users.GetRolesAsync(user)).Any(StaffRoles.Contains) ? user : null;

    private async Task<string> InviterAsync() =>
        await users.GetUserAsync(User) is { } me ? me.DisplayName ?? me.Email ?? "" : "";

    public async Task<IActionResult> OnPostToggleAsync(Guid id, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user || !(await users.GetRolesAsync(user)).Any(StaffRoles.Contains))
        {
            return NotFound();
        }
        if (user.Id == StaffAccess.UserId(User))
        {
            return RedirectToPage(new { notice = "Admin.Staff.NotSelf" });
        }
        user.Disabled = !user.Disabled;
        user.LockoutEnabled = true;
        user.LockoutEnd = user.Disabled ? DateTimeOffset.MaxValue : null;
        await users.UpdateAsync(user);
        // Sessions are re-validated every minute: a renewed stamp ends them.
        await users.UpdateSecurityStampAsync(user);
        await audit.AppendAsync(StaffAccess.UserId(User), AuditAction.AccountChanged, null, $"{(user.Disabled ? "disabled" : "enabled")} {user.Email}", ct);
        return RedirectToPage(new { notice = "Admin.Saved" });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var staffRoleIds = await db.Roles.Where(r => StaffRoles.Contains(r.Name!)).ToDictionaryAsync(r => r.Id, r => r.Name!, ct);
        var links = await db.UserRoles.Where(ur => staffRoleIds.Keys.Contains(ur.RoleId)).ToListAsync(ct);
        var ids = links.Select(l => l.UserId).Distinct().ToList();
        var accounts = await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.Email).ToListAsync(ct);
        var jurisdictions = (await db.Jurisdictions.Where(j => ids.Contains(j.UserId)).ToListAsync(ct)).ToLookup(j => j.UserId, j => j.RegionCode);
        Staff = accounts.Select(u => new Row(u.Id, u.Email!, u.DisplayName, u.Unit,
            string.Join(", ", links.Where(x => x.UserId == u.Id).Select(x => staffRoleIds[x.RoleId])),
            string.Join(", ", jurisdictions[u.Id].Select(c => $"{display.RegionPath(c)} ({c})")), u.TwoFactorEnabled, u.Disabled,
            [.. jurisdictions[u.Id]], u.PasswordHash is not null)).ToList();
    }

    public sealed record Row(Guid Id, string Email, string? Name, string? Unit, string Roles, string Jurisdictions, bool TwoFactor, bool Disabled,
        IReadOnlyList<string> Codes, bool HasPassword);

    public sealed class StaffInput : Account.EmailInput
    {
        /// <summary>Set when an existing member is edited.</summary>
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Register.Name")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Staff.Unit")]
        public string Unit { get; set; } = "";

        [Display(Name = "Manage.Roles")]
        public string Role { get; set; } = Roles.Officer;

        [StringLength(500, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Staff.Jurisdictions")]
        public string? Jurisdictions { get; set; }

        public string Culture { get; set; } = "zh-CN";
    }
}
