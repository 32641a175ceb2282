using Petitions.Core.Regions;
using Petitions.Core.Triage;

namespace Petitions.Core.Tests;

/// <summary>Rules that live in Core so that pages, jobs and SQL do not restate them.</summary>
public sealed class CoreRulesTests
{
    private static readonly RegionCatalogue Regions = RegionCatalogue.Default;

    [Theory]
    [InlineData("430000", "43")]
    [InlineData("430400", "4304")]
    [InlineData("430422", "430422")]
    public void ARegionsCodePrefix_SelectsEveryCodeInsideIt(string code, string prefix) =>
        Assert.Equal(prefix, RegionCatalogue.CodePrefix(code));

    [Fact]
    public void ALesson_SendsAReportThatWouldStayInTheCounty_ToItsCity_ButNotATransferredOne()
    {
        var hengnan = Regions.Lineage("430422");
        Assert.Equal("430400", Router.LessonQueue(hengnan, "430422", transferred: false, c => c == "430422"));
        Assert.Null(Router.LessonQueue(hengnan, "430422", transferred: true, c => c == "430422"));
        Assert.Null(Router.LessonQueue(hengnan, "430422", transferred: false, _ => false));
        // Routed elsewhere already (a rule sent it to the city): nothing to do.
        Assert.Null(Router.LessonQueue(hengnan, "430400", transferred: false, c => c == "430422"));
    }

    [Fact]
    public void TheLastAnswer_IsTheDeclineReasonOrTheClosingFeedback()
    {
        var report = TestReports.New();
        Assert.Null(report.LastAnswer);
        report.Decline(Guid.NewGuid(), "不属于受理范围", TestReports.T0);
        Assert.Equal("不属于受理范围", report.LastAnswer);
    }
}
