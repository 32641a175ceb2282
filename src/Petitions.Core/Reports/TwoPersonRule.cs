namespace Petitions.Core.Reports;

/// <summary>
/// Two people means two people. A two-person step (an extension, an identity disclosure, and any step added later)
/// is started by one staff member and decided by another, and the second must be independent of the first:
/// not the same account, not an administrator (administrators create and change accounts, so one of them could
/// otherwise act as both), and not anyone who created, invited, confirmed or last changed the first person's account.
/// A staff account created or given a new role takes part only once it is in standing: confirmed by a second
/// administrator, or after its waiting period, of which the other administrators are told.
/// </summary>
public static class TwoPersonRule
{
    /// <summary>May this person start a two-person step (ask for an extension or a disclosure)?</summary>
    public static bool MayStart(Actor first) => first.IsStaff && first.UserId is not null && first.InStanding;

    /// <summary>May this person decide a step that <paramref name="firstPerson"/> started?</summary>
    public static bool MaySecond(Actor second, Guid firstPerson) =>
        second.IsStaff
        && second.UserId is { } id
        && id != firstPerson
        && second.InStanding
        && !second.ManagesAccounts
        && second.Vouched is { } vouched
        && !vouched.Contains(firstPerson);
}
