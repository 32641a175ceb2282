using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Staff;

/// <summary>
/// The staff report page offers exactly the actions Core allows that person now: for every status, with and
/// without a pending extension and a claim, for an officer, a supervisor and an admin.
/// </summary>
public sealed class ActionButtonsTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task TheButtonsShown_AreExactlyTheAllowedActions_ForEveryStatusAndRole()
    {
        var people = new (string Email, string Role, string Region)[]
        {
            ("officer@example.org", Roles.Officer, "430422"), ("supervisor@example.org", Roles.Supervisor, "430400"), ("admin@example.org", Roles.Admin, "430000"),
        };
        var clients = new List<(FormClient Client, Actor Actor)>();
        foreach (var (email, role, region) in people)
        {
            var client = await SignedInStaffAsync(email, role, null, null, region);
            var userId = await Factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
            clients.Add((client, new Actor(role == Roles.Officer ? ActorRole.Officer : ActorRole.Supervisor, userId) { InStanding = true, ManagesAccounts = role == Roles.Admin, Vouched = new HashSet<Guid>() }));
        }
        var officerId = clients[0].Actor.UserId!.Value;
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var policy = Factory.Service<TimeLimitPolicy>();
        var now = Factory.Clock.GetUtcNow();

        var failures = new List<string>();
        var checkedPages = 0;
        foreach (var status in Enum.GetValues<ReportStatus>())
        {
            foreach (var (pending, assignee) in new (int?, Guid?)[] { (null, null), (10, officerId) })
            {
                var accepted = status is ReportStatus.Submitted ? (DateTimeOffset?)null : now.AddDays(-5);
                var answered = ReportStatuses.Finished.Contains(status) ? now.AddDays(-1) : (DateTimeOffset?)null;
                var asker = pending is null ? (Guid?)null : officerId;
                await Factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"""
                    UPDATE reports SET "Status" = {status.ToString()}, "AcceptedAt" = {accepted}, "AnsweredAt" = {answered},
                        "RequestedExtensionDays" = {pending}, "ExtensionRequestedBy" = {asker}, "AssigneeId" = {assignee} WHERE "Id" = {id}
                    """));
                var report = await Factory.QueryAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Id == id));
                foreach (var (client, actor) in clients)
                {
                    var page = await client.GetPageAsync($"/Staff/Report/{id}", "en");
                    var shown = page.QuerySelectorAll("form[data-action]").Select(f => f.GetAttribute("data-action")!).ToList();
                    var allowed = ReportPermissions.Allowed(report, actor, policy, now).Select(a => a.ToString()).ToList();
                    checkedPages++;
                    if (!shown.SequenceEqual(allowed))
                    {
                        failures.Add($"{status} (extension {pending}, assignee {assignee is not null}) as {actor.Role}: shown [{string.Join(", ", shown)}], allowed [{string.Join(", ", allowed)}]");
                    }
                }
            }
        }
        Assert.Equal(Enum.GetValues<ReportStatus>().Length * 2 * 3, checkedPages);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task TheQueuesDueColumn_IsCoresRunningDeadline_InEveryStatus()
    {
        var officer = await Factory.CreateStaffAsync("officer@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var client = await SignedInStaffAsync("supervisor@example.org", Roles.Supervisor, null, null, "430400");
        var policy = Factory.Service<TimeLimitPolicy>();
        // One report per step of its life, each brought there through the domain's own transitions.
        var steps = new Action<Core.Reports.Report, DateTimeOffset>[]
        {
            (_, _) => { },
            (r, t) => { r.Claim(officer.Id, t); r.Accept(officer.Id, t, policy); },
            (r, t) => { r.Claim(officer.Id, t); r.Accept(officer.Id, t, policy); r.StartVerification(officer.Id, t); },
            (r, t) => { r.Claim(officer.Id, t); r.Accept(officer.Id, t, policy); r.StartVerification(officer.Id, t); r.RequestExtension(officer.Id, 30, "银行流水", t, policy); r.ApproveExtension(Guid.NewGuid(), t, policy); },
            (r, t) => { r.Claim(officer.Id, t); r.Accept(officer.Id, t, policy); r.StartVerification(officer.Id, t); r.RecordFinding(officer.Id, Finding.Verified, "属实", t); },
            (r, t) => { r.Decline(officer.Id, "不属于本单位", t); },
            (r, t) => { r.Claim(officer.Id, t); r.Accept(officer.Id, t, policy); r.StartVerification(officer.Id, t); r.RecordFinding(officer.Id, Finding.Unfounded, "不属实", t); r.Close(officer.Id, "答复", t); r.RequestReview("不服", t, policy); },
        };
        var expected = new Dictionary<string, string>();
        foreach (var step in steps)
        {
            var (id, number, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
            var report = await Factory.QueryAsync(async db =>
            {
                var r = await db.Reports.Include(x => x.Events).SingleAsync(x => x.Id == id);
                step(r, Factory.Clock.GetUtcNow().AddDays(1));
                await db.SaveChangesAsync();
                return r;
            });
            expected[number] = report.CurrentDeadline is { } deadline
                ? policy.LastDay(deadline.Due).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")) : "";
        }
        var page = await client.GetPageAsync("/Staff?status=all", "zh-CN");
        var shown = page.QuerySelectorAll("#queue tbody tr").ToDictionary(
            tr => tr.QuerySelector("a")!.TextContent, tr => DueText(tr.QuerySelectorAll("td")[^1]));
        Assert.Equal(expected.Count, shown.Count);
        foreach (var (number, due) in expected)
        {
            Assert.Equal(due, shown[number]);
        }
        Assert.Contains(expected.Values, v => v.Length == 0);
    }

    /// <summary>The due cell's date, without its "overdue" or "due soon" badge.</summary>
    private static string DueText(AngleSharp.Dom.IElement cell) => cell.ChildNodes.Length > 0 ? cell.ChildNodes[0].TextContent.Trim() : "";
}
