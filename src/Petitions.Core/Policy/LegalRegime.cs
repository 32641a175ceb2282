namespace Petitions.Core.Policy;

/// <summary>How a time limit counts: every calendar day, or official working days (<see cref="WorkingCalendar"/>).</summary>
public enum DayCount
{
    Calendar,
    Working,
}

/// <summary>One step's limit: so many calendar or working days.</summary>
public sealed record TimeLimit(int Days, DayCount Count)
{
    public static TimeLimit CalendarDays(int days) => new(days, DayCount.Calendar);
    public static TimeLimit WorkingDays(int days) => new(days, DayCount.Working);
}

/// <summary>
/// The rules a report is handled under: each step's time limit, in calendar or working days. Two are built in and
/// an administrator may define more and choose one per kind of report (docs/time-limits.md cites the texts):
/// <list type="bullet">
/// <item>the Regulations on Letters and Visits (信访工作条例, 2022): whether accepted within 15 days of receipt, concluded
/// within 60 days of acceptance, extended by at most 30, a review asked for within 30 days of the answer and answered within 30
/// (docs/domain.md);</item>
/// <item>the MOHRSS Measures on Social-Insurance Fund Supervision Reports (社会保险基金监督举报工作管理办法, Order No. 49, in force
/// 1 May 2023): reviewed (accepted, declined or transferred) within 5 working days of receipt, a real-name reporter told
/// whether accepted within 10 working days of receipt (as summarised in public guidance, e.g. the Jiangmen government's
/// Q&amp;A on the social-insurance regulations). The conclusion limit (60 working days, at most 30 more) is the portal's
/// reading, to be confirmed against the current text; a review of the answer follows the Letters-and-Visits limits.</item>
/// </list>
/// </summary>
public sealed class LegalRegime
{
    public const string LettersAndVisits = "letters-visits-2022";
    public const string SocialInsuranceFunds = "mohrss-order-49";

    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    /// <summary>The text it follows, as people cite it (shown on the report page and in the admin list).</summary>
    public string Citation { get; set; } = "";
    /// <summary>Deciding whether to accept (for Order No. 49 the review on receipt, which also decides a transfer).</summary>
    public required TimeLimit Acceptance { get; set; }
    /// <summary>Telling the reporter whether it was accepted, from receipt.</summary>
    public required TimeLimit AcceptanceNotice { get; set; }
    public required TimeLimit Conclusion { get; set; }
    /// <summary>The longest extension, counted like <see cref="Conclusion"/>.</summary>
    public required TimeLimit MaxExtension { get; set; }
    public required TimeLimit ReviewRequest { get; set; }
    public required TimeLimit ReviewAnswer { get; set; }
    /// <summary>True: a report transferred to another jurisdiction in the portal starts its acceptance limit again on the day it arrives.</summary>
    public bool TransferRestartsClock { get; set; } = true;

    public string Name(bool chinese) => chinese ? NameZh : NameEn;

    /// <summary>True when any step counts working days (so its due dates need the official calendar).</summary>
    public bool UsesWorkingDays =>
        new[] { Acceptance, AcceptanceNotice, Conclusion, ReviewRequest, ReviewAnswer }.Any(l => l.Count == DayCount.Working);

    public static LegalRegime LettersAndVisitsDefaults(int acceptance = 15, int conclusion = 60, int extension = 30, int reviewRequest = 30, int reviewAnswer = 30) => new()
    {
        Code = LettersAndVisits,
        NameZh = "《信访工作条例》（2022）",
        NameEn = "Regulations on Letters and Visits (2022)",
        Citation = "信访工作条例（2022年5月1日起施行）：收到之日起15日内告知是否受理；受理之日起60日内办结，延长不超过30日；收到书面答复之日起30日内可请求复查，30日内提出复查意见",
        Acceptance = TimeLimit.CalendarDays(acceptance),
        AcceptanceNotice = TimeLimit.CalendarDays(acceptance),
        Conclusion = TimeLimit.CalendarDays(conclusion),
        MaxExtension = TimeLimit.CalendarDays(extension),
        ReviewRequest = TimeLimit.CalendarDays(reviewRequest),
        ReviewAnswer = TimeLimit.CalendarDays(reviewAnswer),
    };

    public static LegalRegime SocialInsuranceFundsDefaults() => new()
    {
        Code = SocialInsuranceFunds,
        NameZh = "《社会保险基金监督举报工作管理办法》（人社部令第49号）",
        NameEn = "Measures on Social-Insurance Fund Supervision Reports (MOHRSS Order No. 49)",
        Citation = "人力资源社会保障部令第49号，2023年5月1日起施行：接收举报5个工作日内审查，不属本部门管辖的移送并告知实名举报人去向；自接收之日起10个工作日内告知有要求的实名举报人受理情况。办结期限按60个工作日、延长不超过30个工作日设置，以现行文本为准，管理员可修改",
        Acceptance = TimeLimit.WorkingDays(5),
        AcceptanceNotice = TimeLimit.WorkingDays(10),
        Conclusion = TimeLimit.WorkingDays(60),
        MaxExtension = TimeLimit.WorkingDays(30),
        ReviewRequest = TimeLimit.CalendarDays(30),
        ReviewAnswer = TimeLimit.CalendarDays(30),
    };
}
