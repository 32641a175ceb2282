using Petitions.Core.Notices;
using Petitions.Core.Reports;

namespace Petitions.Core.Tests;

public sealed class FormalNoticeTests
{
    [Fact]
    public void TheDecisionsAReporterIsOwedANoticeFor_IssueOne_AndNoOtherActionDoes()
    {
        var issuing = Enum.GetValues<ReportAction>().Where(a => NoticeKinds.For(a) is not null).ToDictionary(a => a, a => NoticeKinds.For(a)!.Value);
        Assert.Equal(new Dictionary<ReportAction, NoticeKind>
        {
            [ReportAction.Accept] = NoticeKind.Acceptance,
            [ReportAction.Decline] = NoticeKind.Decline,
            [ReportAction.Close] = NoticeKind.Reply,
            [ReportAction.Transfer] = NoticeKind.Transfer,
            [ReportAction.TransferWithin] = NoticeKind.Transfer,
        }, issuing);
    }

    [Theory]
    [InlineData(NoticeKind.Acceptance, 2026, 7, "受理〔2026〕7号")]
    [InlineData(NoticeKind.Decline, 2026, 12, "不予受理〔2026〕12号")]
    [InlineData(NoticeKind.Transfer, 2027, 1, "转送〔2027〕1号")]
    [InlineData(NoticeKind.Reply, 2026, 130, "答复〔2026〕130号")]
    public void ANoticeNumber_IsItsKindsPrefix_TheYearInBrackets_AndTheSequence(NoticeKind kind, int year, int sequence, string number) =>
        Assert.Equal(number, FormalNotice.NumberOf(kind, year, sequence));

    [Fact]
    public void ATemplate_FillsTheKnownPlaceholders_AndLeavesOtherBracesAsTyped() =>
        Assert.Equal("举报 AB-CD 于 {明天} 受理",
            NoticeTemplate.Fill("举报 {tracking} 于 {明天} 受理", new Dictionary<string, string> { ["{tracking}"] = "AB-CD" }));
}
