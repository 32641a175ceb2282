using Petitions.Core.Reports;

namespace Petitions.Core.Rewards;

/// <summary>Why a verified report gets no reward.</summary>
public enum RewardRefusal
{
    /// <summary>Another citizen reported the same matter first.</summary>
    NotFirstReporter,
    /// <summary>The department already knew the facts (a data-matching case, an inspection, an audit, a discipline case came first).</summary>
    AlreadyKnown,
    /// <summary>The reporter has supervisory, handling or contracted duties over the fund.</summary>
    DutyOverFund,
    /// <summary>The matter was in the reporter's own interest.</summary>
    OwnInterest,
    /// <summary>The report was a false accusation (a part the findings refuted).</summary>
    FalseAccusation,
    /// <summary>No rule gives a reward for this (no loss, and the province's rule has no fixed amount).</summary>
    NothingUnderTheRule,
}

/// <summary>An earlier or simultaneous report on the same matter, as the proposal weighs it.</summary>
public sealed record SameMatter(string TrackingNumber, ReportSource Source, DateTimeOffset SubmittedAt);

/// <summary>What the portal proposes: eligible with a share of the reward, or not and why (naming the report that came first).</summary>
public sealed record RewardProposal(bool Eligible, RewardRefusal? Refusal, decimal Share, string? FirstReport);

/// <summary>
/// Who is rewarded (举报奖励的对象): a citizen's report concluded true or partly true, the first on its matter. Only a
/// citizen reports; a data-matching case or a clue has no reporter and never proposes a reward, but when one came
/// before the citizen the department already knew the facts. Citizens' reports on the matter received at the same
/// moment are joint first reporters and share one reward. The officer's own findings (a duty over the fund, the
/// reporter's own interest, a false accusation) are reasons the portal cannot see; the officer gives them.
/// </summary>
public static class RewardEligibility
{
    /// <summary>True when a reward is to be decided for this report at all.</summary>
    public static bool Applies(Report report) =>
        report.Source == ReportSource.Citizen
        && report.Finding is Finding.Verified or Finding.PartiallyVerified
        && report.MergedIntoId is null;

    public static RewardProposal Propose(Report report, IEnumerable<SameMatter> sameMatter, RewardRefusal? officersReason = null)
    {
        var others = sameMatter.ToList();
        var firstCitizen = others.Where(o => o.Source == ReportSource.Citizen && o.SubmittedAt < report.SubmittedAt).MinBy(o => o.SubmittedAt);
        if (firstCitizen is not null)
        {
            return new(false, RewardRefusal.NotFirstReporter, 0, firstCitizen.TrackingNumber);
        }
        var known = others.Where(o => o.Source != ReportSource.Citizen && o.SubmittedAt < report.SubmittedAt).MinBy(o => o.SubmittedAt);
        if (known is not null)
        {
            return new(false, RewardRefusal.AlreadyKnown, 0, known.TrackingNumber);
        }
        if (officersReason is { } reason)
        {
            return new(false, reason, 0, null);
        }
        var joint = 1 + others.Count(o => o.Source == ReportSource.Citizen && o.SubmittedAt == report.SubmittedAt);
        return new(true, null, 1m / joint, null);
    }

    /// <summary>The last day to tell the reporter: <see cref="RewardRule.NoticeWorkingDays"/> working days after the conclusion day.</summary>
    public static DateOnly NoticeDue(RewardRule rule, DateOnly concluded, Policy.WorkingCalendar calendar) =>
        calendar.AddWorkingDays(concluded, rule.NoticeWorkingDays).Day;

    /// <summary>
    /// The last day to claim: <see cref="RewardRule.ClaimWorkingDays"/> working days after the notice day. In a year whose
    /// official calendar is not loaded yet, Monday to Friday count (not every day, as the department's own deadlines
    /// do): a period that binds the reporter is never shortened by weekends the calendar would have given them.
    /// </summary>
    public static DateOnly ClaimBy(RewardRule rule, DateOnly notified, Policy.WorkingCalendar calendar)
    {
        var day = notified;
        for (var left = rule.ClaimWorkingDays; left > 0;)
        {
            day = day.AddDays(1);
            if (calendar.Covers(day.Year) ? calendar.IsWorkingDay(day) : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                left--;
            }
        }
        return day;
    }
}
