using Petitions.Core.Policy;

namespace Petitions.Core.Reports;

/// <summary>
/// Review (复查): a reporter who disagrees asks within the time limit and the report is answered again; a
/// re-examination campaign that overturns a finished report reopens it. Both run under the review's time limit.
/// </summary>
public sealed partial class Report
{
    public void Reopen(Guid actorId, DateTimeOffset at, TimeLimitPolicy policy) => Transition(ReportAction.Reopen, at, actorId, null, () =>
    {
        ConclusionDueAt = Due(policy, at, policy.Regime(RegimeCode).ReviewAnswer);
        Finding = null;
        FindingSummary = null;
        ConcludedAt = null;
        AnsweredAt = null;
        ReopenedAt = at;
    });

    /// <summary>
    /// A re-examination campaign overturned the earlier conclusion of this finished report: it is open again, accepted
    /// and unassigned, with the review's time limit, and the reporter's timeline says it was re-examined and what was
    /// found. This is a supervisory decision outside the ordinary life of a report, so it is not a state-machine action.
    /// </summary>
    public void ReopenAfterReExamination(Guid actorId, Finding found, DateTimeOffset at, TimeLimitPolicy policy)
    {
        if (!ReportStatuses.Finished.Contains(Status))
        {
            throw new InvalidOperationException($"Only a finished report can be reopened by a re-examination (this one is {Status}).");
        }
        Status = ReportStatus.Accepted;
        AssigneeId = null;
        Finding = null;
        FindingSummary = null;
        ConcludedAt = null;
        AnsweredAt = null;
        AcceptedAt ??= at;
        ReopenedAt = at;
        ConclusionDueAt = Due(policy, at, policy.Regime(RegimeCode).ReviewAnswer);
        DueAt = CurrentDeadline?.Due;
        Events.Add(new ReportEvent { At = at, Kind = ReportEventKind.ReExamined, Status = ReportStatus.Accepted, Public = true, ActorId = actorId, Finding = found });
    }

    public void RequestReview(string reason, DateTimeOffset at, TimeLimitPolicy policy)
    {
        if (!CanRequestReview(policy, at))
        {
            throw new InvalidTransitionException(Status, ReportAction.RequestReview);
        }
        Transition(ReportAction.RequestReview, at, null, Required(reason), () => ConclusionDueAt = Due(policy, at, policy.Regime(RegimeCode).ReviewAnswer));
    }
}
