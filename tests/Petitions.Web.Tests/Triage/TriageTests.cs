using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Petitions.Core.Policy;
using Petitions.Core.Triage;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Jobs.Triage;

namespace Petitions.Web.Tests.Triage;

public sealed class TriageTests(PetitionsFactory factory) : WebTest(factory)
{
    private async Task<Guid> FileAsync(Dictionary<string, string?> fields) => (await Filing.FileAndTriageAsync(Factory, NewClient(), fields)).Id;

    private static Dictionary<string, string?> Fields(string description, string person = "张某", string unit = "衡南县人社局农保中心", string kind = "deceased-pension")
    {
        var f = Filing.ValidFields(description);
        f["Input.People[0].Name"] = person;
        f["Input.People[0].Unit"] = unit;
        f["Input.KindCode"] = kind;
        return f;
    }

    [Fact]
    public async Task AFiledReport_LandsInItsCountyQueue_WithDueDatesAndAnExplainedPriority()
    {
        var id = await FileAsync(Fields("900多张已故人员的社保卡仍在领取养老金。"));

        var report = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == id));
        Assert.Equal("430422", report.QueueRegionCode);
        Assert.Equal(Factory.Service<TimeLimitPolicy>().AcceptanceDue(report.SubmittedAt, report.RegimeCode), report.AcceptanceDueAt);
        Assert.Equal(Core.Policy.LegalRegime.SocialInsuranceFunds, report.RegimeCode);
        Assert.Equal(DueState.OnTime, report.DueState);
        var items = await Factory.QueryAsync(db => db.PriorityItems.Where(p => p.ReportId == id).OrderBy(p => p.RuleId).ToListAsync());
        Assert.Equal(report.Priority, items.Sum(i => i.Points));
        Assert.Contains(items, i => i.RuleName.Contains("已故", StringComparison.Ordinal) && i.Reason == "“已故”");
        Assert.Contains(items, i => i.Reason == "衡南县人社局农保中心");
    }

    [Fact]
    public async Task EmbezzlementByStaff_GoesToTheCity_ByTheSeededRule_AndAnEditedRuleTakesEffect()
    {
        var first = await FileAsync(Fields("经办人员挪用养老金，已有多年，涉及多个乡镇的账户。", kind: "staff-embezzlement"));
        Assert.Equal("430400", await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == first).Select(r => r.QueueRegionCode).SingleAsync()));

        await Factory.QueryAsync(async db =>
        {
            db.RoutingRules.Add(new RoutingRule { Name = "Hunan special team", ScopeRegionCode = "430000", Target = RoutingTarget.Fixed, TargetRegionCode = "430000" });
            return await db.SaveChangesAsync();
        });
        var second = await FileAsync(Fields("另一件：有人冒领养老金，持续多年，村里人都知道。"));
        Assert.Equal("430000", await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == second).Select(r => r.QueueRegionCode).SingleAsync()));
    }

    [Fact]
    public async Task SamePersonAndNearDuplicateText_AreLinkedAsPossiblyRelated_NeverMerged()
    {
        var first = await FileAsync(Fields("衡南县某乡镇劳动保障站工作人员持有多张已故老人的社保卡，每月按时到信用社取款。", "刘某某", "某乡镇劳动保障站"));
        var second = await FileAsync(Fields("衡南县劳动保障站工作人员持有多张已故老人的社保卡，每月到信用社按时取款！", "刘某某", "另一单位"));
        var unrelated = await FileAsync(Fields("某医院虚开药费单据，套取医保基金，数额较大，持续两年。", "陈某", "某医院", "medical-insurance"));

        var links = await Factory.QueryAsync(db => db.ReportLinks.ToListAsync());
        Assert.Contains(links, l => l.ReportId == second && l.RelatedReportId == first && l.Reason == LinkReason.SamePerson && l.Detail == "刘某某");
        var text = Assert.Single(links, l => l.Reason == LinkReason.SimilarText);
        Assert.Equal((second, first), (text.ReportId, text.RelatedReportId));
        Assert.True(double.Parse(text.Detail, System.Globalization.CultureInfo.InvariantCulture) >= Core.Triage.RelatedReports.SimilarityThreshold);
        Assert.DoesNotContain(links, l => l.ReportId == unrelated || l.RelatedReportId == unrelated);
        // Repeated person raises the priority of the second report, with the reason stored.
        Assert.True(await Factory.QueryAsync(db => db.PriorityItems.AnyAsync(p => p.ReportId == second && p.RuleName.Contains("多次"))));
        Assert.Equal(Core.Reports.ReportStatus.Submitted, await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == first).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task ANamesake_IsTheSamePersonInTheSameCountyOrWithTheSameUnit_NotAnywhereElse()
    {
        static Dictionary<string, string?> In(string city, string county, string description, string? unit)
        {
            var f = Fields(description, "罗某", unit ?? "");
            (f["Input.CityCode"], f["Input.CountyCode"]) = (city, county);
            return f;
        }
        var hereNoUnit = await FileAsync(In("430400", "430422", "衡南县有人冒领已故母亲的养老金，已经领了三年。", null));
        var elsewhereSameUnit = await FileAsync(In("430100", "430102", "芙蓉区社区服务中心的协管员替别人领补贴，每月都去。", "某社区服务中心"));
        var elsewhereNoUnit = await FileAsync(In("430100", "430102", "芙蓉区一户人家重复领取两份低保，邻居都知道此事。", null));
        var sameUnitOtherName = await FileAsync(Fields("另一人在某社区服务中心经手补贴发放，账目对不上，请核查。", "马某", "某社区服务中心"));

        var report = await FileAsync(Fields("衡南县罗某把村里老人的社保卡都收在自己手里，按月取钱。", "罗某", "某社区服务中心"));

        var links = await Factory.QueryAsync(db => db.ReportLinks.Where(l => l.ReportId == report).ToListAsync());
        Assert.Equal(new[] { hereNoUnit, elsewhereSameUnit }.Order(), links.Where(l => l.Reason == LinkReason.SamePerson).Select(l => l.RelatedReportId).Order());
        Assert.Equal(new[] { elsewhereSameUnit, sameUnitOtherName }.Order(), links.Where(l => l.Reason == LinkReason.SameUnit).Select(l => l.RelatedReportId).Order());
        Assert.DoesNotContain(links, l => l.RelatedReportId == elsewhereNoUnit);
    }

    [Fact]
    public async Task StaffOfTheNamedUnit_AreExcluded_AndNotNotified_OthersAreNotifiedByALinkOnlyMail()
    {
        var conflicted = await Factory.CreateStaffAsync("li@rsj.example", Roles.Officer, "李明", "衡南县人社局", "430422");
        var officer = await Factory.CreateStaffAsync("zhou@city.example", Roles.Officer, "周洁", "衡阳市人社局稽核科", "430400");
        var elsewhere = await Factory.CreateStaffAsync("far@gd.example", Roles.Officer, "何伟", "广州市人社局", "440100");

        var secret = "这段举报正文不应出现在邮件里-7731，请核实相关情况。";
        var id = await FileAsync(Fields(secret, unit: "衡南县人社局农保中心"));

        var exclusion = Assert.Single(await Factory.QueryAsync(db => db.Exclusions.Where(e => e.ReportId == id).ToListAsync()));
        Assert.Equal(conflicted.Id, exclusion.UserId);

        var mail = await MailBox.WaitForAsync(Factory.MailFolder, "zhou@city.example");
        Assert.Equal("您的队列中有新的举报", mail.Subject);
        Assert.EndsWith($"/Staff/Report/{id}", MailBox.LinkIn(mail), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("张某", mail.TextBody, StringComparison.Ordinal);
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Notifications.AllAsync(n => n.SentAt != null)), TimeSpan.FromSeconds(10));
        Assert.Empty(MailBox.To(Factory.MailFolder, "li@rsj.example"));
        Assert.Empty(MailBox.To(Factory.MailFolder, "far@gd.example"));
        _ = elsewhere;
    }

    [Fact]
    public async Task TriageRunTwice_AddsNoDuplicateLinksExclusionsOrNotifications()
    {
        await Factory.CreateStaffAsync("li@rsj.example", Roles.Officer, "李明", "衡南县人社局", "430422");
        await Factory.CreateStaffAsync("zhou@city.example", Roles.Officer, "周洁", "衡阳市人社局稽核科", "430400");
        var first = await FileAsync(Fields("第一件：张某持有多张已故老人社保卡，每月取款。"));
        var id = await FileAsync(Fields("第二件：张某持有多张已故老人社保卡，每月取款。"));
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Notifications.AllAsync(n => n.SentAt != null)), TimeSpan.FromSeconds(10));
        async Task<(int, int, int, int, int, int)> CountAsync() => await Factory.QueryAsync(async db => (
            await db.ReportLinks.CountAsync(), await db.Exclusions.CountAsync(), await db.Notifications.CountAsync(),
            await db.PriorityItems.CountAsync(), MailBox.To(Factory.MailFolder, "zhou@city.example").Count,
            await db.Reports.Where(r => r.Id == id).Select(r => r.Priority).SingleAsync()));
        var before = await CountAsync();
        Assert.Equal(2, before.Item5);

        // The same job again, through Hangfire, twice at once.
        var jobs = new[] { Factory.Jobs.Enqueue<TriageJob>(j => j.RunAsync(id, CancellationToken.None)), Factory.Jobs.Enqueue<TriageJob>(j => j.RunAsync(id, CancellationToken.None)) };
        foreach (var job in jobs)
        {
            await Factory.WaitForJobAsync(job);
        }
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task AJobWhoseReportIsGone_EndsQuietly()
    {
        // Run as the job runs, once: it returns (no exception, so Hangfire would not retry it) and writes nothing.
        await using var scope = Factory.Services.CreateAsyncScope();
        var job = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<TriageJob>(scope.ServiceProvider);
        var ran = await Record.ExceptionAsync(() => job.RunAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Null(ran);
        Assert.Equal((0, 0), (await Factory.QueryAsync(db => db.Notifications.CountAsync()), await Factory.QueryAsync(db => db.PriorityItems.CountAsync())));
    }

    [Fact]
    public async Task NoJobArgumentOrState_ContainsReportTextOrPersonalData()
    {
        await Factory.CreateStaffAsync("zhou@city.example", Roles.Officer, "周洁", "衡阳市人社局稽核科", "430400");
        var marker = "独特的举报内容-Q8Z1，涉及多张社保卡的冒领问题。";
        var id = await FileAsync(Fields(marker, person: "欧阳某某"));
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Notifications.AllAsync(n => n.SentAt != null)), TimeSpan.FromSeconds(10));

        await using var connection = new NpgsqlConnection(Factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(j.invocationdata::text,'') || coalesce(j.arguments::text,'') || coalesce(string_agg(s.data::text, ''),'') FROM hangfire.job j LEFT JOIN hangfire.state s ON s.jobid = j.id GROUP BY j.id", connection);
        var all = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                all.Add(reader.GetString(0));
            }
        }
        Assert.True(all.Count >= 2, "expected the triage and notification jobs");
        Assert.Contains(all, a => a.Contains(id.ToString(), StringComparison.Ordinal));
        foreach (var text in all)
        {
            Assert.DoesNotContain(marker, text, StringComparison.Ordinal);
            Assert.DoesNotContain("欧阳", text, StringComparison.Ordinal);
            Assert.DoesNotContain("zhou@city.example", text, StringComparison.Ordinal);
        }
    }
}
