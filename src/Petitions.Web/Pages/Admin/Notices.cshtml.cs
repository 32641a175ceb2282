using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Notices;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Admin;

/// <summary>
/// The formal notices' templates, one per kind of notice and language. A change applies to notices issued from then on;
/// an issued notice keeps its text. Saved with its audit entry in one transaction.
/// </summary>
public sealed class NoticesModel(AppDbContext db, UseCases.Rules.RegimeAndNoticeEditing editing) : PageModel
{
    [BindProperty] public NoticeInput Input { get; set; } = new();
    public IReadOnlyList<NoticeTemplate> Templates { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, string? notice, CancellationToken ct)
    {
        if (id is { } templateId)
        {
            if (await db.NoticeTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId, ct) is not { } template)
            {
                return NotFound();
            }
            Input = new NoticeInput { Id = template.Id, Title = template.Title, Body = template.Body };
        }
        Notice = notice;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || Input.Id is null)
        {
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await editing.SaveNoticeTemplateAsync(StaffAccess.UserId(User), Input.Id.Value, Input.Title!, Input.Body!, ct);
        return this.Saved(outcome);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Templates = await db.NoticeTemplates.AsNoTracking().OrderBy(t => t.Kind).ThenBy(t => t.Culture).ToListAsync(ct);

    public sealed class NoticeInput
    {
        public int? Id { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Notices.NoticeTitle")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(20_000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Templates.Body")]
        public string? Body { get; set; }
    }
}
