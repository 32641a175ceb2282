using Petitions.Core.Triage;

namespace Petitions.Core.Reports;

/// <summary>Where a report stands in its life (see docs/domain.md). Stored by name.</summary>
public enum ReportStatus
{
    Submitted,
    Accepted,
    NotAccepted,
    Assigned,
    UnderVerification,
    Concluded,
    Referred,
    Closed,
    ReviewRequested,
    Merged,
    Withdrawn,
    /// <summary>Sent to another agency (or another province's department) outside the portal; the reporter is told where.</summary>
    Transferred,
}

/// <summary>Where a report was transferred: another agency outside the portal, or another jurisdiction in it.</summary>
public enum TransferBody
{
    MedicalInsurance,
    PublicSecurity,
    DisciplineCommission,
    OtherProvinceHrss,
    OtherAgency,
    /// <summary>Another jurisdiction in the portal: the report moves to its queue and is triaged there.</summary>
    Jurisdiction,
}

/// <summary>
/// Where a report came from: a citizen, or a clue staff registered from one of the other three sources Hunan's review
/// traced back (problems found by inspection tours, by audits, and in discipline cases).
/// </summary>
public enum ReportSource
{
    Citizen,
    InspectionTour,
    Audit,
    DisciplineCase,
    /// <summary>A case the monthly matching of registers opened (one per person, with its hits); nobody reported it.</summary>
    DataMatching,
}

/// <summary>How a report reached the department: online, or registered by staff from a letter, a call (12333), a visit, an e-mail or another agency.</summary>
public enum ReportChannel
{
    Online,
    Letter,
    Phone,
    Visit,
    Email,
    OtherAgency,
}

/// <summary>The outcome of verification.</summary>
public enum Finding
{
    Verified,
    PartiallyVerified,
    Unfounded,
    CannotBeVerified,
}

/// <summary>Where a concluded report is referred.</summary>
public enum Referral
{
    DisciplineCommission,
    Prosecutors,
}

/// <summary>
/// The groups of statuses the portal talks about, stated once. Queues, the time-limit sweep, retention and the
/// statistics views all use these arrays (a test pins every status list in the views' SQL to one of them).
/// </summary>
public static class ReportStatuses
{
    /// <summary>Statuses in which staff still owe the reporter an answer.</summary>
    public static readonly ReportStatus[] Open =
    [
        ReportStatus.Submitted, ReportStatus.Accepted, ReportStatus.Assigned, ReportStatus.UnderVerification,
        ReportStatus.Concluded, ReportStatus.Referred, ReportStatus.ReviewRequested,
    ];

    /// <summary>Answered and done with: retention may purge personal data a while after.</summary>
    public static readonly ReportStatus[] Finished = [ReportStatus.Closed, ReportStatus.NotAccepted, ReportStatus.Withdrawn, ReportStatus.Transferred];

    /// <summary>Decided at the acceptance step without accepting: not accepted, or transferred to the body that is competent.</summary>
    public static readonly ReportStatus[] DecidedWithoutAcceptance = [ReportStatus.NotAccepted, ReportStatus.Transferred];

    /// <summary>Ended without any decision on acceptance: merged into another report, or withdrawn by the reporter.</summary>
    public static readonly ReportStatus[] EndedUndecided = [ReportStatus.Merged, ReportStatus.Withdrawn];

    /// <summary>No conclusion will come: finished, or merged into another report (whose conclusion counts).</summary>
    public static readonly ReportStatus[] NoConclusionToCome = [.. Finished, ReportStatus.Merged];

    /// <summary>The statuses in which the reporter has been given an answer: the reason for not accepting, or the feedback on closing.</summary>
    public static readonly ReportStatus[] Answered = [ReportStatus.NotAccepted, ReportStatus.Closed];

    /// <summary>Waiting for the decision whether to accept: the acceptance deadline runs.</summary>
    public static readonly ReportStatus[] AwaitingAcceptance = [ReportStatus.Submitted];

    /// <summary>Accepted (or reopened by a review request) and not yet concluded: the conclusion deadline runs.</summary>
    public static readonly ReportStatus[] AwaitingConclusion =
        [ReportStatus.Accepted, ReportStatus.Assigned, ReportStatus.UnderVerification, ReportStatus.ReviewRequested];

    public static bool IsOpen(this ReportStatus status) => Array.IndexOf(Open, status) >= 0;

    public static bool IsFinal(this ReportStatus status) =>
        status is ReportStatus.Merged or ReportStatus.Withdrawn or ReportStatus.Transferred;

    /// <summary>Which deadline runs in this status, or null when none does.</summary>
    public static Deadline? RunningDeadline(this ReportStatus status) =>
        Array.IndexOf(AwaitingAcceptance, status) >= 0 ? Deadline.Acceptance
        : Array.IndexOf(AwaitingConclusion, status) >= 0 ? Deadline.Conclusion
        : null;
}
