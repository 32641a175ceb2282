namespace Petitions.Core.Reports;

/// <summary>
/// The identity a real-name reporter gives with one report. It is stored only encrypted, with keys that are not in
/// the database, and shown to one officer only after a second person approved (<see cref="IdentityDisclosure"/>).
/// </summary>
public sealed record ReporterIdentity(string Name, string? IdNumber, string? Phone, string? Email);

public enum DisclosureState
{
    Requested,
    Approved,
    Refused,
}

/// <summary>
/// An officer's request to see a real-name reporter's identity, and a second person's decision on it (the custodian
/// model of whistleblowing systems such as GlobaLeaks): a supervisor other than the requester approves or refuses.
/// Only the requester sees the identity once approved, and the reporter is told that it was disclosed.
/// </summary>
public sealed class IdentityDisclosure
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public Guid RequestedBy { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DisclosureState State { get; private set; } = DisclosureState.Requested;
    public Guid? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionReason { get; private set; }

    /// <summary>Only real-name reports have an identity to disclose, and only one request is open at a time.</summary>
    public static bool CanRequest(Report report, Actor actor, IEnumerable<IdentityDisclosure> existing) =>
        ReportPermissions.CanRevealIdentity(report, actor)
        && TwoPersonRule.MayStart(actor)
        && !existing.Any(d => d.State == DisclosureState.Requested || (d.State == DisclosureState.Approved && d.RequestedBy == actor.UserId));

    /// <summary>A supervisor decides: never the person who asked, an administrator, or whoever vouched for the asker's account.</summary>
    public bool CanDecide(Actor actor) =>
        State == DisclosureState.Requested && actor.Role == ActorRole.Supervisor && TwoPersonRule.MaySecond(actor, RequestedBy);

    /// <summary>The identity is shown to the requester alone, after approval.</summary>
    public bool CanSee(Actor actor) => State == DisclosureState.Approved && actor.UserId == RequestedBy;

    public void Approve(Actor actor, DateTimeOffset at) => Decide(actor, DisclosureState.Approved, null, at);

    public void Refuse(Actor actor, string reason, DateTimeOffset at) =>
        Decide(actor, DisclosureState.Refused, string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A reason is required.", nameof(reason)) : reason.Trim(), at);

    private void Decide(Actor actor, DisclosureState state, string? reason, DateTimeOffset at)
    {
        if (!CanDecide(actor))
        {
            throw new InvalidOperationException("This person may not decide this request.");
        }
        State = state;
        DecidedBy = actor.UserId;
        DecidedAt = at;
        DecisionReason = reason;
    }
}
