using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Regions;
using Petitions.Data;
using Microsoft.Extensions.Options;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;
using Petitions.Web.UseCases;
using Petitions.Web.UseCases.Staff;

namespace Petitions.Web.Pages.Admin;

/// <summary>
/// Staff accounts: created here only (no self-registration into a staff role), with a name and unit (used for
/// conflicts of interest), one role and jurisdictions. The new member sets a password from a mailed link and an
/// authenticator at first sign-in. The page binds and shows; every change is a <see cref="StaffAccounts"/> use case.
/// </summary>
public sealed class StaffModel(
    AppDbContext db, UserManager<AppUser> users, RegionCatalogue regions, Display display, StaffAccounts accounts,
    IOptions<PetitionsOptions> options, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
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
        if (Input.Id is { } editId && (existing = await users.FindByIdAsync(editId.ToString())) is null)
        {
            return NotFound();
        }
        var codes = (Input.Jurisdictions ?? "").Split([',', ' ', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => regions.Resolve(c) ?? c).Distinct().ToList();
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
        if (ModelState.IsValid)
        {
            var change = new StaffChange(Input.Email.Trim(), Input.Name.Trim(), Input.Unit.Trim(), Input.Role, codes, Input.Culture == "en" ? "en" : "zh-CN");
            var outcome = existing is null ? await accounts.CreateAsync(User, change, ct) : await accounts.ChangeAsync(User, existing.Id, change, ct);
            // Identity's own refusals carry no key of ours: they read as "could not be saved".
            outcome = l[outcome.MessageKey ?? ""].ResourceNotFound ? outcome with { MessageKey = "Identity.Other" } : outcome;
            return await this.AnswerAsync(outcome, l, () => RedirectToPage(new { notice = outcome.MessageKey }), () => AgainAsync(existing, ct));
        }
        return await AgainAsync(existing, ct);
    }

    private async Task<IActionResult> AgainAsync(AppUser? existing, CancellationToken ct)
    {
        await LoadAsync(ct);
        Editing = existing is null ? null : Staff.FirstOrDefault(s => s.Id == existing.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAuthenticatorAsync(Guid id, CancellationToken ct) => Show(await accounts.ResetAuthenticatorAsync(User, id, ct));

    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct) => Show(await accounts.InviteAsync(User, id, ct));

    public async Task<IActionResult> OnPostToggleAsync(Guid id, CancellationToken ct) => Show(await accounts.ToggleAsync(User, id, ct));

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) => Show(await accounts.ConfirmAsync(User, id, ct));

    /// <summary>A row's button: the outcome's message on the list, or 404 for an account that is not staff.</summary>
    private IActionResult Show(Outcome outcome) =>
        outcome.Kind == OutcomeKind.NotFound ? NotFound() : RedirectToPage(new { notice = outcome.MessageKey });

    private async Task LoadAsync(CancellationToken ct)
    {
        var staffRoleIds = await db.Roles.Where(r => StaffRoles.Contains(r.Name!)).ToDictionaryAsync(r => r.Id, r => r.Name!, ct);
        var links = await db.UserRoles.Where(ur => staffRoleIds.Keys.Contains(ur.RoleId)).ToListAsync(ct);
        var ids = links.Select(l => l.UserId).Distinct().ToList();
        var members = await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.Email).ToListAsync(ct);
        var me = Services.StaffAccess.UserId(User);
        var waitStart = clock.GetUtcNow().AddDays(-WaitDays);
        var jurisdictions = (await db.Jurisdictions.Where(j => ids.Contains(j.UserId)).ToListAsync(ct)).ToLookup(j => j.UserId, j => j.RegionCode);
        Staff = members.Select(u => new Row(u.Id, u.Email!, u.DisplayName, u.Unit,
            string.Join(", ", links.Where(x => x.UserId == u.Id).Select(x => staffRoleIds[x.RoleId])),
            string.Join(", ", jurisdictions[u.Id].Select(c => $"{display.RegionPath(c)} ({c})")), u.TwoFactorEnabled, u.Disabled,
            [.. jurisdictions[u.Id]], u.PasswordHash is not null, u.AwaitingConfirmationSince is not null && u.AwaitingConfirmationSince > waitStart,
            StaffAccounts.MayConfirm(u, me))).ToList();
    }

    /// <summary>Days a new account waits for a second administrator (said on the page).</summary>
    public int WaitDays => options.Value.StaffConfirmationWaitDays;

    public sealed record Row(Guid Id, string Email, string? Name, string? Unit, string Roles, string Jurisdictions, bool TwoFactor, bool Disabled,
        IReadOnlyList<string> Codes, bool HasPassword, bool Awaiting, bool CanConfirm);

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
