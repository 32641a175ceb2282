namespace Petitions.Core.Reports;

/// <summary>A person or unit the reporter names. All optional; at least one of the three is set.</summary>
public sealed class NamedPerson
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public string? Name { get; set; }
    public string? Unit { get; set; }
    public string? Position { get; set; }
    /// <summary>The report's region, copied at filing: triage finds earlier mentions of a name in a county from this row alone.</summary>
    public string RegionCode { get; set; } = "";
    /// <summary>The report's submission time, copied at filing, for the same reason.</summary>
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>A stored attachment. The original file name is kept only as sanitized display text.</summary>
public sealed class Attachment
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }
    public required string DisplayName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public required string StorageKey { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    /// <summary>True when the reporter added it; false for staff uploads.</summary>
    public bool FromReporter { get; set; } = true;
    /// <summary>Set when retention removed the file; the row stays for the record.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>What happened on the report's timeline.</summary>
public enum ReportEventKind
{
    Submitted,
    StatusChanged,
    StaffAction,
    MessageToReporter,
    ReporterReply,
    InternalNote,
    DueDateSet,
    Escalated,
    /// <summary>A real-name reporter's identity was disclosed to the handling unit, with a second person's approval.</summary>
    IdentityDisclosed,
    /// <summary>A re-examination campaign overturned the earlier conclusion: the report is open again (Finding = what the re-examination found).</summary>
    ReExamined,
    /// <summary>Transferred to another agency or jurisdiction (Body = the reason; the receiver is on the report and in the transfer notice).</summary>
    Transferred,
    /// <summary>The time limit for the conclusion was extended, with a second person's approval; the reporter sees it.</summary>
    Extended,
}

/// <summary>
/// One entry in a report's timeline. <see cref="Public"/> entries are what the reporter sees on /Track;
/// internal notes are never public.
/// </summary>
public sealed class ReportEvent
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public DateTimeOffset At { get; set; }
    public ReportEventKind Kind { get; set; }
    public ReportStatus? Status { get; set; }
    /// <summary>The action that produced a status change or a staff step.</summary>
    public ReportAction? Action { get; set; }
    public bool Public { get; set; }
    /// <summary>Markdown for messages and notes; a reason for status changes.</summary>
    public string? Body { get; set; }
    /// <summary>The staff member who acted; null for the reporter and for the system.</summary>
    public Guid? ActorId { get; set; }
    /// <summary>True for the reporter's own steps (filing, a reply, a review request, a withdrawal); staff steps have an actor.</summary>
    public bool IsReporterStep() =>
        ActorId is null && (Kind is ReportEventKind.Submitted or ReportEventKind.ReporterReply || Action is ReportAction.RequestReview or ReportAction.Withdraw);

    /// <summary>The form that posted a message or note (a token in the form): the same form posted twice saves once.</summary>
    public Guid? SubmissionId { get; set; }

    /// <summary>For a re-examination: what it found.</summary>
    public Finding? Finding { get; set; }
}
