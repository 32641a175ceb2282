using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Web.Infrastructure;
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
    AppDbContext db, UserManager<AppUser> users, RegionCatalogue regions, AccountMail mail, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly string[] StaffRoles = Roles.Employees;

    [BindProperty] public StaffInput Input { get; set; } = new();

    public IReadOnlyList<Row> Staff { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? notice, CancellationToken ct)
    {
        Notice = notice;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
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
        if (ModelState.IsValid && await users.FindByEmailAsync(Input.Email.Trim()) is not null)
        {
            ModelState.AddModelError("Input.Email", l["Admin.Staff.EmailTaken"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
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
        // The new member chooses a password from this link; the Admin never knows it.
        await mail.SendPasswordResetAsync(user, ct);
        return RedirectToPage(new { notice = "Admin.Staff.Created" });
    }

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
            string.Join(", ", jurisdictions[u.Id].Select(c => $"{regions.FullName(c, System.Globalization.CultureInfo.CurrentUICulture.IsChinese())} ({c})")), u.TwoFactorEnabled, u.Disabled)).ToList();
    }

    public sealed record Row(Guid Id, string Email, string? Name, string? Unit, string Roles, string Jurisdictions, bool TwoFactor, bool Disabled);

    public sealed class StaffInput : Account.EmailInput
    {
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
