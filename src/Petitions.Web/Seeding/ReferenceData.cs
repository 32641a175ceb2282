using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using Petitions.Data;

namespace Petitions.Web.Seeding;

/// <summary>Roles and the starting list of report kinds; safe to run at every start.</summary>
public sealed class ReferenceData(AppDbContext db, RoleManager<IdentityRole<Guid>> roles)
{
    public async Task EnsureAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }
        var regimes = await db.LegalRegimes.Select(r => r.Code).ToListAsync();
        foreach (var regime in new[] { LegalRegime.LettersAndVisitsDefaults(), LegalRegime.SocialInsuranceFundsDefaults() }.Where(r => !regimes.Contains(r.Code)))
        {
            db.LegalRegimes.Add(regime);
        }
        await db.SaveChangesAsync();
        var existing = await db.ReportKinds.Select(k => k.Code).ToListAsync();
        foreach (var kind in ReportKind.StartingList.Where(k => !existing.Contains(k.Code)))
        {
            db.ReportKinds.Add(new ReportKind { Code = kind.Code, NameZh = kind.NameZh, NameEn = kind.NameEn, SortOrder = kind.SortOrder, RegimeCode = kind.RegimeCode });
        }
        await db.SaveChangesAsync();
        if (!await db.NoticeTemplates.AnyAsync())
        {
            db.NoticeTemplates.AddRange(Core.Notices.StartingTemplates.StartingSet());
            await db.SaveChangesAsync();
        }
        var rules = await db.MatchingRules.Select(r => r.Code).ToListAsync();
        foreach (var rule in Core.Matching.RiskRules.All.Where(r => !rules.Contains(r.Code)))
        {
            db.MatchingRules.Add(new MatchingRuleSetting { Code = rule.Code, Enabled = true, Threshold = rule.DefaultThreshold });
        }
        await db.SaveChangesAsync();
        if (!await db.RewardRules.AnyAsync())
        {
            db.RewardRules.AddRange(Core.Rewards.StartingRewardRules.All());
            await db.SaveChangesAsync();
        }
        await EnsureTriageRulesAsync();
    }

    /// <summary>Starting rules, written only into empty tables: after that they belong to the Admins.</summary>
    private async Task EnsureTriageRulesAsync()
    {
        if (!await db.RoutingRules.AnyAsync())
        {
            db.RoutingRules.AddRange(
                new RoutingRule { Name = "默认：由所在县（市、区）办理", NameEn = "Default: the report's own county", Target = RoutingTarget.OwnCounty },
                new RoutingRule
                {
                    Name = "经办人员贪污挪用：上提到市级办理", NameEn = "Embezzlement by staff: handled by the city, not locally",
                    KindCode = "staff-embezzlement", Target = RoutingTarget.OwnCity,
                });
        }
        if (!await db.PriorityRules.AnyAsync())
        {
            db.PriorityRules.AddRange(
                new PriorityRule { Name = "涉及已故人员", NameEn = "Deceased beneficiaries", Condition = PriorityCondition.TextContainsAny, Parameter = "死亡|已故|去世|过世|逝世|deceased|dead", Points = 30 },
                new PriorityRule { Name = "多张卡或多人", NameEn = "Many cards or people (words)", Condition = PriorityCondition.TextContainsAny, Parameter = "多张|多人|批量|一批|many cards", Points = 10 },
                new PriorityRule { Name = "金额十万元以上", NameEn = "Amount ≥ ¥100,000", Condition = PriorityCondition.AmountAtLeast, Parameter = "100000", Points = 20 },
                new PriorityRule { Name = "金额百万元以上", NameEn = "Amount ≥ ¥1,000,000", Condition = PriorityCondition.AmountAtLeast, Parameter = "1000000", Points = 20 },
                new PriorityRule { Name = "涉及十张卡（人）以上", NameEn = "10 or more cards or people", Condition = PriorityCondition.CardsAtLeast, Parameter = "10", Points = 20 },
                new PriorityRule { Name = "实名举报", NameEn = "Real-name report", Condition = PriorityCondition.RealName, Points = 10 },
                new PriorityRule { Name = "涉及社保经办机构人员", NameEn = "Names social-security staff", Condition = PriorityCondition.NamesUnitMatching, Parameter = "社保|人社|社会保险|劳动保障|农保", Points = 25 },
                new PriorityRule { Name = "同一人被多次举报", NameEn = "Same person reported before", Condition = PriorityCondition.RepeatedPerson, Parameter = "1", Points = 15 });
        }
        if (!await db.MessageTemplates.AnyAsync())
        {
            db.MessageTemplates.AddRange(
                new MessageTemplate { Name = "请求补充材料", Culture = "zh-CN", Body = "您好！关于您的举报 {number}，为便于核查，请补充以下材料：\n\n- \n\n请在本页回复并上传。本举报{deadline}办结。" },
                new MessageTemplate { Name = "已受理说明", Culture = "zh-CN", Body = "您好！您的举报 {number} 已受理，目前状态：{status}。我们将{deadline}给出核查结论并答复您。" },
                new MessageTemplate { Name = "Ask for more evidence", Culture = "en", Body = "Hello. To verify your report {number}, please send us the following:\n\n- \n\nReply on this page and attach the files. This report will be concluded {deadline}." },
                new MessageTemplate { Name = "Accepted: what happens next", Culture = "en", Body = "Hello. Your report {number} has been accepted; its status is now: {status}. We will give you our finding {deadline}." });
        }
        await db.SaveChangesAsync();
    }
}
