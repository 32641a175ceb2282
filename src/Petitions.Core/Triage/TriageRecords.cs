using Petitions.Core.Policy;

namespace Petitions.Core.Triage;

/// <summary>One priority rule's stored contribution to a report's score.</summary>
public sealed class ReportPriorityItem
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public int RuleId { get; set; }
    public required string RuleName { get; set; }
    public string? RuleNameEn { get; set; }
    public int Points { get; set; }

    public string RuleNameIn(bool chinese) => chinese || string.IsNullOrWhiteSpace(RuleNameEn) ? RuleName : RuleNameEn;
    public required string Reason { get; set; }
}

public enum LinkReason
{
    SamePerson,
    SameUnit,
    SimilarText,
}

/// <summary>"Possibly related": found by triage, never merged automatically.</summary>
public sealed class ReportLink
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public Guid RelatedReportId { get; set; }
    public LinkReason Reason { get; set; }
    /// <summary>The shared name or unit, or the text similarity (0–1) for near-duplicates.</summary>
    public required string Detail { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A staff member who must not see or work a report (conflict of interest).</summary>
public sealed class ReportExclusion
{
    public Guid ReportId { get; set; }
    public Guid UserId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset At { get; set; }
}

public enum NotificationKind
{
    /// <summary>A new report in the queue of the officer's jurisdiction.</summary>
    NewReport,
    DueSoon,
    /// <summary>Overdue: sent to the jurisdiction's supervisors (escalation).</summary>
    Overdue,
}

/// <summary>
/// A mail owed to a staff member. Rows are written in the same transaction as the change that causes them
/// (an outbox), unique per report, person, kind and threshold, so a re-run cannot send twice.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public Guid UserId { get; set; }
    public NotificationKind Kind { get; set; }
    /// <summary>Which threshold: "" for new reports, else the deadline and its due time.</summary>
    public string Threshold { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>What a real-name reporter is told by mail (the mail names the event, never the report's text).</summary>
public enum ReporterNoticeKind
{
    Accepted,
    Declined,
    Message,
    Answered,
    Reopened,
    IdentityDisclosed,
    /// <summary>A re-examination campaign overturned the earlier conclusion and reopened the report.</summary>
    ReExamined,
    /// <summary>The report was transferred (to another agency, or another jurisdiction in the portal).</summary>
    Transferred,
    /// <summary>A supervisor approved an extension: the reporter's date for the conclusion moved.</summary>
    Extended,
    /// <summary>A formal notice about a reward (granted or not) was issued.</summary>
    Reward,
}

/// <summary>Which staff action a real-name reporter is told of by mail (the rest stay inside the office).</summary>
public static class ReporterNoticeKinds
{
    public static ReporterNoticeKind? After(Reports.ReportAction action) => action switch
    {
        Reports.ReportAction.Accept => ReporterNoticeKind.Accepted,
        Reports.ReportAction.Decline => ReporterNoticeKind.Declined,
        Reports.ReportAction.Close => ReporterNoticeKind.Answered,
        Reports.ReportAction.Reopen => ReporterNoticeKind.Reopened,
        Reports.ReportAction.ApproveExtension => ReporterNoticeKind.Extended,
        Reports.ReportAction.Transfer or Reports.ReportAction.TransferWithin => ReporterNoticeKind.Transferred,
        _ => null,
    };
}

/// <summary>
/// A mail owed to a real-name reporter, written in the same transaction as the change that causes it (an
/// outbox). The address is not here: the mail job opens the report's sealed identity when it sends.
/// </summary>
public sealed class ReporterNotice
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public ReporterNoticeKind Kind { get; set; }
    /// <summary>The formal notice the change issued: the mail names it (title and number); its text stays on the site.</summary>
    public Guid? FormalNoticeId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

public enum Deadline
{
    Acceptance,
    Conclusion,
}

/// <summary>A deadline threshold the sweep has seen crossed; unique, so each crossing is acted on once.</summary>
public sealed class DeadlineAlert
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public Deadline Deadline { get; set; }
    public DueState State { get; set; }
    public DateTimeOffset Due { get; set; }
    public DateTimeOffset At { get; set; }
}
