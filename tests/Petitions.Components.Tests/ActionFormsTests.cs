using Petitions.Core.Reports;
using Petitions.Web.Components;

namespace Petitions.Components.Tests;

public sealed class ActionFormsTests : ComponentTest
{
    private static readonly Guid Id = Guid.Parse("01a20000-0000-7000-8000-000000000001");

    [Fact]
    public void OnlyTheActionsGiven_AreOffered_EachWithTokenVersionAndItsOwnAddress()
    {
        var allowed = ReportStateMachine.ActionsFrom(ReportStatus.Submitted)
            .Where(a => a is not (ReportAction.Reply or ReportAction.Withdraw)).ToList();
        var cut = Render<ActionForms>(p => p.Add(f => f.ReportId, Id).Add(f => f.Allowed, allowed).Add(f => f.Version, 4711u).Add(f => f.RequestToken, "tok"));
        var forms = cut.FindAll("form");
        Assert.Equal(allowed.Select(a => a.ToString()), forms.Select(f => f.GetAttribute("data-action")));
        Assert.All(forms, f =>
        {
            Assert.Equal("post", f.GetAttribute("method"));
            // The form's own address is the page; its button names the action.
            Assert.Equal($"/Staff/Report/{Id}", f.GetAttribute("action"));
            Assert.Equal($"/Staff/Report/{Id}?act={f.GetAttribute("data-action")}&handler=Act", f.QuerySelector("button[type=submit]")!.GetAttribute("formaction"));
            Assert.Equal("tok", f.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
            Assert.Equal("4711", f.QuerySelector("input[name='Input.Version']")!.GetAttribute("value"));
        });
        Assert.Empty(cut.FindAll("form[data-action=RecordFinding]"));
    }

    [Fact]
    public void EachActionAsksForWhatItNeeds_InThePagesLanguage()
    {
        UseLanguage("en");
        var cut = Render<ActionForms>(p => p.Add(f => f.ReportId, Id).Add(f => f.RequestToken, "tok")
            .Add(f => f.Allowed, [ReportAction.Decline, ReportAction.RequestExtension, ReportAction.RecordFinding, ReportAction.Close, ReportAction.Assign, ReportAction.Claim])
            .Add(f => f.Candidates, [new Petitions.Web.Services.Candidate(Guid.NewGuid(), "乙", "衡南县信访局", 3)]));
        Assert.NotNull(cut.Find("form[data-action=Decline] input[name='Input.Reason']"));
        Assert.NotNull(cut.Find("form[data-action=RequestExtension] input[name='Input.Days']"));
        Assert.Equal(5, cut.FindAll("form[data-action=RecordFinding] select[name='Input.Finding'] option").Count);
        Assert.NotNull(cut.Find("form[data-action=RecordFinding] textarea[name='Input.Text']"));
        Assert.NotNull(cut.Find("form[data-action=Close] textarea[name='Input.Text']"));
        Assert.Equal("乙 · 衡南县信访局 (3 open)", cut.FindAll("form[data-action=Assign] select[name='Input.AssigneeId'] option")[1].TextContent);
        Assert.Empty(cut.FindAll("form[data-action=Claim] input:not([type=hidden])"));
        Assert.Equal("Close with feedback", cut.Find("form[data-action=Close] button").TextContent);
        Assert.Equal("Assign to", cut.Find("label[for=assignee]").TextContent);
    }

    [Fact]
    public void AFieldsMessage_IsShownByIt_AndLinkedForScreenReaders()
    {
        var cut = Render<ActionForms>(p => p.Add(f => f.ReportId, Id).Add(f => f.RequestToken, "tok")
            .Add(f => f.Allowed, [ReportAction.Decline])
            .Add(f => f.Errors, new Dictionary<string, string> { ["Input.Reason"] = "必填。" }));
        var input = cut.Find("#reason-Decline");
        Assert.Contains("is-invalid", input.ClassName, StringComparison.Ordinal);
        Assert.Equal("必填。", cut.Find("#" + input.GetAttribute("aria-describedby")).TextContent);
    }

    [Fact]
    public void TheTransfers_AskWhereToAndWhy_AndKeepWhatWasTyped_AfterARefusal()
    {
        UseLanguage("zh-CN");
        var cut = Render<ActionForms>(p => p.Add(f => f.ReportId, Id).Add(f => f.RequestToken, "tok")
            .Add(f => f.Allowed, [ReportAction.Transfer, ReportAction.TransferWithin])
            .Add(f => f.PostedAction, ReportAction.Transfer)
            .Add(f => f.Values, new Dictionary<string, string> { ["Input.TransferTo"] = "PublicSecurity", ["Input.Reason"] = "涉嫌诈骗" })
            .Add(f => f.Errors, new Dictionary<string, string> { ["Input.Receiver"] = "此项为必填项。" }));
        // Another agency: the five kinds of body (not "another jurisdiction", which is the other form), the chosen one kept.
        var options = cut.FindAll("form[data-action=Transfer] select[name='Input.TransferTo'] option").Skip(1).ToList();
        Assert.Equal(["医疗保障部门", "公安机关", "纪检监察机关", "外省（区、市）人力资源社会保障部门", "其他有权处理的部门"], options.Select(o => o.TextContent));
        Assert.True(cut.Find("form[data-action=Transfer] option[value=PublicSecurity]").HasAttribute("selected"));
        Assert.Equal("涉嫌诈骗", cut.Find("#reason-Transfer").GetAttribute("value"));
        Assert.Equal("此项为必填项。", cut.Find("#transfer-receiver-error").TextContent);
        Assert.Equal("transfer-receiver-error", cut.Find("#transfer-receiver").GetAttribute("aria-describedby"));
        // Within the portal: a jurisdiction and a reason; the refused values belong to the other form only.
        Assert.Equal("", cut.Find("#transfer-region").GetAttribute("value") ?? "");
        Assert.Equal("转本系统其他辖区", cut.Find("form[data-action=TransferWithin] button").TextContent);
    }
}
