using Microsoft.EntityFrameworkCore;
using Petitions.Core.Campaigns;
using Petitions.Core.Policy;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Tests.Statistics;

namespace Petitions.Web.Tests.Campaigns;

/// <summary>A campaign's scope, field by field, on a small hand-counted set; the launch freezes it once, however often it runs.</summary>
public sealed class CampaignSelectionTests(PetitionsFactory factory) : WebTest(factory)
{
    private TimeLimitPolicy Policy => Factory.Service<TimeLimitPolicy>();

    /// <summary>A finished report: "na" not accepted, "wd" withdrawn, or closed with a finding; handled by <paramref name="handler"/>.</summary>
    private Report Finished(string region, string kind, DateOnly day, string how, Guid handler)
    {
        var report = StatsPages.Received(Factory, region, kind, day);
        var at = report.SubmittedAt;
        switch (how)
        {
            case "na":
                report.Claim(handler, at.AddDays(1));
                report.Decline(handler, "不属于受理范围", at.AddDays(2));
                break;
            case "wd":
                report.Withdraw("撤回", at.AddDays(1));
                break;
            case "open":
                break;
            default:
                report.Claim(handler, at.AddDays(1));
                report.Accept(handler, at.AddDays(2), Policy);
                report.StartVerification(handler, at.AddDays(3));
                report.RecordFinding(handler, Enum.Parse<Finding>(how), "结论", at.AddDays(20));
                report.Close(handler, "答复", at.AddDays(21));
                break;
        }
        return report;
    }

    private async Task<(Guid Handler, Guid Colleague, Guid Outsider, Guid Outsider2)> SeedAsync()
    {
        var handler = await Factory.CreateStaffAsync("handler@example.org", Roles.Officer, "原经办", "衡南县人社局", "430422");
        var colleague = await Factory.CreateStaffAsync("colleague@example.org", Roles.Officer, "同事", "衡南县人社局", "430422");
        var outsider = await Factory.CreateStaffAsync("outsider@example.org", Roles.Officer, "外审一", "长沙市人社局", "430100");
        var outsider2 = await Factory.CreateStaffAsync("outsider2@example.org", Roles.Supervisor, "外审二", "株洲市人社局", "430200");
        var h = handler.Id;
        await StatsPages.StoreAsync(Factory,
        [
            Finished("430422", "deceased-pension", new(2013, 5, 1), "Unfounded", h),        // 1
            Finished("430422", "deceased-pension", new(2015, 5, 1), "na", h),               // 2
            Finished("430422", "duplicate-claims", new(2016, 5, 1), "CannotBeVerified", h), // 3
            Finished("430422", "deceased-pension", new(2018, 5, 1), "Verified", h),         // 4
            Finished("430422", "deceased-pension", new(2019, 5, 1), "wd", h),               // 5
            Finished("430421", "deceased-pension", new(2017, 5, 1), "Unfounded", h),        // 6 (another county)
            Finished("430102", "deceased-pension", new(2017, 5, 1), "Unfounded", h),        // 7 (another city)
            Finished("430422", "deceased-pension", new(2022, 5, 1), "Unfounded", h),        // 8 (after the period)
            Finished("430422", "deceased-pension", new(2017, 5, 1), "open", h),             // 9 (still open: never)
        ]);
        return (h, colleague.Id, outsider.Id, outsider2.Id);
    }

    private static Campaign Scope(string region, EarlierOutcome outcomes, string[]? kinds = null, DateOnly? from = null, DateOnly? to = null) => new()
    {
        Id = Guid.NewGuid(), Name = "起底", LegalBasis = "《社会保险基金监督举报工作管理办法》", LeadBody = "湖南省纪委监委", Deadline = new DateOnly(2027, 3, 31),
        RegionCode = region, Outcomes = outcomes, Kinds = [.. kinds ?? []], ReceivedFrom = from, ReceivedTo = to,
    };

    private static Campaign ScopeWithSources(string region, string[] sources)
    {
        var c = Scope(region, EarlierOutcome.All);
        c.Sources = [.. sources];
        return c;
    }

    private async Task<int> CountAsync(Campaign c)
    {
        using var scope = Factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UseCases.Reexamination.Campaigns>().PreviewAsync(c, CancellationToken.None)).Count;
    }

    [Fact]
    public async Task EveryScopeField_SelectsWhatItSays()
    {
        await SeedAsync();
        // Hengyang city, 2012–2021, every earlier outcome: 1 2 3 4 5 6 (not 7: Changsha; not 8: 2022; not 9: open).
        Assert.Equal(6, await CountAsync(Scope("430400", EarlierOutcome.All, from: new(2012, 1, 1), to: new(2021, 12, 31))));
        // Hengnan county only: 1 2 3 4 5.
        Assert.Equal(5, await CountAsync(Scope("430422", EarlierOutcome.All, from: new(2012, 1, 1), to: new(2021, 12, 31))));
        // The whole province, no period: 1..8.
        Assert.Equal(8, await CountAsync(Scope("430000", EarlierOutcome.All)));
        // By outcome: unfounded 1 6 7 8; not accepted 2; cannot be verified 3; withdrawn 5; closed (any finding) 1 3 4 6 7 8.
        Assert.Equal(4, await CountAsync(Scope("430000", EarlierOutcome.Unfounded)));
        Assert.Equal(1, await CountAsync(Scope("430000", EarlierOutcome.NotAccepted)));
        Assert.Equal(1, await CountAsync(Scope("430000", EarlierOutcome.CannotBeVerified)));
        Assert.Equal(1, await CountAsync(Scope("430000", EarlierOutcome.Withdrawn)));
        Assert.Equal(6, await CountAsync(Scope("430000", EarlierOutcome.Closed)));
        Assert.Equal(5, await CountAsync(Scope("430000", EarlierOutcome.Unfounded | EarlierOutcome.NotAccepted)));
        // By kind: duplicate claims 3 only.
        Assert.Equal(1, await CountAsync(Scope("430000", EarlierOutcome.All, kinds: ["duplicate-claims"])));
        // By source: all nine are citizens' reports; none came from an audit.
        Assert.Equal(8, await CountAsync(ScopeWithSources("430000", ["Citizen"])));
        Assert.Equal(0, await CountAsync(ScopeWithSources("430000", ["Audit"])));
        // The period's ends are whole days in China time, both included: 2015-05-01 .. 2016-05-01 holds 2 and 3.
        Assert.Equal(2, await CountAsync(Scope("430422", EarlierOutcome.All, from: new(2015, 5, 1), to: new(2016, 5, 1))));
    }

    [Fact]
    public async Task TheLaunchesSql_SelectsExactlyWhatTheCoreRuleSays_ForEveryCombination()
    {
        await SeedAsync();
        var reports = await Factory.QueryAsync(db => db.Reports.AsNoTracking().ToListAsync());
        var checkedCount = 0;
        foreach (var region in new[] { "430000", "430400", "430422", "430100", "440000" })
        {
            for (var flags = 0; flags < 32; flags++)
            {
                var outcomes = (EarlierOutcome)flags;
                var variants = new List<Campaign>
                {
                    Scope(region, outcomes),
                    Scope(region, outcomes, kinds: ["duplicate-claims"]),
                    Scope(region, outcomes, from: new(2015, 5, 1), to: new(2016, 5, 1)),
                    Scope(region, outcomes, from: new(2012, 1, 1), to: new(2021, 12, 31)),
                    ScopeWithSources(region, ["Audit"]),
                };
                variants[^1].Outcomes = outcomes;
                foreach (var c in variants)
                {
                    var expected = reports.Count(r => CampaignScope.Includes(c, r, Policy.DayStartUtc));
                    Assert.True(expected == await CountAsync(c), $"{region} {outcomes} kinds={string.Join(",", c.Kinds)} {c.ReceivedFrom}..{c.ReceivedTo} sources={string.Join(",", c.Sources)}: rule {expected}");
                    checkedCount++;
                }
            }
        }
        Assert.Equal(5 * 32 * 5, checkedCount);
    }

    [Fact]
    public async Task ALaunch_RunTwice_PutsEachReportInOnce_AndNeverGivesAnItemToItsHandlerOrTheirUnit()
    {
        var (handler, colleague, outsider, outsider2) = await SeedAsync();
        var campaign = Scope("430000", EarlierOutcome.All);
        campaign.Reviewers = [new() { UserId = handler }, new() { UserId = colleague }, new() { UserId = outsider }, new() { UserId = outsider2 }];
        await Factory.QueryAsync(db => { db.Campaigns.Add(campaign); return db.SaveChangesAsync(); });

        using (var scope = Factory.Services.CreateScope())
        {
            var (items, unassigned) = await scope.ServiceProvider.GetRequiredService<UseCases.Reexamination.Campaigns>().LaunchAsync(campaign.Id, CancellationToken.None);
            Assert.Equal((8, 0), (items, unassigned));
        }
        var first = await Factory.QueryAsync(db => db.CampaignItems.Where(i => i.CampaignId == campaign.Id).OrderBy(i => i.Id).Select(i => new { i.ReportId, i.ReviewerId, i.OriginalHandlerId }).ToListAsync());
        // As if the job had died after its insert and been run again.
        using (var scope = Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UseCases.Reexamination.Campaigns>().LaunchAsync(campaign.Id, CancellationToken.None);
        }
        var second = await Factory.QueryAsync(db => db.CampaignItems.Where(i => i.CampaignId == campaign.Id).OrderBy(i => i.Id).Select(i => new { i.ReportId, i.ReviewerId, i.OriginalHandlerId }).ToListAsync());
        Assert.Equal(first, second);
        Assert.Equal(8, second.Select(i => i.ReportId).Distinct().Count());
        // The seven the handler concluded go to neither the handler nor their colleague (same unit), shared by the
        // two outsiders; the withdrawn one, which nobody handled, may go to anyone (the least loaded).
        var handled = second.Where(i => i.OriginalHandlerId == handler).ToList();
        Assert.Equal(7, handled.Count);
        Assert.All(handled, i => Assert.Contains(i.ReviewerId!.Value, new[] { outsider, outsider2 }));
        Assert.InRange(handled.Count(i => i.ReviewerId == outsider), 3, 4);
        Assert.Equal(CampaignStatus.Active, await Factory.QueryAsync(db => db.Campaigns.Where(c => c.Id == campaign.Id).Select(c => c.Status).SingleAsync()));
    }
}
