using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Tests.Staff;

namespace Petitions.Web.Tests.Matching;

/// <summary>The matching's writes and showings and their audit entries: when the entry cannot be written, nothing happens.</summary>
public sealed class MatchingAtomicityTests(PetitionsFactory factory) : WebTest(factory)
{
    public override Task DisposeAsync() => AuditRefusal.RestoreAsync(Factory);

    [Fact]
    public async Task ARegisterLookup_WhoseAuditEntryFails_ShowsNothing()
    {
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient(), Filing.ValidFields(
            $"王德顺（身份证号 {TestFiles.IdNumber("43042219400101001")}）已去世，养老金仍在发放。"));
        var officer = await SignedInStaffAsync("zhou@example.org", Roles.Officer, "周洁", "衡南县人社局", "430422");
        var page = await officer.GetPageAsync($"/Staff/Report/{id}/Registers", "en");
        await AuditRefusal.RefuseAsync(Factory, "ViewReport");
        var response = await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: $"/Staff/Report/{id}/Registers");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("lookup-answer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMatchingRuleChange_WhoseAuditEntryFails_IsNotApplied()
    {
        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/MatchingRules", "en");
        await AuditRefusal.RefuseAsync(Factory, "RuleChanged");
        var response = await admin.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Code"] = RiskRules.SharedPhone, ["Input.Threshold"] = "50", ["Input.Enabled"] = "true",
        });
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(5, await Factory.QueryAsync(db => db.MatchingRules.Where(r => r.Code == RiskRules.SharedPhone).Select(r => r.Threshold).SingleAsync()));
    }

    [Fact]
    public async Task AHitOutcome_WhoseAuditEntryFails_IsNotRecorded()
    {
        var id = await MatchingCase.OneAsync(Factory);
        var officer = await SignedInStaffAsync("zhou@example.org", Roles.Officer, "周洁", "衡南县人社局", "430422");
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        foreach (var action in new[] { "Claim", "Accept" })
        {
            page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, action)));
        }
        await AuditRefusal.RefuseAsync(Factory, "ReportAction");
        var response = await officer.SubmitAsync(page, new Dictionary<string, string?> { ["HitInput.Decision"] = "FalsePositive", ["HitInput.Reason"] = "Namesake" },
            formAction: page.QuerySelector(".hit-form")!.GetAttribute("action"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(await Factory.QueryAsync(db => db.MatchHits.Select(h => h.Decision).SingleAsync()));
    }

    [Fact]
    public async Task TheRollsNumbers_WhoseShowingCannotBeAudited_AreNotShown()
    {
        var id = await MatchingCase.OneAsync(Factory);
        var officer = await SignedInStaffAsync("zhou@example.org", Roles.Officer, "周洁", "衡南县人社局", "430422");
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        await AuditRefusal.RefuseAsync(Factory, "ViewReport");
        var response = await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: HandlerButton(page, "HitNumbers"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("hit-numbers\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeaderMapping_WhoseAuditEntryFails_IsNotRemembered()
    {
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        var page = await analyst.GetPageAsync("/Matching/Registers", "en");
        var refused = await FormClient.ParseAsync(await analyst.SubmitAsync(page, new Dictionary<string, string?> { ["Source"] = "Cremation" },
            extraContent: new MultipartFormDataContent { { new ByteArrayContent("姓名,火化日期,备注\n王德顺,2019-03-02,x\n"u8.ToArray()), "Upload", "c.csv" } }));
        await AuditRefusal.RefuseAsync(Factory, "RegisterImported");
        var response = await analyst.SubmitAsync(refused, new Dictionary<string, string?> { ["field"] = "ignore" }, formAction: "/Matching/Registers?handler=Map");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, await Factory.QueryAsync(db => db.RegisterHeaderMaps.CountAsync()));
    }

    [Fact]
    public async Task ALinkDecision_WhoseAuditEntryFails_IsNotKept()
    {
        var entry = await Factory.QueryAsync(async db =>
        {
            var import = new RegisterImport { Id = Guid.NewGuid(), FileName = "x.csv", Sha256 = [2], Source = RegisterSource.Cremation };
            db.RegisterImports.Add(import);
            db.RegisterEntries.Add(new RegisterEntry { ImportId = import.Id, Source = RegisterSource.PensionRoll, PersonNumber = "P1", Name = "王德顺", Region = "430422" });
            var death = new RegisterEntry { ImportId = import.Id, Source = RegisterSource.Cremation, Name = "王德顺", EventDate = new DateOnly(2019, 1, 1) };
            db.RegisterEntries.Add(death);
            await db.SaveChangesAsync();
            db.RegisterLinks.Add(new RegisterLink { EntryId = death.Id, PersonNumber = "P1", Weight = 15, Band = LinkBand.Review, Evidence = "{}" });
            await db.SaveChangesAsync();
            return death.Id;
        });
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        var page = await analyst.GetPageAsync("/Matching/Links", "en");
        await AuditRefusal.RefuseAsync(Factory, "MatchingRun");
        var response = await analyst.SubmitAsync(page, new Dictionary<string, string?>(), formAction: $"/Matching/Links?handler=Decide&entry={entry}&same=true");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(await Factory.QueryAsync(db => db.RegisterLinks.Select(l => l.Confirmed).SingleAsync()));
    }
}
