using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Web.Components;

namespace Petitions.Components.Tests;

public sealed class QueueTableTests : ComponentTest
{
    private static QueueTable.Row Row(string number, DueState due, bool anonymous = true, bool mine = false, int priority = 10) =>
        new(Guid.NewGuid(), number, "deceased-pension", "430422", "430400", ReportStatus.Submitted, priority,
            new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 16, 16, 0, 0, TimeSpan.Zero), due, anonymous, mine);

    [Fact]
    public void Rows_ShowTheirNumberKindStatusAndPriority_LinkingToTheReportPage()
    {
        var row = Row("AAAAA-11111", DueState.OnTime, priority: 75);
        var cut = Render<QueueTable>(p => p.Add(t => t.Rows, [row])
            .Add(t => t.KindNames, new Dictionary<string, string> { ["deceased-pension"] = "冒领死亡人员养老金" }));
        var cells = cut.FindAll("#queue tbody td");
        Assert.Equal($"/Staff/Report/{row.Id}", cut.Find("#queue tbody a").GetAttribute("href"));
        Assert.Equal("冒领死亡人员养老金", cells[1].TextContent.Trim());
        Assert.Equal("衡南县", cells[2].TextContent.Trim());
        Assert.Equal("衡阳市", cells[3].TextContent.Trim());
        Assert.Equal("已提交", cells[4].TextContent.Trim());
        Assert.Equal("75", cells[5].TextContent.Trim());
        Assert.Contains("2026/3/16", cells[6].TextContent, StringComparison.Ordinal); // due at midnight ending 16 March (Beijing)
    }

    [Fact]
    public void InEnglish_ThePlaceAndTheQueue_AreNamedInPinyin_BesideTheOfficialName()
    {
        UseLanguage("en");
        var cut = Render<QueueTable>(p => p.Add(t => t.Rows, [Row("A", DueState.OnTime)]));
        var cells = cut.FindAll("#queue tbody td");
        Assert.Equal("Hengnan County (衡南县)", cells[2].TextContent.Trim());
        Assert.Equal("Hengyang City (衡阳市)", cells[3].TextContent.Trim());
        Assert.Equal(["Tracking number", "Kind of report", "Where it happened", "Handled by (queue)"], cut.FindAll("#queue thead th").Take(4).Select(th => th.TextContent));
    }

    [Fact]
    public void OverdueAndDueSoon_AreMarkedInWords_NotByColourAlone()
    {
        UseLanguage("en");
        var cut = Render<QueueTable>(p => p.Add(t => t.Rows, [Row("A", DueState.Overdue), Row("B", DueState.DueSoon), Row("C", DueState.OnTime)]));
        var rows = cut.FindAll("#queue tbody tr");
        Assert.Equal("table-danger", rows[0].ClassName);
        Assert.Contains("Overdue", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Due soon", rows[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue", rows[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RealNameAndMine_HaveBadges_AndTheNextPageLinkAppearsOnlyWhenThereIsOne()
    {
        UseLanguage("en");
        var cut = Render<QueueTable>(p => p.Add(t => t.Rows, [Row("A", DueState.OnTime, anonymous: false, mine: true)]).Add(t => t.NextHref, "/Staff?after=10_x"));
        Assert.Equal(["Real name", "Mine"], cut.FindAll(".badge").Select(b => b.TextContent));
        Assert.Equal("/Staff?after=10_x", cut.Find("#next-page").GetAttribute("href"));

        var last = Render<QueueTable>(p => p.Add(t => t.Rows, [Row("A", DueState.OnTime)]));
        Assert.Empty(last.FindAll("#next-page"));
    }

    [Fact]
    public void AnEmptyQueue_SaysSo()
    {
        var cut = Render<QueueTable>(p => p.Add(t => t.Rows, Array.Empty<QueueTable.Row>()));
        Assert.Equal("这里没有举报。", cut.Find("#queue-empty").TextContent);
    }
}
