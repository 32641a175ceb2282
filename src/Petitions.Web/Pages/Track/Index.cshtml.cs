using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Petitions.Core.Tracking;
using Petitions.Data;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Pages.Track;

/// <summary>Tracking number + secret key → the report's public page. One generic message for every failure.</summary>
[EnableRateLimiting(CitizenSetup.TrackPolicy)]
public sealed class IndexModel(AppDbContext db, AccessKeyHasher hasher, TrackAccess access, IMemoryCache failures,
    IStringLocalizer<SharedResource> l, ILogger<IndexModel> logger) : PageModel
{
    private const int FailuresPerNumber = 5;

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
        var failureKey = "track-fail:" + (number ?? "?");
        if (failures.TryGetValue(failureKey, out int count) && count >= FailuresPerNumber)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError(string.Empty, l["Error.TooMany.Text"]);
            return Page();
        }
        var report = number is null ? null : await db.Reports.AsNoTracking()
            .Where(r => r.TrackingNumber == number).Select(r => new { r.Id, r.AccessKeyHash }).SingleOrDefaultAsync(ct);
        // Hash even when nothing matched, so timing says nothing about which numbers exist.
        var matches = hasher.Matches(key ?? "", report?.AccessKeyHash ?? new byte[32]) && report is not null && key is not null;
        if (!matches)
        {
            failures.Set(failureKey, count + 1, TimeSpan.FromMinutes(15));
            logger.LogInformation("Tracking key check failed");
            ModelState.AddModelError(string.Empty, l["Track.Invalid"]);
            return Page();
        }
        failures.Remove(failureKey);
        access.Grant(HttpContext, report!.Id);
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
