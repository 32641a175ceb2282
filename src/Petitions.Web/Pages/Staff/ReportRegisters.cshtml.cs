using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Web.Services;
using Petitions.Web.UseCases.Matching;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// What the registers say about the identity numbers a report names: the page says how many valid numbers the report
/// names; the lookup itself is a POST, audited before the answer is shown, and the answer is on that response only.
/// </summary>
public sealed class ReportRegistersModel(StaffAccess access, RegisterLookup lookup) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public string TrackingNumber { get; private set; } = "";
    public int Numbers { get; private set; }
    public IReadOnlyList<RegisterAnswer>? Answers { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await access.FindAsync(User, Id, ct) is not { } report)
        {
            return NotFound();
        }
        TrackingNumber = report.TrackingNumber;
        Numbers = RegisterLookup.NumbersIn(report.Description).Count;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var page = await OnGetAsync(ct);
        if (page is not PageResult)
        {
            return page;
        }
        Answers = await lookup.LookAsync(User, Id, ct);
        return Answers is null ? NotFound() : Page();
    }
}
