namespace Petitions.Core.Reports;

/// <summary>Where a report stands in its life (see shared/DOMAIN.md). Stored by name.</summary>
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

public static class ReportStatusExtensions
{
    /// <summary>Statuses in which staff still owe the reporter an answer.</summary>
    public static bool IsOpen(this ReportStatus status) => status is ReportStatus.Submitted
        or ReportStatus.Accepted or ReportStatus.Assigned or ReportStatus.UnderVerification
        or ReportStatus.Concluded or ReportStatus.Referred or ReportStatus.ReviewRequested;

    public static bool IsFinal(this ReportStatus status) =>
        status is ReportStatus.Merged or ReportStatus.Withdrawn;
}
