using Petitions.Core.Campaigns;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Reports;

namespace Petitions.Web.Seeding;

/// <summary>
/// A made-up data set shaped like Hunan's re-examination (docs/domain.md): 801 reports about the
/// social-security fund, received 2012–2021 across Hunan's cities and counties, more of them in Hengyang and
/// most of those in Hengnan, all worked through to an answer, their original conclusions mostly "unfounded" or
/// "not accepted". Then the province's campaign re-examines all 801 (reviewers outside the counties, in 2022):
/// 300+ are overturned to verified or partly verified, Hengnan worst, reopened and concluded again with the money
/// stopped and recovered. Generated with a fixed seed, so the figures are the same on every machine; the text comes
/// from <see cref="SyntheticReports"/>.
/// </summary>
public sealed class HunanCampaign(RegionCatalogue regions, TimeLimitPolicy policy)
{
    public const int Seed = 801;
    public const string Hengyang = "430400";
    public const string Hengnan = "430422";

    /// <summary>Reports received in each year 2012..2021 (801 in all).</summary>
    private static readonly int[] PerYear = [40, 45, 50, 60, 70, 80, 90, 110, 120, 136];

    private static readonly (string Kind, int Weight)[] Kinds =
    [
        ("deceased-pension", 30), ("duplicate-claims", 15), ("card-not-owner", 12), ("inflated-benefit", 12),
        ("improper-payment", 8), ("staff-embezzlement", 10), ("dereliction", 8), ("other", 5),
    ];

    /// <summary>The 801 reports after the campaign, with their whole timelines; <paramref name="staffId"/> handles and reviews.</summary>
    public IReadOnlyList<Report> Generate(Guid staffId) => GenerateWithCampaign(_ => staffId, [staffId], staffId).Reports;

    /// <summary>The unit that handled a county's reports before the campaign (its social-insurance bureau).</summary>
    public string UnitOf(string countyCode) => (regions.Find(countyCode)?.Name ?? countyCode) + "人社局";

    /// <summary>Every county the history draws reports from.</summary>
    public IReadOnlyList<Core.Regions.Region> Counties => new SyntheticReports(regions, policy, Seed).Counties;

    public const string CampaignName = "社保基金问题线索起底复查（2012—2021年信访件）";

    /// <summary>
    /// The 801 reports, and the campaign that re-examined them with its items (reviews recorded by
    /// <paramref name="reviewers"/> in turn; the overturned reports reopened and concluded again). Each county's reports were
    /// handled by <paramref name="handlerOf"/> that county, whose unit is <see cref="UnitOf"/> it.
    /// </summary>
    public (IReadOnlyList<Report> Reports, Campaign Campaign, IReadOnlyList<CampaignItem> Items) GenerateWithCampaign(Func<string, Guid> handlerOf, IReadOnlyList<Guid> reviewers, Guid leadId)
    {
        var reports = GenerateOriginals(handlerOf);
        var random = new Random(Seed + 1);
        var launched = new DateTimeOffset(2022, 3, 1, 1, 0, 0, TimeSpan.Zero);
        var campaign = new Campaign
        {
            Id = new Guid("0193b2a0-0801-7000-8000-000000000801"),
            Name = CampaignName,
            LegalBasis = "《信访工作条例》；《社会保险基金监督举报工作管理办法》（人力资源社会保障部令第49号）",
            LeadBody = "湖南省纪委监委",
            Deadline = new DateOnly(2022, 6, 30),
            RegionCode = "430000",
            ReceivedFrom = new DateOnly(2012, 1, 1),
            ReceivedTo = new DateOnly(2021, 12, 31),
            Outcomes = EarlierOutcome.All,
            Status = CampaignStatus.Active,
            CreatedById = leadId,
            CreatedAt = launched.AddDays(-3),
            LaunchedAt = launched,
            Reviewers = reviewers.Distinct().Select(r => new CampaignReviewer { UserId = r }).ToList(),
        };
        var items = new List<CampaignItem>(reports.Count);
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            var item = new CampaignItem
            {
                CampaignId = campaign.Id, ReportId = report.Id, RegionCode = report.RegionCode, OriginalStatus = report.Status, OriginalFinding = report.Finding,
                OriginalHandlerId = handlerOf(report.RegionCode), OriginalUnit = UnitOf(report.RegionCode), ReviewerId = reviewers[i % reviewers.Count],
            };
            items.Add(item);
            var reviewed = launched.AddDays(random.Next(5, 100)).AddHours(random.Next(8));
            item.ReviewedAt = reviewed;
            var wasVerified = report.Finding is Finding.Verified or Finding.PartiallyVerified;
            // Hengnan's conclusions were the worst: most of its "unfounded" answers were wrong.
            var chance = report.RegionCode == Hengnan ? 92 : regions.Find(report.RegionCode)?.ParentCode == Hengyang ? 45 : 40;
            if (wasVerified || random.Next(100) >= chance)
            {
                item.Verdict = ReviewVerdict.Upheld;
                item.NewFinding = report.Finding ?? Finding.Unfounded;
                item.Reasons = "复核原核查材料，结论依据充分，予以维持。";
                continue;
            }
            var found = random.Next(100) < 62 ? Finding.Verified : Finding.PartiallyVerified;
            var big = report.KindCode == "staff-embezzlement" || report.RegionCode == Hengnan;
            item.Verdict = ReviewVerdict.Overturned;
            item.NewFinding = found;
            item.Reasons = "调取社保发放记录和死亡登记信息比对，原核查未实地走访、未调取银行流水，结论错误。";
            item.MoneyToStopYuan = random.Next(20, big ? 1500 : 400) * 1000m;
            item.MoneyToRecoverYuan = Math.Round(item.MoneyToStopYuan * random.Next(120, 200) / 100m, 2);
            item.Responsible = "原核查承办人及审核人（" + item.OriginalUnit + "）";
            report.ReopenAfterReExamination(item.ReviewerId!.Value, found, reviewed, policy);
            report.StartVerification(item.ReviewerId.Value, reviewed.AddDays(1));
            var concluded = reviewed.AddDays(random.Next(15, 45));
            report.RecordFinding(item.ReviewerId.Value, found, FindingText(found), concluded);
            if (random.Next(100) < 30)
            {
                report.Refer(item.ReviewerId.Value, Referral.DisciplineCommission, concluded.AddDays(2));
            }
            report.RecordOutcome(item.ReviewerId.Value, item.MoneyToStopYuan, item.MoneyToRecoverYuan, random.Next(0, big ? 4 : 2), random.Next(0, 2), concluded.AddDays(5));
            report.Close(item.ReviewerId.Value, "经专项复查，原结论予以纠正，复查结论已书面答复举报人。", concluded.AddDays(7));
        }
        return (reports, campaign, items);
    }

    /// <summary>One rectification per overturned item (after the items are stored, so they have ids): most done, with the money.</summary>
    public static IReadOnlyList<Rectification> RectificationsFor(IReadOnlyList<CampaignItem> items, Guid reviewerId)
    {
        var random = new Random(Seed + 2);
        var fixes = new List<Rectification>();
        foreach (var item in items.Where(i => i.Verdict == ReviewVerdict.Overturned).OrderBy(i => i.Id))
        {
            var done = random.Next(100) < 82;
            var reviewed = item.ReviewedAt ?? new DateTimeOffset(2022, 3, 1, 0, 0, 0, TimeSpan.Zero);
            fixes.Add(new Rectification
            {
                ItemId = item.Id, CampaignId = item.CampaignId, CreatedById = reviewerId, CreatedAt = reviewed.AddDays(1),
                Problem = "停发已故人员养老金，追回冒领资金；建立与民政、公安死亡信息的按月比对。",
                Owner = item.OriginalUnit ?? "县人社局",
                DueOn = DateOnly.FromDateTime(reviewed.AddDays(90).UtcDateTime),
                DoneAt = done ? reviewed.AddDays(random.Next(20, 85)) : null,
                Evidence = done ? "停发通知、追缴入账凭证及比对制度文件。" : null,
                StoppedYuan = done ? item.MoneyToStopYuan : Math.Round(item.MoneyToStopYuan * random.Next(0, 60) / 100m, 2),
                RecoveredYuan = done ? Math.Round(item.MoneyToRecoverYuan * random.Next(70, 101) / 100m, 2) : Math.Round(item.MoneyToRecoverYuan * random.Next(0, 40) / 100m, 2),
            });
        }
        return fixes;
    }

    private List<Report> GenerateOriginals(Func<string, Guid> handlerOf)
    {
        var random = new Random(Seed);
        var text = new SyntheticReports(regions, policy, Seed);
        var counties = text.Counties;
        // Hengnan weighs 12, the rest of Hengyang 3, every other county 1.
        var weights = counties.Select(c => c.Code == Hengnan ? 12 : c.ParentCode == Hengyang ? 3 : 1).ToArray();
        var reports = new List<Report>(801);
        for (var year = 0; year < PerYear.Length; year++)
        {
            for (var i = 0; i < PerYear[year]; i++)
            {
                var day = new DateTime(2012 + year, 1, 1).AddDays(random.Next(DateTime.IsLeapYear(2012 + year) ? 366 : 365)).AddHours(8 + random.Next(10)).AddMinutes(random.Next(60));
                var at = new DateTimeOffset(day, policy.TimeZone.GetUtcOffset(day)).ToUniversalTime();
                var county = counties[Pick(random, weights)];
                var report = text.Next(at, county);
                report.KindCode = Kinds[Pick(random, Kinds.Select(k => k.Weight).ToArray())].Kind;
                report.TriagedAt = at.AddSeconds(1);
                report.QueueRegionCode = county.Code;
                WorkThrough(report, handlerOf(county.Code), at, random);
                reports.Add(report);
            }
        }
        return reports;
    }

    /// <summary>The second person who approved the old extensions, before the portal kept accounts (two people, even in history).</summary>
    private static readonly Guid HistoricalApprover = new("00000000-0000-0000-0000-000000002012");

    private void WorkThrough(Report report, Guid staff, DateTimeOffset at, Random random)
    {
        // Most are decided within the 15 days; some are late.
        var decided = at.AddDays(random.Next(10) == 0 ? random.Next(16, 30) : random.Next(1, 15)).AddHours(random.Next(8));
        if (random.Next(100) < 22)
        {
            report.Decline(staff, "不属于本机关受理范围，已告知向有关部门反映。", decided);
            return;
        }
        report.Accept(staff, decided, policy);
        report.StartVerification(staff, decided.AddDays(1));
        var extended = random.Next(100) < 12;
        if (extended)
        {
            report.RequestExtension(staff, 30, "涉及人员多、时间跨度长，需调取多年发放记录。", decided.AddDays(40), policy);
            report.ApproveExtension(HistoricalApprover, decided.AddDays(41), policy);
        }
        var limit = extended ? 90 : 60;
        var concluded = decided.AddDays(random.Next(100) < 8 ? limit + random.Next(3, 40) : random.Next(20, limit)).AddHours(random.Next(8));
        var roll = random.Next(100);
        // Before the campaign most answers said "unfounded" (docs/domain.md).
        var finding = roll < 5 ? Finding.Verified : roll < 9 ? Finding.PartiallyVerified : roll < 82 ? Finding.Unfounded : Finding.CannotBeVerified;
        report.RecordFinding(staff, finding, FindingText(finding), concluded);
        if (finding is Finding.Verified or Finding.PartiallyVerified)
        {
            var refer = random.Next(100);
            if (refer < 45)
            {
                report.Refer(staff, refer < 35 ? Referral.DisciplineCommission : Referral.Prosecutors, concluded.AddDays(2));
            }
            var big = report.KindCode == "staff-embezzlement" || report.RegionCode == Hengnan;
            var stopped = random.Next(5, big ? 900 : 300) * 1000m;
            var recovered = Math.Round(stopped * random.Next(40, 95) / 100m, 2);
            report.RecordOutcome(staff, stopped, recovered, random.Next(0, big ? 5 : 3), refer < 45 ? random.Next(1, 3) : 0, concluded.AddDays(5));
        }
        report.Close(staff, "核查结论已书面答复举报人。", concluded.AddDays(random.Next(3, 10)));
    }

    private static string FindingText(Finding finding) => finding switch
    {
        Finding.Verified => "反映问题属实，已责令停发并追回资金。",
        Finding.PartiallyVerified => "反映问题部分属实，已对属实部分作出处理。",
        Finding.Unfounded => "经核查，反映问题不属实。",
        _ => "因线索不具体、时间久远，无法查实。",
    };

    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }
}
