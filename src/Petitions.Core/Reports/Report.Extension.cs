using Petitions.Core.Policy;

namespace Petitions.Core.Reports;

/// <summary>
/// Extensions of the conclusion deadline: one person asks with a reason, a second decides (<see cref="TwoPersonRule"/>
/// through <see cref="ReportPermissions"/>); an approval moves the reporter's date and says so on their timeline.
/// </summary>
public sealed partial class Report
{
    public void RequestExtension(Guid actorId, int days, string reason, DateTimeOffset at, TimeLimitPolicy policy)
    {
        if (!ReportPermissions.CanRequestExtension(this, policy) || days < 1 || days > policy.MaxExtensionFor(RegimeCode))
        {
            throw new InvalidTransitionException(Status, ReportAction.RequestExtension);
        }
        Transition(ReportAction.RequestExtension, at, actorId, Required(reason), () =>
        {
            RequestedExtensionDays = days;
            ExtensionRequestedBy = actorId;
        }, publicEvent: false);
    }

    public void ApproveExtension(Guid supervisorId, DateTimeOffset at, TimeLimitPolicy policy)
    {
        if (!ReportPermissions.HasPendingExtension(this) || supervisorId == ExtensionRequestedBy)
        {
            throw new InvalidTransitionException(Status, ReportAction.ApproveExtension);
        }
        var days = RequestedExtensionDays!.Value;
        Transition(ReportAction.ApproveExtension, at, supervisorId, null, () =>
        {
            ExtensionDays = days;
            RequestedExtensionDays = null;
            ExtensionRequestedBy = null;
            var conclusion = policy.Regime(RegimeCode).Conclusion;
            ConclusionDueAt = Due(policy, AcceptedAt!.Value, conclusion with { Days = conclusion.Days + days });
        });
        // The reporter's date moved: they see it on their timeline (the approval itself stays internal).
        Events.Add(new ReportEvent { At = at, Kind = ReportEventKind.Extended, Public = true });
    }

    /// <summary>The request is dropped and the deadline stays; the officer may ask again with better reasons.</summary>
    public void RefuseExtension(Guid supervisorId, string reason, DateTimeOffset at)
    {
        if (!ReportPermissions.HasPendingExtension(this) || supervisorId == ExtensionRequestedBy)
        {
            throw new InvalidTransitionException(Status, ReportAction.RefuseExtension);
        }
        Transition(ReportAction.RefuseExtension, at, supervisorId, Required(reason), () =>
        {
            RequestedExtensionDays = null;
            ExtensionRequestedBy = null;
        }, publicEvent: false);
    }
}
