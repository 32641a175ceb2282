using Petitions.Core.Reports;

namespace Petitions.Core.Matching;

/// <summary>What an officer decided about a matching hit.</summary>
public enum HitDecision
{
    /// <summary>The hit is real: payment stopped (or to be stopped) and the money paid wrongly is to be recovered.</summary>
    Confirmed,
    /// <summary>The hit is not what it looks like; the reason says why, and the hit does not come back.</summary>
    FalsePositive,
}

/// <summary>Why a hit was a false positive (the figures per reason show which register needs mending).</summary>
public enum FalsePositiveReason
{
    /// <summary>A register recorded a death, a number or a payment wrongly.</summary>
    RegisterError,
    /// <summary>Another person of the same name (and birth date) was linked.</summary>
    Namesake,
    /// <summary>Payment had already been stopped and the money recovered before the hit.</summary>
    AlreadyStopped,
    Other,
}

/// <summary>An officer's outcome for one hit, as entered.</summary>
public sealed record HitOutcome(
    HitDecision? Decision,
    DateOnly? StoppedOn = null,
    decimal? ToRecover = null,
    decimal? Recovered = null,
    FalsePositiveReason? Reason = null,
    string? Note = null);

/// <summary>A refused outcome field (the name of the <see cref="HitOutcome"/> property) and the message's key.</summary>
public sealed record HitOutcomeProblem(string Field, string MessageKey);

/// <summary>
/// The rules of a hit's outcome, as the National Fraud Initiative keeps them: every hit gets one, a confirmed hit says
/// when payment stopped and how much is to be recovered and has been, a false positive says why. Who may record it:
/// the officer holding the case, or a supervisor, while the case is accepted and not yet concluded.
/// </summary>
public static class HitOutcomeRules
{
    public const int NoteMax = 500;
    public const decimal AmountMax = 100_000_000m;

    public static bool MayRecord(Report report, Actor actor) =>
        actor.IsStaff
        && (actor.Role == ActorRole.Supervisor || (report.AssigneeId is { } holder && holder == actor.UserId))
        && (ReportStateMachine.CanApply(report.Status, ReportAction.StartVerification) || ReportStateMachine.CanApply(report.Status, ReportAction.RecordFinding));

    public static IReadOnlyList<HitOutcomeProblem> Check(HitOutcome outcome, DateOnly today)
    {
        var problems = new List<HitOutcomeProblem>();
        switch (outcome.Decision)
        {
            case null:
                problems.Add(new(nameof(HitOutcome.Decision), "Validation.Required"));
                break;
            case HitDecision.Confirmed:
                if (outcome.StoppedOn is not { } stopped)
                {
                    problems.Add(new(nameof(HitOutcome.StoppedOn), "Validation.Required"));
                }
                else if (stopped > today)
                {
                    problems.Add(new(nameof(HitOutcome.StoppedOn), "Hit.StoppedInFuture"));
                }
                if (outcome.ToRecover is not { } due)
                {
                    problems.Add(new(nameof(HitOutcome.ToRecover), "Validation.Required"));
                }
                else if (due is < 0 or > AmountMax)
                {
                    problems.Add(new(nameof(HitOutcome.ToRecover), "Hit.Amount.Range"));
                }
                if (outcome.Recovered is < 0 or > AmountMax)
                {
                    problems.Add(new(nameof(HitOutcome.Recovered), "Hit.Amount.Range"));
                }
                else if (outcome.Recovered > outcome.ToRecover)
                {
                    problems.Add(new(nameof(HitOutcome.Recovered), "Hit.RecoveredAboveDue"));
                }
                break;
            case HitDecision.FalsePositive:
                if (outcome.Reason is null)
                {
                    problems.Add(new(nameof(HitOutcome.Reason), "Validation.Required"));
                }
                else if (outcome.Reason == FalsePositiveReason.Other && string.IsNullOrWhiteSpace(outcome.Note))
                {
                    problems.Add(new(nameof(HitOutcome.Note), "Hit.NoteForOther"));
                }
                break;
        }
        if (outcome.Note is { Length: > NoteMax })
        {
            problems.Add(new(nameof(HitOutcome.Note), "Validation.TooLong"));
        }
        return problems;
    }
}
