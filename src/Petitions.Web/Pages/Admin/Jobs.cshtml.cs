using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Petitions.Web.Pages.Admin;

/// <summary>
/// Failed background jobs (after their retries) and the recurring schedule, with a retry button. Job arguments
/// are ids only, so nothing here shows report text or personal data.
/// </summary>
public sealed class JobsModel(JobStorage storage, IBackgroundJobClient jobs) : PageModel
{
    public IReadOnlyList<FailedRow> Failed { get; private set; } = [];
    public IReadOnlyList<RecurringJobDto> Recurring { get; private set; } = [];
    public long FailedCount { get; private set; }
    public string? Notice { get; private set; }

    public void OnGet(string? notice)
    {
        Notice = notice;
        var monitor = storage.GetMonitoringApi();
        FailedCount = monitor.FailedCount();
        Failed = monitor.FailedJobs(0, 100).Select(kv => new FailedRow(
            kv.Key,
            kv.Value.Job is { } job ? $"{job.Type.Name}.{job.Method.Name}" : "?",
            kv.Value.FailedAt,
            kv.Value.ExceptionType,
            Shorten(kv.Value.ExceptionMessage))).ToList();
        using var connection = storage.GetConnection();
        Recurring = connection.GetRecurringJobs();
    }

    public IActionResult OnPostRetry(string id)
    {
        var requeued = jobs.Requeue(id);
        return RedirectToPage(new { notice = requeued ? "Admin.Jobs.Requeued" : "Admin.Jobs.NotFound" });
    }

    private static string? Shorten(string? message) => message is { Length: > 300 } ? message[..300] + "…" : message;

    public sealed record FailedRow(string Id, string Job, DateTime? FailedAt, string? ExceptionType, string? Message);
}
