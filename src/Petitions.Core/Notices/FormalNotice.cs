using System.Globalization;

namespace Petitions.Core.Notices;

/// <summary>The formal notices a reporter receives (告知书): acceptance, decline with reasons and the right to a review, transfer, and the reply with the finding.</summary>
public enum NoticeKind
{
    Acceptance,
    Decline,
    Transfer,
    Reply,
    /// <summary>A reward granted: the amount, how to claim and the last day (举报奖励告知书).</summary>
    RewardGranted,
    /// <summary>No reward, and why, and how to ask for a review (不予奖励告知书).</summary>
    RewardRefused,
}

public static class NoticeKinds
{
    /// <summary>The formal notice an action on a report issues; null for actions that issue none.</summary>
    public static NoticeKind? For(Reports.ReportAction action) => action switch
    {
        Reports.ReportAction.Accept => NoticeKind.Acceptance,
        Reports.ReportAction.Decline => NoticeKind.Decline,
        Reports.ReportAction.Transfer or Reports.ReportAction.TransferWithin => NoticeKind.Transfer,
        Reports.ReportAction.Close => NoticeKind.Reply,
        _ => null,
    };
}

/// <summary>
/// The text an administrator keeps for one kind of notice in one language. Placeholders (<see cref="Placeholders"/>) are
/// filled from the report when a notice is issued; the body is Markdown, rendered safely.
/// </summary>
public sealed class NoticeTemplate
{
    public static readonly IReadOnlyList<string> Placeholders =
        ["{number}", "{tracking}", "{date}", "{received}", "{kind}", "{region}", "{regime}", "{reason}", "{receiver}", "{finding}", "{answer}", "{conclusion_due}", "{review_deadline}", "{authority}",
            "{amount}", "{claim_by}", "{refusal}", "{rule}"];

    public int Id { get; set; }
    public NoticeKind Kind { get; set; }
    /// <summary>"zh-CN" or "en": notices go out in the reporter's language.</summary>
    public string Culture { get; set; } = "zh-CN";
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedById { get; set; }

    /// <summary>The text with each known placeholder replaced (unknown braces stay as typed).</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            text = text.Replace(key, value, StringComparison.Ordinal);
        }
        return text;
    }
}

/// <summary>
/// A notice as issued: numbered, in the reporter's language, its text fixed at issue (a later change of the template
/// does not rewrite it). Shown on /Track, printable as a letter, mailed to a real-name reporter, kept on the report.
/// </summary>
public sealed class FormalNotice
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }
    public NoticeKind Kind { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }
    public required string Number { get; set; }
    public string Culture { get; set; } = "zh-CN";
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public Guid? IssuedById { get; set; }

    /// <summary>The document number: a prefix per kind, the year in 〔〕 and the year's sequence, e.g. 受理〔2026〕7号.</summary>
    public static string NumberOf(NoticeKind kind, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix(kind)}〔{year}〕{sequence}号");

    private static string Prefix(NoticeKind kind) => kind switch
    {
        NoticeKind.Acceptance => "受理",
        NoticeKind.Decline => "不予受理",
        NoticeKind.Transfer => "转送",
        NoticeKind.RewardGranted => "奖励",
        NoticeKind.RewardRefused => "不予奖励",
        _ => "答复",
    };
}

/// <summary>The last number given to a kind of notice in a year; its row is locked while a notice is issued, so numbers have no gaps or twins.</summary>
public sealed class NoticeCounter
{
    public int Year { get; set; }
    public NoticeKind Kind { get; set; }
    public int Last { get; set; }
}
