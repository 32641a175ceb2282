using System.ComponentModel.DataAnnotations;

namespace Petitions.Core.Policy;

/// <summary>
/// Legal time limits, configurable (defaults: 2022 Regulations on Letters and Visits). Every due date
/// in the portal is computed here. A limit of N days ends at midnight, local time, after the N-th
/// calendar day following the start day.
/// </summary>
public sealed class TimeLimitPolicy
{
    public const string Section = "TimeLimits";

    [Range(1, 365)] public int AcceptanceDays { get; set; } = 15;
    [Range(1, 365)] public int ConclusionDays { get; set; } = 60;
    [Range(0, 365)] public int MaxExtensionDays { get; set; } = 30;
    [Range(1, 365)] public int ReviewRequestDays { get; set; } = 30;
    [Range(1, 365)] public int ReviewAnswerDays { get; set; } = 30;
    [Range(0, 60)] public int DueSoonDays { get; set; } = 3;
    [Required] public string TimeZoneId { get; set; } = "Asia/Shanghai";

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public DateTimeOffset AcceptanceDue(DateTimeOffset submittedAt) => EndOfDayAfter(submittedAt, AcceptanceDays);

    public DateTimeOffset ConclusionDue(DateTimeOffset acceptedAt, int extensionDays = 0)
    {
        if (extensionDays < 0 || extensionDays > MaxExtensionDays)
        {
            throw new ArgumentOutOfRangeException(nameof(extensionDays));
        }
        return EndOfDayAfter(acceptedAt, ConclusionDays + extensionDays);
    }

    public DateTimeOffset ReviewRequestDeadline(DateTimeOffset answeredAt) => EndOfDayAfter(answeredAt, ReviewRequestDays);

    public DateTimeOffset ReviewAnswerDue(DateTimeOffset requestedAt) => EndOfDayAfter(requestedAt, ReviewAnswerDays);

    public DueState StateOf(DateTimeOffset? due, DateTimeOffset now)
    {
        if (due is null)
        {
            return DueState.None;
        }
        if (now >= due)
        {
            return DueState.Overdue;
        }
        return now >= due.Value.AddDays(-DueSoonDays) ? DueState.DueSoon : DueState.OnTime;
    }

    /// <summary>Midnight (local) that ends the <paramref name="days"/>-th day after the day of <paramref name="start"/>, in UTC.</summary>
    public DateTimeOffset EndOfDayAfter(DateTimeOffset start, int days)
    {
        var zone = TimeZone;
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).DateTime);
        var endLocal = localDate.AddDays(days + 1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = zone.GetUtcOffset(endLocal);
        return new DateTimeOffset(endLocal, offset).ToUniversalTime();
    }
}

public enum DueState
{
    None,
    OnTime,
    DueSoon,
    Overdue,
}
