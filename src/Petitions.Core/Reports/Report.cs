using Petitions.Core.Policy;
using Petitions.Core.Triage;

namespace Petitions.Core.Reports;

/// <summary>
/// A citizen's report and everything done with it. Status changes only through the methods here,
/// each of which asks <see cref="ReportStateMachine"/> first and records a timeline event.
/// </summary>
public sealed partial class Report
{
    public Guid Id { get; set; }
    public required string TrackingNumber { get; set; }
    public required byte[] AccessKeyHash { get; set; }
    public bool IsAnonymous { get; set; }
    /// <summary>
    /// Real-name reports: a keyed hash of the reporter's account id, under a secret that is not in the database, so
    /// "My reports" finds the report while a copy of the database cannot tell whose it is. Null when anonymous.
    /// </summary>
    public byte[]? ReporterKey { get; set; }
    /// <summary>The account id as stored before reporter links were sealed; emptied by the start-up conversion.</summary>
    public Guid? LegacyReporterId { get; set; }
    /// <summary>Real-name reports: the <see cref="ReporterIdentity"/> given with the report, encrypted; never in clear.</summary>
    public string? IdentityProtected { get; set; }
    public required string KindCode { get; set; }
    public required string RegionCode { get; set; }
    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }
    public decimal? AmountYuan { get; set; }
    public int? CardsOrPeople { get; set; }
    public required string Description { get; set; }
    /// <summary>Optional contact details, encrypted with ASP.NET Core Data Protection.</summary>
    public string? ContactProtected { get; set; }
    /// <summary>The reporter's language, for messages to them; never a fingerprint.</summary>
    public string Culture { get; set; } = "zh-CN";
    public ReportSource Source { get; set; } = ReportSource.Citizen;
    public ReportChannel Channel { get; set; } = ReportChannel.Online;
    /// <summary>For a clue: the inspection, audit or case it comes from (a document number), the day it was found, and who registered it.</summary>
    public string? SourceReference { get; set; }
    public DateOnly? FoundOn { get; set; }
    public Guid? RegisteredById { get; set; }
    /// <summary>The <see cref="LegalRegime"/> whose time limits the report runs under (chosen by its kind when filed).</summary>
    public string RegimeCode { get; set; } = LegalRegime.LettersAndVisits;
    /// <summary>True when the running deadline counted working days into a year without an official calendar (see <see cref="RecomputeDeadlines"/>).</summary>
    public bool DueProvisional { get; private set; }
    /// <summary>When the report was transferred: where, to whom (the receiving body's name) and why.</summary>
    public TransferBody? TransferredTo { get; private set; }
    public string? TransferReceiver { get; private set; }
    public string? TransferReason { get; private set; }
    public DateTimeOffset? TransferredAt { get; private set; }
    /// <summary>A transfer to another jurisdiction in the portal: its queue, which triage keeps.</summary>
    public string? TransferredToRegionCode { get; private set; }

    public ReportStatus Status { get; private set; } = ReportStatus.Submitted;
    public Finding? Finding { get; private set; }
    public string? FindingSummary { get; private set; }
    public Referral? Referral { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public Guid? MergedIntoId { get; private set; }

    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    /// <summary>The current conclusion (cleared when the report is reopened, set again when it is concluded again).</summary>
    public DateTimeOffset? ConcludedAt { get; private set; }
    /// <summary>The first conclusion, never cleared: the original handling time is measured to it.</summary>
    public DateTimeOffset? FirstConcludedAt { get; private set; }
    /// <summary>When a review or re-examination last reopened the report: its second handling is measured from it.</summary>
    public DateTimeOffset? ReopenedAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public DateTimeOffset? AcceptanceDueAt { get; private set; }
    public DateTimeOffset? ConclusionDueAt { get; private set; }
    /// <summary>The due time of <see cref="CurrentDeadline"/>, stored so that queues can sort and page by it.</summary>
    public DateTimeOffset? DueAt { get; private set; }
    public int ExtensionDays { get; private set; }
    public int? RequestedExtensionDays { get; private set; }
    /// <summary>Who asked for the pending extension: the one person who may not decide it.</summary>
    public Guid? ExtensionRequestedBy { get; private set; }

    // Outcome figures.
    public decimal MoneyStoppedYuan { get; private set; }
    public decimal MoneyRecoveredYuan { get; private set; }
    public int PeopleSanctioned { get; private set; }
    public int PeopleReferred { get; private set; }

    /// <summary>Set by the triage job when it has finished; null means triage is still owed.</summary>
    public DateTimeOffset? TriagedAt { get; set; }
    /// <summary>The jurisdiction whose queue holds the report (a region code), set by routing.</summary>
    public string? QueueRegionCode { get; set; }
    /// <summary>When a campaign's lesson sent the report up to the city: that campaign, and the county's overturn rate then.</summary>
    public Guid? RoutedByCampaignId { get; set; }
    public decimal? RoutedOverturnRate { get; set; }
    public int Priority { get; set; }
    /// <summary>Where the current deadline stands, as of the last time-limit sweep.</summary>
    public Policy.DueState DueState { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    /// <summary>When retention removed attachments and contact data (the statistics stay).</summary>
    public DateTimeOffset? PurgedAt { get; set; }

    public List<NamedPerson> People { get; set; } = [];
    public List<Attachment> Attachments { get; set; } = [];
    public List<ReportEvent> Events { get; set; } = [];

    /// <summary>True when the reporter may still ask for a review of the answer.</summary>
    public bool CanRequestReview(TimeLimitPolicy policy, DateTimeOffset now) =>
        ReportPermissions.Can(this, Actor.Reporter, ReportAction.RequestReview, policy, now);

    /// <summary>
    /// The deadline that runs now: acceptance while the decision is owed, conclusion (extended, or the review
    /// answer after a review request) once accepted; none when the report is answered or ended.
    /// </summary>
    public (Deadline Kind, DateTimeOffset Due)? CurrentDeadline => Status.RunningDeadline() switch
    {
        Deadline.Acceptance when AcceptanceDueAt is { } due => (Deadline.Acceptance, due),
        Deadline.Conclusion when ConclusionDueAt is { } due => (Deadline.Conclusion, due),
        _ => null,
    };

    /// <summary>The answer the reporter was last given (the reason for not accepting, or the feedback on closing); null before any.</summary>
    public string? LastAnswer => Events.LastOrDefault(e => e.Status is { } s && Array.IndexOf(ReportStatuses.Answered, s) >= 0 && e.Body is not null)?.Body;

    public void MarkSubmitted(DateTimeOffset at, TimeLimitPolicy policy)
    {
        SubmittedAt = at;
        foreach (var person in People)
        {
            person.RegionCode = RegionCode;
            person.SubmittedAt = at;
        }
        AcceptanceDueAt = Due(policy, at, policy.Regime(RegimeCode).Acceptance);
        DueAt = CurrentDeadline?.Due;
        Events.Add(new ReportEvent { At = at, Kind = ReportEventKind.Submitted, Status = ReportStatus.Submitted, Public = true });
    }

    public void Claim(Guid officerId, DateTimeOffset at) => Transition(ReportAction.Claim, at, officerId, null, () => AssigneeId = officerId, publicEvent: false);

    public void Assign(Guid officerId, Guid supervisorId, DateTimeOffset at) =>
        Transition(ReportAction.Assign, at, supervisorId, null, () => AssigneeId = officerId, publicEvent: false);

    /// <summary>
    /// Accepts the report. Whoever accepts a report nobody holds becomes its handler, so an accepted report always
    /// has someone answerable for it (a supervisor who accepts for another officer assigns it afterwards).
    /// </summary>
    public void Accept(Guid actorId, DateTimeOffset at, TimeLimitPolicy policy) => Transition(ReportAction.Accept, at, actorId, null, () =>
    {
        AssigneeId ??= actorId;
        AcceptedAt = at;
        ConclusionDueAt = Due(policy, at, policy.Regime(RegimeCode).Conclusion);
    });

    public void Decline(Guid actorId, string reason, DateTimeOffset at) =>
        Transition(ReportAction.Decline, at, actorId, Required(reason), () => AnsweredAt = at);

    public void StartVerification(Guid actorId, DateTimeOffset at) =>
        Transition(ReportAction.StartVerification, at, actorId, null, () => AssigneeId ??= actorId);

    public void RecordFinding(Guid actorId, Finding finding, string summary, DateTimeOffset at) =>
        Transition(ReportAction.RecordFinding, at, actorId, Required(summary), () =>
        {
            Finding = finding;
            FindingSummary = summary;
            ConcludedAt = at;
            FirstConcludedAt ??= at;
        }, publicEvent: false);

    public void Refer(Guid actorId, Referral referral, DateTimeOffset at) =>
        Transition(ReportAction.Refer, at, actorId, null, () => Referral = referral, publicEvent: false);

    public void RecordOutcome(Guid actorId, decimal stopped, decimal recovered, int sanctioned, int referred, DateTimeOffset at)
    {
        if (stopped < 0 || recovered < 0 || sanctioned < 0 || referred < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stopped), "Outcome figures cannot be negative.");
        }
        Transition(ReportAction.RecordOutcome, at, actorId, null, () =>
        {
            MoneyStoppedYuan = stopped;
            MoneyRecoveredYuan = recovered;
            PeopleSanctioned = sanctioned;
            PeopleReferred = referred;
        }, publicEvent: false);
    }

    public void Close(Guid actorId, string feedback, DateTimeOffset at) =>
        Transition(ReportAction.Close, at, actorId, Required(feedback), () => AnsweredAt = at);

    public void MergeInto(Guid targetId, Guid actorId, DateTimeOffset at)
    {
        if (targetId == Id)
        {
            throw new InvalidTransitionException(Status, ReportAction.Merge);
        }
        Transition(ReportAction.Merge, at, actorId, null, () => MergedIntoId = targetId);
    }

    /// <summary>
    /// Computes the running deadline again (after an administrator loaded the calendar of a year that a provisional due
    /// date ran into): acceptance from receipt or arrival, conclusion from acceptance with its extension, a review's
    /// answer from the review request or reopening. Returns true when it changed.
    /// </summary>
    public bool RecomputeDeadlines(TimeLimitPolicy policy)
    {
        var rules = policy.Regime(RegimeCode);
        var before = (AcceptanceDueAt, ConclusionDueAt);
        DueProvisional = false;
        switch (Status.RunningDeadline())
        {
            case Deadline.Acceptance:
                AcceptanceDueAt = Due(policy, TransferredToRegionCode is not null && rules.TransferRestartsClock && TransferredAt is { } arrived ? arrived : SubmittedAt, rules.Acceptance);
                break;
            case Deadline.Conclusion when AcceptedAt is { } accepted:
                var review = Events.Where(e => e.Action is ReportAction.RequestReview or ReportAction.Reopen || e.Kind == ReportEventKind.ReExamined)
                    .Select(e => (DateTimeOffset?)e.At).Max();
                ConclusionDueAt = review is { } asked
                    ? Due(policy, asked, rules.ReviewAnswer)
                    : Due(policy, accepted, rules.Conclusion with { Days = rules.Conclusion.Days + ExtensionDays });
                break;
        }
        DueAt = CurrentDeadline?.Due;
        return before != (AcceptanceDueAt, ConclusionDueAt);
    }

    private DateTimeOffset Due(TimeLimitPolicy policy, DateTimeOffset start, TimeLimit limit)
    {
        var (due, provisional) = policy.Due(start, limit);
        DueProvisional = provisional;
        return due;
    }

    public void Withdraw(string? reason, DateTimeOffset at) => Transition(ReportAction.Withdraw, at, null, reason, () => AnsweredAt = at);

    public void ReporterReply(string message, DateTimeOffset at)
    {
        Ensure(ReportAction.Reply);
        Events.Add(new ReportEvent { At = at, Kind = ReportEventKind.ReporterReply, Public = true, Body = Required(message) });
    }

    public void MessageReporter(Guid actorId, string message, DateTimeOffset at, Guid? submissionId = null)
    {
        Ensure(ReportAction.Reply);
        Events.Add(new ReportEvent { At = at, Kind = ReportEventKind.MessageToReporter, Public = true, Body = Required(message), ActorId = actorId, SubmissionId = submissionId });
    }

    /// <summary>The reporter is told, on their timeline, that their identity was disclosed to the handling unit.</summary>
    public void RecordIdentityDisclosed(DateTimeOffset at) =>
        Events.Add(new ReportEvent { At = at, Kind = ReportEventKind.IdentityDisclosed, Public = true });

    public void AddInternalNote(Guid actorId, string note, DateTimeOffset at, Guid? submissionId = null) =>
        Events.Add(new ReportEvent { At = at, Kind = ReportEventKind.InternalNote, Public = false, Body = Required(note), ActorId = actorId, SubmissionId = submissionId });

    private void Ensure(ReportAction action)
    {
        if (!ReportStateMachine.CanApply(Status, action))
        {
            throw new InvalidTransitionException(Status, action);
        }
    }

    private void Transition(ReportAction action, DateTimeOffset at, Guid? actorId, string? reason, Action apply, bool publicEvent = true)
    {
        Ensure(action);
        apply();
        var next = ReportStateMachine.Next(Status, action, AssigneeId is not null);
        var changed = next != Status;
        Status = next;
        DueAt = CurrentDeadline?.Due;
        Events.Add(new ReportEvent
        {
            At = at,
            Kind = changed ? ReportEventKind.StatusChanged : ReportEventKind.StaffAction,
            Status = changed ? next : null,
            Action = action,
            // Reporters see status changes and answers; who claimed or was assigned stays internal.
            Public = changed && publicEvent,
            Body = reason,
            ActorId = actorId,
        });
    }

    private static string Required(string? text) =>
        string.IsNullOrWhiteSpace(text) ? throw new ArgumentException("Text is required.", nameof(text)) : text.Trim();
}
