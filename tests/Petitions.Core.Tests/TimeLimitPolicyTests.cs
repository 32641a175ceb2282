using Petitions.Core.Policy;

namespace Petitions.Core.Tests;

public sealed class TimeLimitPolicyTests
{
    private static readonly TimeLimitPolicy Policy = new();

    // Beijing time is UTC+8 all year: midnight local is 16:00 UTC the day before.
    [Theory]
    [InlineData("2026-03-01T10:00:00+08:00", "2026-03-16T16:00:00Z")] // 15 days → end of 16 March local
    [InlineData("2026-12-20T09:00:00+08:00", "2027-01-04T16:00:00Z")] // across the year boundary
    [InlineData("2027-02-14T23:59:00+08:00", "2027-03-01T16:00:00Z")] // across February (not a leap year)
    [InlineData("2028-02-14T08:00:00+08:00", "2028-02-29T16:00:00Z")] // leap year: 29 February exists
    [InlineData("2026-06-30T17:30:00Z", "2026-07-16T16:00:00Z")]      // 01:30 on 1 July in Beijing counts from 1 July
    public void AcceptanceDue_EndsAtLocalMidnightAfterFifteenDays(string submitted, string expected)
    {
        var due = Policy.AcceptanceDue(DateTimeOffset.Parse(submitted, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Fact]
    public void ConclusionDue_WithExtension_AddsDaysOnce()
    {
        var accepted = new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero); // 30 Nov 10:00 Beijing
        Assert.Equal(new DateTimeOffset(2027, 1, 29, 16, 0, 0, TimeSpan.Zero), Policy.ConclusionDue(accepted));
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 16, 0, 0, TimeSpan.Zero), Policy.ConclusionDue(accepted, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.ConclusionDue(accepted, 31));
    }

    [Fact]
    public void StateOf_MarksDueSoonAndOverdue()
    {
        var due = new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero);
        Assert.Equal(DueState.OnTime, Policy.StateOf(due, due.AddDays(-4)));
        Assert.Equal(DueState.DueSoon, Policy.StateOf(due, due.AddDays(-3)));
        Assert.Equal(DueState.Overdue, Policy.StateOf(due, due));
        Assert.Equal(DueState.None, Policy.StateOf(null, due));
    }

    [Fact]
    public void EuProfile_IsJustAnotherConfiguration()
    {
        var eu = new TimeLimitPolicy { TimeZoneId = "Europe/Brussels" };
        eu.UseRegimes([LegalRegime.LettersAndVisitsDefaults(acceptance: 7, conclusion: 90)]);
        // 25 March 2027: Brussels moves to summer time on 28 March; the deadline is local midnight.
        var due = eu.AcceptanceDue(new DateTimeOffset(2027, 3, 25, 12, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(new DateTimeOffset(2027, 4, 2, 0, 0, 0, TimeSpan.FromHours(2)), due);
    }

    [Fact]
    public void ADeadline_ReadsAsTheLastDayItAllows_InTheConfiguredZone()
    {
        var china = new TimeLimitPolicy();
        // Filed on 30 November 2026 at 10:00 China time: due at midnight ending 15 December (16 December 00:00).
        var due = china.AcceptanceDue(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(new DateTimeOffset(2026, 12, 16, 0, 0, 0, TimeSpan.FromHours(8)), due);
        Assert.Equal(new DateOnly(2026, 12, 15), china.LastDay(due));
        Assert.Equal(new DateOnly(2026, 12, 16), china.LocalDay(due));

        var eu = new TimeLimitPolicy { TimeZoneId = "Europe/Brussels" };
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 0, 0, 0, TimeSpan.FromHours(1)), eu.DayStartUtc(new DateOnly(2027, 3, 28)));
        Assert.Equal(new DateOnly(2027, 3, 27), eu.LastDay(eu.DayStartUtc(new DateOnly(2027, 3, 28))));
    }
}
