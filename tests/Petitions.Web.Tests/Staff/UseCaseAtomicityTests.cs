using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Staff;

/// <summary>
/// A change and its audit entry commit together: when the audit entry cannot be written, the action is not
/// applied either. The audit table is made to refuse the entry with a trigger, as a full disk or a broken
/// chain would.
/// </summary>
public sealed class UseCaseAtomicityTests(PetitionsFactory factory) : WebTest(factory)
{
    private async Task RefuseAuditAsync(string action)
    {
        await Factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE TABLE refused_audit (action text);
            CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN IF EXISTS (SELECT 1 FROM refused_audit WHERE action = NEW."Action") THEN RAISE EXCEPTION 'audit refused by the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """));
        await Factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO refused_audit VALUES ({action})"));
    }

    public override Task DisposeAsync() =>
        Factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS refuse_audit ON audit_entries; DROP TABLE IF EXISTS refused_audit"));

    [Fact]
    public async Task AStaffAction_WhoseAuditEntryFails_IsNotApplied()
    {
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        await RefuseAuditAsync("ReportAction");

        var claim = await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "Claim"));
        var note = await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Note"] = "不应保存" }, formAction: $"/Staff/Report/{id}?handler=Note");

        Assert.Equal(HttpStatusCode.InternalServerError, claim.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, note.StatusCode);
        var report = await Factory.QueryAsync(db => db.Reports.Include(r => r.Events).SingleAsync(r => r.Id == id));
        Assert.Null(report.AssigneeId);
        Assert.DoesNotContain(report.Events, e => e.Action == ReportAction.Claim || e.Kind == ReportEventKind.InternalNote);
    }

    [Fact]
    public async Task AReportersWithdrawal_WhoseAuditEntryFails_IsNotApplied()
    {
        var tracker = NewClient(followRedirects: true);
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var track = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
        await RefuseAuditAsync("ReporterAction");

        // Withdrawing asks first, on a page of its own.
        var confirm = await tracker.GetPageAsync(track.QuerySelector("#withdraw")!.GetAttribute("href")!);
        var withdraw = HandlerButton(confirm, "Withdraw", "#confirm-withdrawal");
        var withdrawn = await tracker.SubmitAsync(confirm, new Dictionary<string, string?>(), formAction: withdraw);

        Assert.Equal(HttpStatusCode.InternalServerError, withdrawn.StatusCode);
        Assert.Equal(ReportStatus.Submitted, await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task ARuleEdit_WhoseAuditEntryFails_IsNotApplied()
    {
        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Routing", "en");
        var before = await Factory.QueryAsync(db => db.RoutingRules.CountAsync());
        await RefuseAuditAsync("RuleChanged");

        var saved = await admin.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Name"] = "新规则", ["Input.Target"] = "OwnCounty" },
            formAction: "/Admin/Routing?handler=Save");

        Assert.Equal(HttpStatusCode.InternalServerError, saved.StatusCode);
        Assert.Equal(before, await Factory.QueryAsync(db => db.RoutingRules.CountAsync()));
    }
}
