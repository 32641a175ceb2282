using System.Collections.Frozen;

namespace Petitions.Core.Reports;

/// <summary>Everything that can happen to a report. Each is a request to the state machine.</summary>
public enum ReportAction
{
    Claim,
    Assign,
    Accept,
    Decline,
    StartVerification,
    RequestExtension,
    ApproveExtension,
    /// <summary>A supervisor refuses a requested extension, with a reason; the deadline stays.</summary>
    RefuseExtension,
    RecordFinding,
    Refer,
    RecordOutcome,
    Close,
    Merge,
    Reopen,
    /// <summary>To another agency outside the portal: the report ends here and the reporter is told where it went.</summary>
    Transfer,
    /// <summary>To another jurisdiction in the portal: it lands in that queue, to be triaged and decided there.</summary>
    TransferWithin,
    // Reporter's own actions.
    Reply,
    RequestReview,
    Withdraw,
}

/// <summary>
/// The one table of which action may happen in which status. Pages ask it what to offer;
/// <see cref="Report"/> asks it before every change, so an impossible transition cannot happen.
/// </summary>
public static class ReportStateMachine
{
    /// <summary>Not yet concluded: the statuses in which a report is still being worked (and may be withdrawn).</summary>
    private static readonly ReportStatus[] Working =
        [ReportStatus.Submitted, ReportStatus.Accepted, ReportStatus.Assigned, ReportStatus.UnderVerification];

    private static readonly FrozenDictionary<ReportAction, ReportStatus[]> AllowedFrom =
        new Dictionary<ReportAction, ReportStatus[]>
        {
            [ReportAction.Claim] = [.. Working, ReportStatus.ReviewRequested],
            [ReportAction.Assign] = [.. Working, ReportStatus.ReviewRequested],
            [ReportAction.Accept] = [ReportStatus.Submitted],
            [ReportAction.Decline] = [ReportStatus.Submitted],
            [ReportAction.StartVerification] = [ReportStatus.Accepted, ReportStatus.Assigned],
            [ReportAction.RequestExtension] = [ReportStatus.Accepted, ReportStatus.Assigned, ReportStatus.UnderVerification],
            [ReportAction.ApproveExtension] = [ReportStatus.Accepted, ReportStatus.Assigned, ReportStatus.UnderVerification],
            [ReportAction.RefuseExtension] = [ReportStatus.Accepted, ReportStatus.Assigned, ReportStatus.UnderVerification],
            [ReportAction.RecordFinding] = [ReportStatus.UnderVerification],
            [ReportAction.Refer] = [ReportStatus.Concluded, ReportStatus.Referred],
            [ReportAction.RecordOutcome] = [ReportStatus.Concluded, ReportStatus.Referred, ReportStatus.Closed],
            [ReportAction.Close] = [ReportStatus.Concluded, ReportStatus.Referred],
            [ReportAction.Merge] = Working,
            [ReportAction.Reopen] = [ReportStatus.ReviewRequested],
            // A transfer is decided on review, before verification starts.
            [ReportAction.Transfer] = [ReportStatus.Submitted, ReportStatus.Accepted, ReportStatus.Assigned],
            [ReportAction.TransferWithin] = [ReportStatus.Submitted, ReportStatus.Accepted, ReportStatus.Assigned],
            [ReportAction.Reply] = [.. Working, ReportStatus.NotAccepted, ReportStatus.Concluded,
                ReportStatus.Referred, ReportStatus.Closed, ReportStatus.ReviewRequested],
            [ReportAction.RequestReview] = [ReportStatus.Closed, ReportStatus.NotAccepted],
            [ReportAction.Withdraw] = Working,
        }.ToFrozenDictionary();

    public static bool CanApply(ReportStatus status, ReportAction action) =>
        AllowedFrom.TryGetValue(action, out var from) && Array.IndexOf(from, status) >= 0;

    /// <summary>The actions that the status allows, for pages to offer.</summary>
    public static IEnumerable<ReportAction> ActionsFrom(ReportStatus status) =>
        Enum.GetValues<ReportAction>().Where(a => CanApply(status, a));

    /// <summary>The status after <paramref name="action"/>; the caller has checked <see cref="CanApply"/>.</summary>
    public static ReportStatus Next(ReportStatus status, ReportAction action, bool hasAssignee) => action switch
    {
        ReportAction.Accept => hasAssignee ? ReportStatus.Assigned : ReportStatus.Accepted,
        ReportAction.Claim or ReportAction.Assign when status == ReportStatus.Accepted => ReportStatus.Assigned,
        ReportAction.Decline => ReportStatus.NotAccepted,
        ReportAction.StartVerification => ReportStatus.UnderVerification,
        ReportAction.RecordFinding => ReportStatus.Concluded,
        ReportAction.Refer => ReportStatus.Referred,
        ReportAction.Close => ReportStatus.Closed,
        ReportAction.Merge => ReportStatus.Merged,
        ReportAction.Reopen => ReportStatus.UnderVerification,
        ReportAction.RequestReview => ReportStatus.ReviewRequested,
        ReportAction.Withdraw => ReportStatus.Withdrawn,
        ReportAction.Transfer => ReportStatus.Transferred,
        ReportAction.TransferWithin => ReportStatus.Submitted,
        _ => status,
    };
}

/// <summary>Thrown when an action is requested that the report's status does not allow.</summary>
public sealed class InvalidTransitionException(ReportStatus status, ReportAction action)
    : InvalidOperationException($"{action} is not allowed in status {status}.")
{
    public ReportStatus Status { get; } = status;
    public ReportAction Action { get; } = action;
}
