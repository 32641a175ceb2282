using Petitions.Core.Reports;

namespace Petitions.Core.Rewards;

public enum RewardStatus
{
    /// <summary>The concluding officer confirmed or refused eligibility; a second person decides.</summary>
    Proposed,
    /// <summary>The second person sent it back with a reason; the officer proposes again.</summary>
    Returned,
    /// <summary>Approved and notified: the reporter may claim until <see cref="RewardCase.ClaimBy"/>.</summary>
    Granted,
    /// <summary>Approved as not eligible; the reporter was told why and how to ask for a review.</summary>
    Refused,
    /// <summary>The reporter claimed in time, with an identity and an account in their own name (sealed).</summary>
    Claimed,
    Paid,
}

/// <summary>
/// A report's reward (举报奖励), from the proposal at conclusion to the payment. Every step is two people where the
/// money or the identity is at stake: a second supervisor approves the proposal (never the proposer), and the paying
/// office sees the claimant's identity and account only after a second supervisor approves its request.
/// </summary>
public sealed class RewardCase
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }
    public int RuleId { get; set; }
    public RewardStatus Status { get; private set; } = RewardStatus.Proposed;

    public bool Eligible { get; private set; }
    public RewardRefusal? Refusal { get; private set; }
    /// <summary>The report that came first (for <see cref="RewardRefusal.NotFirstReporter"/> and <see cref="RewardRefusal.AlreadyKnown"/>).</summary>
    public string? FirstReport { get; private set; }
    public string? Note { get; private set; }
    /// <summary>The loss the findings confirm (the confirmed part's money), who was reported, and the amount the rule gives.</summary>
    public decimal Loss { get; private set; }
    public ReportedParty Party { get; private set; }
    public decimal Share { get; private set; } = 1m;
    public decimal Amount { get; private set; }
    public RewardBasis? Basis { get; private set; }
    public decimal Percent { get; private set; }

    public Guid ProposedById { get; private set; }
    public DateTimeOffset ProposedAt { get; private set; }
    public DateOnly NoticeDue { get; private set; }
    public Guid? DecidedById { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? ReturnReason { get; private set; }
    public Guid? NoticeId { get; set; }
    public DateOnly? NotifiedOn { get; private set; }
    public DateOnly? ClaimBy { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }
    /// <summary>The claimant's name, identity number and account, encrypted with keys outside the database.</summary>
    public string? ClaimProtected { get; private set; }
    public Guid? RevealRequestedById { get; private set; }
    public Guid? RevealApprovedById { get; private set; }
    public DateTimeOffset? RevealApprovedAt { get; private set; }

    public DateOnly? PaidOn { get; private set; }
    public string? PaymentReference { get; private set; }
    public decimal? PaidAmount { get; private set; }
    public Guid? PaidById { get; private set; }

    /// <summary>Granted, not claimed, and the last day has passed: the reward lapsed (no job needed to say so).</summary>
    public bool LapsedOn(DateOnly today) => Status == RewardStatus.Granted && ClaimBy is { } last && today > last;

    /// <summary>The officer's proposal, or a new one after it was returned.</summary>
    public void Propose(Guid officer, RewardProposal proposal, RewardAmount? amount, decimal loss, ReportedParty party, string? note, DateOnly noticeDue, DateTimeOffset at)
    {
        if (Status is not (RewardStatus.Proposed or RewardStatus.Returned) || (Status == RewardStatus.Proposed && DecidedById is not null))
        {
            throw new InvalidOperationException("The reward was already decided.");
        }
        var eligible = proposal.Eligible && amount is not null;
        (Eligible, Refusal, FirstReport, Note) = (eligible, eligible ? null : proposal.Refusal ?? RewardRefusal.NothingUnderTheRule, proposal.FirstReport, note);
        (Loss, Party, Share, Amount, Basis, Percent) = (loss, party, proposal.Share, eligible ? amount!.Amount : 0, eligible ? amount!.Basis : null, eligible ? amount!.Percent : 0);
        (ProposedById, ProposedAt, NoticeDue, ReturnReason, Status) = (officer, at, noticeDue, null, RewardStatus.Proposed);
    }

    /// <summary>A second supervisor: never the proposer, an administrator, or whoever vouched for the proposer's account.</summary>
    public bool CanDecide(Actor actor) =>
        Status == RewardStatus.Proposed && actor.Role == ActorRole.Supervisor && TwoPersonRule.MaySecond(actor, ProposedById);

    public void Approve(Actor actor, DateOnly today, DateOnly claimBy, DateTimeOffset at)
    {
        Decide(actor, at);
        (NotifiedOn, Status) = (today, Eligible ? RewardStatus.Granted : RewardStatus.Refused);
        ClaimBy = Eligible ? claimBy : null;
    }

    public void Return(Actor actor, string reason, DateTimeOffset at)
    {
        Decide(actor, at);
        (ReturnReason, Status, DecidedById, DecidedAt) = (reason, RewardStatus.Returned, null, null);
    }

    private void Decide(Actor actor, DateTimeOffset at)
    {
        if (!CanDecide(actor))
        {
            throw new InvalidOperationException("This person may not decide this reward.");
        }
        (DecidedById, DecidedAt) = (actor.UserId, at);
    }

    /// <summary>True when the reporter may claim on <paramref name="today"/> (China time).</summary>
    public bool MayClaim(DateOnly today) => Status == RewardStatus.Granted && !LapsedOn(today);

    public void Claim(string sealedClaim, DateOnly today, DateTimeOffset at)
    {
        if (!MayClaim(today))
        {
            throw new InvalidOperationException("The reward cannot be claimed now.");
        }
        (ClaimProtected, ClaimedAt, Status) = (sealedClaim, at, RewardStatus.Claimed);
    }

    /// <summary>The paying office asks to see the claimant's identity and account (a supervisor in standing).</summary>
    public bool CanRequestReveal(Actor actor) =>
        Status == RewardStatus.Claimed && RevealRequestedById is null && actor.Role == ActorRole.Supervisor && TwoPersonRule.MayStart(actor);

    public void RequestReveal(Actor actor)
    {
        if (!CanRequestReveal(actor))
        {
            throw new InvalidOperationException("This person may not ask to see the claim.");
        }
        RevealRequestedById = actor.UserId;
    }

    public bool CanApproveReveal(Actor actor) =>
        Status == RewardStatus.Claimed && RevealRequestedById is { } first && RevealApprovedById is null
        && actor.Role == ActorRole.Supervisor && TwoPersonRule.MaySecond(actor, first);

    public void ApproveReveal(Actor actor, DateTimeOffset at)
    {
        if (!CanApproveReveal(actor))
        {
            throw new InvalidOperationException("This person may not approve seeing the claim.");
        }
        (RevealApprovedById, RevealApprovedAt) = (actor.UserId, at);
    }

    /// <summary>Only the person who asked, once a second approved, sees the claim and records the payment.</summary>
    public bool CanSeeClaim(Actor actor) => RevealApprovedById is not null && actor.UserId == RevealRequestedById && Status is RewardStatus.Claimed or RewardStatus.Paid;

    public void RecordPayment(Actor actor, DateOnly paidOn, string reference, decimal amount)
    {
        if (Status != RewardStatus.Claimed || !CanSeeClaim(actor))
        {
            throw new InvalidOperationException("This person may not record the payment.");
        }
        (PaidOn, PaymentReference, PaidAmount, PaidById, Status) = (paidOn, reference, amount, actor.UserId, RewardStatus.Paid);
    }
}
