using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Tracking;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Track;

/// <summary>Tracking number + secret key → the report's public page. One generic message for every failure.</summary>
public sealed class IndexModel(AppDbContext db, AccessKeyHasher hasher, TrackAccess access, RateGate gate,
    IStringLocalizer<SharedResource> l, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var number = TrackingCodes.NormalizeTrackingNumber(Input.TrackingNumber);
        var key = TrackingCodes.NormalizeAccessKey(Input.AccessKey);
        // Growing waits per number and client (a guesser elsewhere never locks the reporter out), and a budget per client.
        var wait = gate.KeyWait(HttpContext, number ?? "?");
        if (wait > TimeSpan.Zero || !gate.TryPass(RatePurpose.TrackingKey, HttpContext))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError(string.Empty, wait > TimeSpan.Zero
                ? l["RateLimit.KeyWait", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))]
                : l["RateLimit.KeepTyped"]);
            return Page();
        }
        var report = number is null ? null : await db.Reports.AsNoTracking()
            .Where(r => r.TrackingNumber == number).Select(r => new { r.Id, r.AccessKeyHash }).SingleOrDefaultAsync(ct);
        // Hash even when nothing matched, so timing says nothing about which numbers exist.
        var matches = hasher.Matches(key ?? "", report?.AccessKeyHash ?? new byte[32]) && report is not null && key is not null;
        if (!matches)
        {
            gate.KeyFailed(HttpContext, number ?? "?");
            logger.LogInformation("Tracking key check failed");
            ModelState.AddModelError(string.Empty, l["Track.Invalid"]);
            return Page();
        }
        gate.KeySucceeded(HttpContext, number!);
        await access.GrantAsync(HttpContext, report!.Id, ct);
        return RedirectToPage("./Report");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(40, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Receipt.Number")]
        public string TrackingNumber { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(80, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Receipt.Key")]
        public string AccessKey { get; set; } = "";
    }
}
