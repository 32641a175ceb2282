using Petitions.Core.Policy;

namespace Petitions.Core.Reports;

/// <summary>
/// Transfers: out of the portal to the body that may handle the report (it ends here), or to another jurisdiction in
/// the portal (triaged there, its acceptance clock starting on arrival). The reporter sees where it went and why.
/// </summary>
public sealed partial class Report
{
    /// <summary>
    /// Sent to another agency outside the portal (medical insurance, public security, discipline inspection, another
    /// province's department...): the report ends here; the reporter sees where it went and why.
    /// </summary>
    public void Transfer(Guid actorId, TransferBody body, string receiver, string reason, DateTimeOffset at)
    {
        if (body == TransferBody.Jurisdiction)
        {
            throw new ArgumentException("A transfer within the portal names a jurisdiction.", nameof(body));
        }
        var to = Required(receiver);
        Transition(ReportAction.Transfer, at, actorId, Required(reason), () =>
        {
            TransferredTo = body;
            TransferReceiver = to;
            TransferReason = reason.Trim();
            TransferredAt = at;
            AnsweredAt = at;
        });
        MarkTransferEvent();
    }

    /// <summary>The reporter's timeline says it was transferred, and why, whatever the status became.</summary>
    private void MarkTransferEvent()
    {
        var last = Events[^1];
        last.Kind = ReportEventKind.Transferred;
        last.Public = true;
    }

    /// <summary>
    /// Sent to another jurisdiction in the portal: it is undecided there (the receiving department decides acceptance),
    /// unassigned, and waits for triage, which keeps the new queue. The acceptance limit starts again on arrival when the
    /// regime says so; otherwise the original due time stands.
    /// </summary>
    public void TransferWithin(Guid actorId, string regionCode, string regionName, string reason, DateTimeOffset at, TimeLimitPolicy policy)
    {
        var name = Required(regionName);
        Transition(ReportAction.TransferWithin, at, actorId, Required(reason), () =>
        {
            TransferredTo = TransferBody.Jurisdiction;
            TransferReceiver = name;
            TransferReason = reason.Trim();
            TransferredAt = at;
            TransferredToRegionCode = regionCode;
            QueueRegionCode = regionCode;
            AssigneeId = null;
            AcceptedAt = null;
            ConclusionDueAt = null;
            TriagedAt = null;
            if (policy.Regime(RegimeCode).TransferRestartsClock)
            {
                AcceptanceDueAt = Due(policy, at, policy.Regime(RegimeCode).Acceptance);
            }
        });
        MarkTransferEvent();
    }
}
