using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.UseCases.Rules;

namespace Petitions.Web.Pages.Admin;

/// <summary>Message templates officers start from when writing to reporters: per language, with placeholders; list, add, edit, enable and disable (audited like rules).</summary>
public sealed class TemplatesModel(AppDbContext db, RuleEditing editing) : PageModel
{
    [BindProperty] public TemplateInput Input { get; set; } = new();

    public IReadOnlyList<MessageTemplate> Templates { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, string? notice, CancellationToken ct)
    {
        if (id is { } templateId)
        {
            if (await db.MessageTemplates.FindAsync([templateId], ct) is not { } template)
            {
                return NotFound();
            }
            Input = new TemplateInput { Id = template.Id, Name = template.Name, Culture = template.Culture, Body = template.Body, Enabled = template.Enabled };
        }
        Notice = notice;
        Templates = await db.MessageTemplates.OrderBy(t => t.Culture).ThenBy(t => t.Id).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Templates = await db.MessageTemplates.OrderBy(t => t.Culture).ThenBy(t => t.Id).ToListAsync(ct);
            return Page();
        }
        var outcome = await editing.SaveAsync(Services.StaffAccess.UserId(User), Input.Id, () => new MessageTemplate { Name = "", Body = "" }, template =>
        {
            template.Name = Input.Name.Trim();
            template.Culture = Input.Culture == "en" ? "en" : "zh-CN";
            template.Body = Input.Body.Trim();
            template.Enabled = Input.Enabled;
        }, ct);
        return this.Saved(outcome);
    }

    public async Task<IActionResult> OnPostToggleAsync(int id, CancellationToken ct)
    {
        var outcome = await editing.ToggleAsync<MessageTemplate>(Services.StaffAccess.UserId(User), id, ct);
        return this.Saved(outcome);
    }

    public sealed class TemplateInput
    {
        public int? Id { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Templates.Name")]
        public string Name { get; set; } = "";

        [Display(Name = "Admin.Templates.Culture")]
        public string Culture { get; set; } = "zh-CN";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(10_000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Admin.Templates.Body")]
        public string Body { get; set; } = "";

        [Display(Name = "Admin.Rule.Enabled")]
        public bool Enabled { get; set; } = true;
    }
}
