using Petitions.Core.Policy;

namespace Petitions.Core.Reports;

/// <summary>Who acts on a report: the reporter (through the tracking key or their account) or a staff member.</summary>
public enum ActorRole
{
    Reporter,
    Officer,
    /// <summary>A supervisor, or an admin acting as one.</summary>
    Supervisor,
}

/// <summary>
/// The person asking; <see cref="UserId"/> is null for the reporter. The separation-of-duties facts
/// (<see cref="ManagesAccounts"/>, <see cref="InStanding"/>, <see cref="Vouched"/>) fail closed: an actor built
/// without them may take no part in a two-person step (<see cref="TwoPersonRule"/>).
/// </summary>
public readonly record struct Actor(ActorRole Role, Guid? UserId)
{
    public static Actor Reporter { get; } = new(ActorRole.Reporter, null);

    public bool IsStaff => Role != ActorRole.Reporter;

    /// <summary>An administrator: creates and changes accounts, so never the second person of a two-person step.</summary>
    public bool ManagesAccounts { get; init; }

    /// <summary>The account is confirmed by a second administrator (or its waiting period has passed).</summary>
    public bool InStanding { get; init; }

    /// <summary>Accounts this person created, invited, confirmed or last changed: never their second person.</summary>
    public IReadOnlySet<Guid>? Vouched { get; init; }
}

/// <summary>
/// The one answer to "may this person take this action on this report now?". The staff page shows a button
/// exactly when <see cref="Allowed"/> lists its action, and every handler asks <see cref="Can"/> before it
/// changes anything, so the two never disagree. The status table is <see cref="ReportStateMachine"/>; the
/// rules here add the role and the report's own facts (an extension already granted, a claim already held).
/// </summary>
public static class ReportPermissions
{
    private static readonly ReportAction[] ReporterOnly = [ReportAction.Reply, ReportAction.RequestReview, ReportAction.Withdraw];
    private static readonly ReportAction[] SupervisorOnly = [ReportAction.Assign, ReportAction.ApproveExtension, ReportAction.RefuseExtension];

    public static bool Can(Report report, Actor actor, ReportAction action, TimeLimitPolicy policy, DateTimeOffset now)
    {
        if (!ReportStateMachine.CanApply(report.Status, action))
        {
            return false;
        }
        var reporterAction = Array.IndexOf(ReporterOnly, action) >= 0;
        if (reporterAction != (actor.Role == ActorRole.Reporter))
        {
            return false;
        }
        if (Array.IndexOf(SupervisorOnly, action) >= 0 && actor.Role != ActorRole.Supervisor)
        {
            return false;
        }
        return action switch
        {
            // Claiming takes a report nobody holds; one held by another officer moves only by a supervisor's assignment.
            ReportAction.Claim => report.AssigneeId is null,
            ReportAction.RequestExtension => CanRequestExtension(report, policy) && TwoPersonRule.MayStart(actor),
            ReportAction.ApproveExtension or ReportAction.RefuseExtension =>
                HasPendingExtension(report) && report.ExtensionRequestedBy is { } first && TwoPersonRule.MaySecond(actor, first),
            ReportAction.RequestReview => report.AnsweredAt is { } answered && now < policy.ReviewRequestDeadline(answered, report.RegimeCode),
            _ => true,
        };
    }

    /// <summary>Every action this person may take now, in the enum's order (the order of the page's buttons).</summary>
    public static IReadOnlyList<ReportAction> Allowed(Report report, Actor actor, TimeLimitPolicy policy, DateTimeOffset now) =>
        Enum.GetValues<ReportAction>().Where(a => Can(report, actor, a, policy, now)).ToList();

    /// <summary>Staff write to the reporter while the conversation is open (the same statuses as the reporter's reply).</summary>
    public static bool CanMessageReporter(Report report, Actor actor) =>
        actor.IsStaff && ReportStateMachine.CanApply(report.Status, ReportAction.Reply);

    /// <summary>Only a real-name report whose personal data retention has not removed has an identity to reveal.</summary>
    public static bool CanRevealIdentity(Report report, Actor actor) =>
        actor.IsStaff && !report.IsAnonymous && report.PurgedAt is null && report.IdentityProtected is not null;

    public static bool CanRequestExtension(Report report, TimeLimitPolicy policy) =>
        report.AcceptedAt is not null && report.ExtensionDays == 0 && report.RequestedExtensionDays is null && policy.MaxExtensionFor(report.RegimeCode) > 0;

    public static bool HasPendingExtension(Report report) =>
        report.RequestedExtensionDays is not null && report.ExtensionDays == 0 && report.AcceptedAt is not null;
}
