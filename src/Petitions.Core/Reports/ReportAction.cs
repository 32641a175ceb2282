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
    // Reporter's own actions.
    Reply,
    RequestReview,
    Withdraw,
}
