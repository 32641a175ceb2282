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
