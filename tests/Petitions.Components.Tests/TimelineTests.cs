using Petitions.Core.Reports;
using Petitions.Web.Components;

namespace Petitions.Components.Tests;

public sealed class TimelineTests : ComponentTest
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private static List<ReportEvent> Events() =>
    [
        new() { Id = 3, At = T0.AddHours(3), Kind = ReportEventKind.InternalNote, Body = "内部：张某是副局长的亲属", Public = false },
        new() { Id = 1, At = T0, Kind = ReportEventKind.Submitted, Public = true },
        new() { Id = 2, At = T0.AddHours(2), Kind = ReportEventKind.StatusChanged, Status = ReportStatus.Accepted, Public = true },
        new() { Id = 4, At = T0.AddHours(4), Kind = ReportEventKind.MessageToReporter, Body = "请补充**银行流水**。", Public = true },
        new() { Id = 5, At = T0.AddHours(5), Kind = ReportEventKind.ReporterReply, Body = "<script>alert(1)</script>已上传。", Public = true },
    ];

    [Fact]
    public void ReporterView_ShowsPublicEntriesInOrder_AndNeverInternalNotes()
    {
        var cut = Render<Timeline>(p => p.Add(t => t.Events, Events()));

        var items = cut.FindAll("li");
        Assert.Equal(["Submitted", "StatusChanged", "MessageToReporter", "ReporterReply"], items.Select(i => i.GetAttribute("data-kind")));
        Assert.DoesNotContain("副局长", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("已受理", items[1].TextContent, StringComparison.Ordinal);
        // Times are shown in China Standard Time: 02:00 UTC is 10:00.
        Assert.Contains("10:00", items[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_AreRenderedAsSafeMarkdown()
    {
        var cut = Render<Timeline>(p => p.Add(t => t.Events, Events()));

        Assert.Equal("银行流水", cut.Find("li.message-public .markdown strong").TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("&lt;script&gt;", cut.Find("li.message-reply .markdown").InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void StaffView_ShowsInternalNotes_MarkedAsInternal()
    {
        UseLanguage("en");
        var cut = Render<Timeline>(p => p.Add(t => t.Events, Events()).Add(t => t.IncludeInternal, true));

        var note = cut.Find("li.note-internal");
        Assert.Contains("Internal note (staff only)", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("副局长", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("Message from the handling office", cut.Find("li.message-public").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_SaysSo()
    {
        UseLanguage("en");
        var cut = Render<Timeline>(p => p.Add(t => t.Events, Array.Empty<ReportEvent>()));
        Assert.Empty(cut.FindAll("li"));
        Assert.Contains("Nothing yet.", cut.Markup, StringComparison.Ordinal);
    }
}
