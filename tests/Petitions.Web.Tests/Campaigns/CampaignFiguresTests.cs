using System.Globalization;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Campaigns;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Tests.Statistics;

namespace Petitions.Web.Tests.Campaigns;

/// <summary>Six items whose figures are counted by hand: the dashboard and both downloads say the same.</summary>
public sealed class CampaignFiguresTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task SixHandCountedItems_OnThePage_InTheCsv_AndInTheXlsx()
    {
        var client = await SignedInStaffAsync("lead@example.org", Roles.Supervisor, "组长", "湖南省纪委监委", "430000");
        var regionsOf = new[] { "430422", "430422", "430422", "430421", "430421", "430102" };
        var reports = regionsOf.Select(r => StatsPages.Received(Factory, r, "deceased-pension", new DateOnly(2015, 3, 1))).ToList();
        await StatsPages.StoreAsync(Factory, reports);
        var campaign = new Campaign
        {
            Id = Guid.NewGuid(), Name = "六件复查", LegalBasis = "《信访工作条例》", LeadBody = "省纪委监委", Deadline = new DateOnly(2020, 1, 1), RegionCode = "430000",
            Status = CampaignStatus.Active, CreatedAt = Factory.Clock.GetUtcNow(),
        };
        var handlerA = (await Factory.CreateStaffAsync("a@example.org", Roles.Officer, "甲经办", "衡南县人社局", "430422")).Id;
        var handlerB = (await Factory.CreateStaffAsync("b@example.org", Roles.Officer, "乙经办", "衡阳县人社局", "430421")).Id;
        CampaignItem Item(int i, ReviewVerdict? verdict, Finding? finding, decimal stop, decimal recover, string unit) => new()
        {
            CampaignId = campaign.Id, ReportId = reports[i].Id, OriginalHandlerId = i < 3 ? handlerA : i < 5 ? handlerB : null, RegionCode = regionsOf[i], OriginalStatus = ReportStatus.Closed, OriginalFinding = Finding.Unfounded,
            OriginalUnit = unit, Verdict = verdict, NewFinding = finding, MoneyToStopYuan = stop, MoneyToRecoverYuan = recover,
            ReviewedAt = verdict is null ? null : Factory.Clock.GetUtcNow(), Reasons = verdict is null ? null : "理由",
        };
        var items = new[]
        {
            Item(0, ReviewVerdict.Overturned, Finding.Verified, 100000m, 80000m, "衡南县人社局"),
            Item(1, ReviewVerdict.Overturned, Finding.PartiallyVerified, 50000m, 0m, "衡南县人社局"),
            Item(2, ReviewVerdict.Upheld, Finding.Unfounded, 0m, 0m, "衡南县人社局"),
            Item(3, ReviewVerdict.Overturned, Finding.Verified, 25000.50m, 10000m, "衡阳县人社局"),
            Item(4, ReviewVerdict.Upheld, Finding.CannotBeVerified, 0m, 0m, "衡阳县人社局"),
            Item(5, null, null, 0m, 0m, "芙蓉区人社局"),
        };
        await Factory.QueryAsync(async db =>
        {
            db.Campaigns.Add(campaign);
            db.CampaignItems.AddRange(items);
            await db.SaveChangesAsync();
            Rectification Fix(CampaignItem item, DateOnly due, bool done, decimal stopped, decimal recovered) => new()
            {
                ItemId = item.Id, CampaignId = campaign.Id, Problem = "整改", Owner = item.OriginalUnit!, DueOn = due, DoneAt = done ? Factory.Clock.GetUtcNow() : null,
                StoppedYuan = stopped, RecoveredYuan = recovered, Evidence = done ? "凭证" : null, CreatedAt = Factory.Clock.GetUtcNow(),
            };
            db.Rectifications.AddRange(
                Fix(items[0], new DateOnly(2021, 1, 1), true, 60000m, 40000m),
                Fix(items[1], new DateOnly(2000, 1, 1), false, 0m, 5000.25m),
                Fix(items[3], new DateOnly(2100, 1, 1), false, 0m, 0m));
            await db.SaveChangesAsync();
            // The first overturned report's reporter was granted a reward (2 % of 80,000).
            var reward = new Core.Rewards.RewardCase { Id = Guid.NewGuid(), ReportId = reports[0].Id, RuleId = await db.RewardRules.Select(r => r.Id).FirstAsync() };
            reward.Propose(handlerA, new(true, null, 1m, null), new(1_600m, Core.Rewards.RewardBasis.Rate, 2, 0, 1), 80_000m, Core.Rewards.ReportedParty.Individual,
                null, new DateOnly(2021, 1, 1), Factory.Clock.GetUtcNow());
            reward.Approve(new Actor(ActorRole.Supervisor, Guid.NewGuid()) { InStanding = true, Vouched = new HashSet<Guid>() }, new DateOnly(2021, 1, 1),
                new DateOnly(2021, 2, 1), Factory.Clock.GetUtcNow());
            db.Rewards.Add(reward);
            await db.SaveChangesAsync();
            // The first overturned report was referred to the discipline commission after its re-examination.
            return await db.Reports.Where(r => r.Id == reports[0].Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Referral, Referral.DisciplineCommission));
        });

        // By hand: 6 items, 5 reviewed, 3 overturned (60.0 %), 1 overdue (the campaign's deadline passed), money to stop
        // 175,000.50 and to recover 90,000.00; rectifications 1 of 3 done, 1 overdue, 60,000.00 stopped, 45,000.25 recovered;
        // Hengnan 2 of 3 (66.7 %), Hengyang County 1 of 2 (50.0 %), Furong none reviewed.
        var page = await client.GetPageAsync($"/Oversight/Campaigns/{campaign.Id}", "en");
        string Text(string id) => page.QuerySelector(id)!.TextContent.Trim();
        Assert.Equal(("6", "5", "3", "60.0 %", "1"), (Text("#fig-items"), Text("#fig-reviewed"), Text("#fig-overturned"), Text("#fig-rate"), Text("#fig-overdue")));
        Assert.Equal(("175,000.50", "90,000.00"), (Text("#fig-stop"), Text("#fig-recover")));
        Assert.Equal(("1", "3", "60,000.00", "45,000.25"), (Text("#fig-fixes-done"), Text("#fig-fixes-all"), Text("#fig-stopped"), Text("#fig-recovered")));
        Assert.Contains("1", Text("#fig-fixes-overdue"), StringComparison.Ordinal);
        string Rate(string region) => page.QuerySelector($"#by-county tr[data-key='{region}']")!.Children[4].TextContent.Trim();
        Assert.Equal(("66.7 %", "50.0 %", "—"), (Rate("430422"), Rate("430421"), Rate("430102")));
        Assert.Equal("66.7 %", page.QuerySelector("#by-unit tr[data-key='衡南县人社局']")!.Children[4].TextContent.Trim());
        Assert.Equal("50.0 %", page.QuerySelector($"#by-handler tr[data-key='{handlerB}']")!.Children[4].TextContent.Trim());
        Assert.Equal("1", Text("#fig-referred"));
        Assert.Equal("1", Text("#fig-rewards"));

        var expected = new Dictionary<string, decimal>
        {
            ["Items"] = 6, ["Reviewed"] = 5, ["Overturned"] = 3, ["Overturn rate (%)"] = 60.0m, ["Overdue"] = 1,
            ["Money to stop (yuan)"] = 175000.50m, ["Money to recover (yuan)"] = 90000m,
            ["Done"] = 1, ["Open"] = 2, ["Money stopped (yuan)"] = 60000m, ["Money recovered (yuan)"] = 45000.25m,
            ["Hunan Province / Hengyang City / Hengnan County (衡南县) · Overturn rate (%)"] = 66.7m,
            ["Hunan Province / Hengyang City / Hengyang County (衡阳县) · Overturned"] = 1,
            ["Referred after re-examination"] = 1,
            ["甲经办 · 衡南县人社局 · Overturn rate (%)"] = 66.7m,
            ["乙经办 · 衡阳县人社局 · Overturned"] = 1,
            // The tables the page shows are all in the files: the sub-regions too.
            ["Hengyang City (衡阳市) · Items"] = 5,
            ["Hengyang City (衡阳市) · Overturned"] = 3,
        };
        using var csv = await client.Http.GetAsync(page.QuerySelector("#export-csv")!.GetAttribute("href"));
        var csvText = await csv.Content.ReadAsStringAsync();
        // Two different regions, two different names: the campaign's scope and the region the figures are for.
        Assert.Contains("Region re-examined,", csvText, StringComparison.Ordinal);
        Assert.Contains("Figures for,", csvText, StringComparison.Ordinal);
        var csvRows = csvText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).Where(r => r.Length >= 3)
            .GroupBy(r => r[^2]).ToDictionary(g => g.Key, g => g.First()[^1]);
        using var xlsx = await client.Http.GetAsync(page.QuerySelector("#export-xlsx")!.GetAttribute("href"));
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var sheetRows = workbook.Worksheet(1).RowsUsed().GroupBy(r => r.Cell(2).GetString()).ToDictionary(g => g.Key, g => g.First().Cell(3));
        foreach (var (label, value) in expected)
        {
            Assert.True(csvRows.ContainsKey(label), $"CSV has no row {label}: " + string.Join(" | ", csvRows.Keys));
            Assert.Equal(value, decimal.Parse(csvRows[label], CultureInfo.InvariantCulture));
            Assert.Equal((double)value, sheetRows[label].GetDouble(), 3);
        }
    }
}
