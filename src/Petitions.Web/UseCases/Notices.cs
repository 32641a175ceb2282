using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Notices;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.UseCases;

/// <summary>
/// Issues formal notices: fills the administrators' template for the kind of notice in the reporter's language, gives it
/// the year's next number for that kind, and adds it to the report, inside the caller's transaction (the counter row stays
/// locked until the commit, so numbers have neither gaps nor twins).
/// </summary>
public sealed class Notices(AppDbContext db, TimeLimitPolicy policy, RegionCatalogue regions, IStringLocalizer<SharedResource> l)
{
    private const string NextNumber = """
        INSERT INTO notice_counters ("Year", "Kind", "Last") VALUES ({0}, {1}, 1)
        ON CONFLICT ("Year", "Kind") DO UPDATE SET "Last" = notice_counters."Last" + 1
        RETURNING "Last" AS "Value"
        """;

    /// <summary>
    /// Issues a notice of <paramref name="kind"/> on the report; <paramref name="extra"/> gives the values the report
    /// does not hold (a reward's amount and last day), by placeholder, in the notice's language (true for Chinese).
    /// </summary>
    public async Task<FormalNotice> IssueAsync(Report report, NoticeKind kind, Guid? actorId, DateTimeOffset now, CancellationToken ct,
        Func<bool, IReadOnlyDictionary<string, string>>? extra = null)
    {
        var culture = report.Culture == "en" ? "en" : "zh-CN";
        var template = await db.NoticeTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == kind && t.Culture == culture, ct)
            ?? Core.Notices.StartingTemplates.StartingSet().Single(t => t.Kind == kind && t.Culture == culture);
        var year = policy.LocalDay(now).Year;
        var sequence = (await db.Database.SqlQueryRaw<int>(NextNumber, year, kind.ToString()).ToListAsync(ct))[0];
        var number = FormalNotice.NumberOf(kind, year, sequence);
        var kindName = (await db.ReportKinds.AsNoTracking().SingleAsync(k => k.Code == report.KindCode, ct)).Name(culture != "en");
        var values = LocalizationSetup.InCulture(culture, () =>
        {
            var all = Values(report, number, kindName, now, culture != "en");
            foreach (var (key, value) in extra?.Invoke(culture != "en") ?? new Dictionary<string, string>())
            {
                all[key] = value;
            }
            return all;
        });
        var notice = new FormalNotice
        {
            Id = Guid.NewGuid(),
            ReportId = report.Id,
            Kind = kind,
            Year = year,
            Sequence = sequence,
            Number = number,
            Culture = culture,
            Title = NoticeTemplate.Fill(template.Title, values),
            Body = NoticeTemplate.Fill(template.Body, values),
            IssuedAt = now,
            IssuedById = actorId,
        };
        db.FormalNotices.Add(notice);
        return notice;
    }

    /// <summary>A letter's date: "2026年11月30日" / "30 November 2026".</summary>
    public static string DateOf(DateOnly day, bool chinese) => day.ToString(chinese ? "yyyy年M月d日" : "d MMMM yyyy", CultureInfo.InvariantCulture);

    private Dictionary<string, string> Values(Report report, string number, string kindName, DateTimeOffset now, bool chinese)
    {
        // A letter's dates and place: "2026年11月30日" / "30 November 2026", "湖南省衡阳市衡南县" / "Hengnan County, Hengyang City, Hunan Province".
        string Date(DateOnly day) => DateOf(day, chinese);
        string Day(DateTimeOffset? at) => at is { } value ? Date(policy.LocalDay(value)) : "";
        string LastDay(DateTimeOffset? due) => due is { } value ? Date(policy.LastDay(value)) : "";
        var lineage = regions.Lineage(report.RegionCode);
        var place = chinese ? string.Concat(lineage.Reverse().Select(r => r.Name)) : string.Join(", ", lineage.Select(r => r.English ?? r.Name));
        var authorityRegion = report.QueueRegionCode ?? report.RegionCode;
        return new Dictionary<string, string>
        {
            ["{number}"] = number,
            ["{tracking}"] = report.TrackingNumber,
            ["{date}"] = Day(now),
            ["{received}"] = Day(report.SubmittedAt),
            ["{kind}"] = kindName,
            ["{region}"] = place,
            ["{regime}"] = policy.Regime(report.RegimeCode).Name(chinese),
            ["{reason}"] = report.TransferReason ?? report.Events.LastOrDefault(e => e.Status == ReportStatus.NotAccepted)?.Body ?? "",
            ["{receiver}"] = report.TransferReceiver ?? "",
            ["{finding}"] = report.Finding is { } finding ? l[$"Finding.{finding}"].Value : "",
            ["{answer}"] = report.Events.LastOrDefault(e => e.Status == ReportStatus.Closed)?.Body ?? "",
            ["{conclusion_due}"] = LastDay(report.ConclusionDueAt),
            ["{review_deadline}"] = report.AnsweredAt is { } answered ? LastDay(policy.ReviewRequestDeadline(answered, report.RegimeCode)) : "",
            ["{authority}"] = l["Notice.Authority", regions.NameOf(authorityRegion, chinese)].Value,
        };
    }
}
