using Petitions.Core.Policy;
using Petitions.Core.Reports;

namespace Petitions.Core.Tests;

/// <summary>
/// Due dates in working days, counted by hand on the State Council's 2026 holiday notice (国办发明电〔2025〕7号, published
/// 4 November 2025): New Year 1–3 January, 4 January (Sunday) worked; Spring Festival 15–23 February, 14 and 28 February
/// (Saturdays) worked; Labour Day 1–5 May, 9 May (Saturday) worked; National Day 1–7 October, 20 September (Sunday) and
/// 10 October (Saturday) worked. Times are China time (UTC+8): a due time is the midnight that ends the last day.
/// </summary>
public sealed class WorkingDaysTests
{
    private static readonly TimeLimitPolicy Policy = new();
    private static readonly LegalRegime Order49 = LegalRegime.SocialInsuranceFundsDefaults();
    private static readonly LegalRegime LettersAndVisits = LegalRegime.LettersAndVisitsDefaults();

    private static DateTimeOffset China(int y, int m, int d, int hour = 10) => new(y, m, d, hour, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The midnight (China time) that ends <paramref name="lastDay"/>.</summary>
    private static DateTimeOffset EndOf(DateOnly lastDay) => new(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));

    [Theory]
    // Friday 13 February: Sat 14 (worked) = 1; 15–23 Spring Festival; Tue 24 = 2, 25 = 3, 26 = 4, Fri 27 = 5.
    [InlineData("2026-02-13", 5, "2026-02-27")]
    // Tuesday 10 February, 10 days: 11, 12, 13, Sat 14 (worked), [15–23], 24, 25, 26, 27, Sat 28 (worked) = 9, Mon 2 March = 10.
    [InlineData("2026-02-10", 10, "2026-03-02")]
    // The adjusted Saturday itself: Thursday 26 February + 2 = Fri 27, Sat 28 (worked).
    [InlineData("2026-02-26", 2, "2026-02-28")]
    // Across a month end, Labour Day and its adjusted Saturday: Wed 29 April: Thu 30 = 1, [1–5 May], Wed 6 = 2, 7 = 3, 8 = 4, Sat 9 = 5.
    [InlineData("2026-04-29", 5, "2026-05-09")]
    // National Day: Wed 30 September: [1–7 October], Thu 8 = 1, Fri 9 = 2, Sat 10 (worked) = 3, Mon 12 = 4, Tue 13 = 5.
    [InlineData("2026-09-30", 5, "2026-10-13")]
    // A worked Sunday: Friday 18 September + 1 = Sun 20 September (worked), not Monday.
    [InlineData("2026-09-18", 1, "2026-09-20")]
    // New Year: Wed 31 December 2025: [1–3 January], Sun 4 (worked) = 1, Mon 5 = 2.
    [InlineData("2025-12-31", 2, "2026-01-05")]
    // An ordinary weekend: Friday 6 March + 1 = Monday 9 March.
    [InlineData("2026-03-06", 1, "2026-03-09")]
    public void WorkingDays_FollowTheOfficialCalendar(string start, int days, string last)
    {
        var (day, provisional) = WorkingCalendar.BuiltIn.AddWorkingDays(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), day);
        Assert.False(provisional);
    }

    [Fact]
    public void Order49_ReviewWithinFiveWorkingDays_AcrossTheSpringFestival()
    {
        var report = NewReport(LegalRegime.SocialInsuranceFunds, China(2026, 2, 13, 16));
        Assert.Equal(EndOf(new DateOnly(2026, 2, 27)), report.AcceptanceDueAt);
        Assert.False(report.DueProvisional);
        // The real-name reporter is told within 10 working days of receipt.
        Assert.Equal(EndOf(new DateOnly(2026, 3, 2)), Policy.AcceptanceNoticeDue(China(2026, 2, 10), LegalRegime.SocialInsuranceFunds));
    }

    [Fact]
    public void Order49_Conclusion_IsSixtyWorkingDays_AndTheExtensionCountsTheSame()
    {
        // Accepted Monday 2 March 2026. Working days from 3 March: March has 21 left (3–31 less 4 weekends: 7/8, 14/15,
        // 21/22, 28/29) → 31 March is the 21st; April: Qingming 4–6 April (Sat–Mon) off, so 1–3 = 22–24, 7–10 = 25–28,
        // 13–17 = 29–33, 20–24 = 34–38, 27–30 = 39–42; May: [1–5], 6–8 = 43–45, Sat 9 (worked) = 46, 11–15 = 47–51,
        // 18–22 = 52–56, 25–28 = 57–60 → Thursday 28 May.
        var accepted = China(2026, 3, 2);
        Assert.Equal(EndOf(new DateOnly(2026, 5, 28)), Policy.ConclusionDue(accepted, regime: LegalRegime.SocialInsuranceFunds));
        // Two more working days: Fri 29 May, then Mon 1 June (no holiday until the Dragon Boat Festival on 19 June).
        Assert.Equal(EndOf(new DateOnly(2026, 6, 1)), Policy.ConclusionDue(accepted, 2, LegalRegime.SocialInsuranceFunds));
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.ConclusionDue(accepted, 31, LegalRegime.SocialInsuranceFunds));
    }

    [Fact]
    public void LettersAndVisits_CountsCalendarDays_ThroughHolidays()
    {
        // Received 10 February 2026: 15 calendar days, the Spring Festival included → end of 25 February.
        Assert.Equal(EndOf(new DateOnly(2026, 2, 25)), Policy.AcceptanceDue(China(2026, 2, 10), LegalRegime.LettersAndVisits));
        // Accepted 31 January: 60 days across February (28 days) → end of 1 April.
        Assert.Equal(EndOf(new DateOnly(2026, 4, 1)), Policy.ConclusionDue(China(2026, 1, 31), regime: LegalRegime.LettersAndVisits));
        Assert.Equal(LettersAndVisits.Acceptance, Policy.Regime(null).Acceptance);
    }

    [Fact]
    public void AReviewUnderOrder49_FollowsTheLettersAndVisitsCalendarDays()
    {
        var report = NewReport(LegalRegime.SocialInsuranceFunds, China(2026, 1, 5));
        Assert.Equal(DayCount.Calendar, Order49.ReviewRequest.Count);
        Assert.Equal(EndOf(new DateOnly(2026, 3, 2)), Policy.ReviewRequestDeadline(China(2026, 1, 31), report.RegimeCode));
    }

    [Fact]
    public void AYearWithoutACalendar_IsNeverGuessed()
    {
        // The built-in calendar ends with 2026 (chinese-days 1.5.7).
        Assert.False(WorkingCalendar.BuiltIn.Covers(2027));
        Assert.Throws<CalendarYearMissingException>(() => WorkingCalendar.BuiltIn.IsWorkingDay(new DateOnly(2027, 1, 4)));
        // A limit that runs into it counts its days as calendar days and says so: Mon 28 December 2026 + 5:
        // Tue 29 = 1, 30 = 2, 31 = 3, then 1 and 2 January 2027 (unknown) = 4, 5.
        var (day, provisional) = WorkingCalendar.BuiltIn.AddWorkingDays(new DateOnly(2026, 12, 28), 5);
        Assert.Equal(new DateOnly(2027, 1, 2), day);
        Assert.True(provisional);
        var report = NewReport(LegalRegime.SocialInsuranceFunds, China(2026, 12, 28));
        Assert.True(report.DueProvisional);
        Assert.True(Policy.IsProvisional(report.AcceptanceDueAt, report.RegimeCode));
    }

    [Fact]
    public void AnAdministratorsYearFile_IsUsed_AndItsDueDatesAreComputedAgain()
    {
        var folder = Directory.CreateTempSubdirectory("calendar-");
        try
        {
            // Test data, not the 2027 notice: 1 January off, Saturday 9 January worked.
            File.WriteAllText(Path.Combine(folder.FullName, "2027.json"), """
                { "source": "test data", "holidays": { "2027-01-01": "元旦" }, "workdays": { "2027-01-09": "test" } }
                """);
            var policy = new TimeLimitPolicy { Calendar = WorkingCalendar.Load(folder.FullName) };
            var report = NewReport(LegalRegime.SocialInsuranceFunds, China(2026, 12, 28), TestReports.Policy);
            Assert.True(report.DueProvisional);
            // With 2027 known: 29, 30, 31 December = 1–3, [Fri 1 January off, weekend], Mon 4 = 4, Tue 5 = 5.
            Assert.True(report.RecomputeDeadlines(policy));
            Assert.Equal(EndOf(new DateOnly(2027, 1, 5)), report.AcceptanceDueAt);
            Assert.Equal(report.AcceptanceDueAt, report.DueAt);
            Assert.False(report.DueProvisional);
            Assert.True(policy.Calendar.IsWorkingDay(new DateOnly(2027, 1, 9)));
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Theory]
    [InlineData("2027.json", """{ "source": "x", "holidays": { "2027-01-01": "元旦" }, "workdays": { "2027-01-04": "Monday" } }""", "2027-01-04 is a weekday")]
    [InlineData("2027.json", """{ "source": "x", "holidays": { "2028-01-01": "元旦" }, "workdays": {} }""", "2028-01-01 is not a day of 2027")]
    [InlineData("2027.json", """{ "holidays": { "2027-01-01": "元旦" }, "workdays": {} }""", "\"source\"")]
    [InlineData("next.json", """{ "source": "x", "holidays": { "2027-01-01": "元旦" }, "workdays": {} }""", "must be the year")]
    [InlineData("2027.json", """{ "source": "x", "holidays": { "2027-01-02": "元旦" }, "workdays": { "2027-01-02": "x" } }""", "both a holiday and a working day")]
    public void ABrokenYearFile_IsRefused_NamingTheFileAndTheProblem(string name, string json, string problem)
    {
        var folder = Directory.CreateTempSubdirectory("calendar-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, name), json);
            var refused = Assert.Throws<CalendarFileException>(() => WorkingCalendar.Load(folder.FullName));
            Assert.Contains(name, refused.Message, StringComparison.Ordinal);
            Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public void TheBuiltInCalendar_HasEveryYearSinceOrder49()
    {
        foreach (var year in new[] { 2023, 2024, 2025, 2026 })
        {
            Assert.True(WorkingCalendar.BuiltIn.Covers(year), $"{year}");
        }
        Assert.Equal("春节", WorkingCalendar.BuiltIn.HolidayOn(new DateOnly(2026, 2, 17)));
    }

    private static Report NewReport(string regime, DateTimeOffset at, TimeLimitPolicy? policy = null)
    {
        var report = new Report { TrackingNumber = "AAAAA-BBBBB", AccessKeyHash = new byte[32], KindCode = "deceased-pension", RegionCode = "430422", Description = "x", RegimeCode = regime };
        report.MarkSubmitted(at, policy ?? Policy);
        return report;
    }
}
