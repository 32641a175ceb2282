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
            clients.Add((client, new Actor(role == Roles.Officer ? ActorRole.Officer : ActorRole.Supervisor, userId)));
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
                await Factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"""
                    UPDATE reports SET "Status" = {status.ToString()}, "AcceptedAt" = {accepted}, "AnsweredAt" = {answered},
                        "RequestedExtensionDays" = {pending}, "AssigneeId" = {assignee} WHERE "Id" = {id}
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
}
