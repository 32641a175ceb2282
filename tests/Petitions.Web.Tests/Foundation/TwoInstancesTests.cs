using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Foundation;

/// <summary>
/// Two site processes on different ports against one database (as behind a load balancer without sticky
/// sessions): a sign-in cookie, an antiforgery token, an ALTCHA challenge and a tracking key issued by one are
/// accepted by the other, and every report is triaged and announced exactly once.
/// </summary>
public sealed class TwoInstancesTests(PetitionsFactory factory) : WebTest(factory)
{
    private static (FormClient A, FormClient B) Pair(SiteProcess a, SiteProcess b)
    {
        var cookies = new CookieContainer();
        FormClient Client(SiteProcess site) => new(new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = site.Root });
        return (Client(a), Client(b));
    }

    [Fact]
    public async Task CookiesTokensAndKeys_WorkAcrossInstances_AndTriageRunsOnce()
    {
        await Factory.CreateStaffAsync("officer@example.org", Roles.Officer, "李", "衡南县信访局", "430422");
        await Factory.CreateUserAsync("citizen@example.org", "Citizen-Pass-2026", Roles.Citizen);
        await using var a = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort());
        await using var b = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort());

        // Signed in on A, recognised on B.
        var (citizenA, citizenB) = Pair(a, b);
        Assert.Equal(HttpStatusCode.Redirect, (await citizenA.SignInAsync("citizen@example.org", "Citizen-Pass-2026")).StatusCode);
        using (var mine = await citizenB.Http.GetAsync("/Track/Mine"))
        {
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        }

        // A form (antiforgery token, proof-of-work challenge) from A, posted to B; the key it returns opens the report on A.
        var (visitorA, visitorB) = Pair(a, b);
        var form = await visitorA.GetPageAsync("/Report");
        var fields = Filing.ValidFields();
        fields["altcha"] = await Altcha.SolveAsync(visitorA.Http);
        var onB = new Uri(b.Root, "/Report").ToString();
        form.QuerySelector("#report-form")!.SetAttribute("action", onB);
        var evidence = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Pdf("uploaded through B")), "Files", "evidence.pdf" } };
        var posted = await visitorB.SubmitAsync(form, fields, formAction: onB, extraContent: evidence);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var (number, key) = Filing.ReadReceipt(await FormClient.ParseAsync(posted));
        var track = await visitorA.GetPageAsync("/Track");
        var opened = await visitorA.SubmitAsync(track, new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        using (var timeline = await visitorB.Http.GetAsync(opened.Headers.Location!.OriginalString))
        {
            Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
            Assert.Contains("id=\"timeline\"", await timeline.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The file uploaded through B downloads through A (shared storage): an officer signed in on A opens it.
        var (officerA, _) = Pair(a, b);
        await Factory.SignInStaffAsync(officerA, "officer@example.org", PetitionsFactory.StaffPassword);
        var reportId = await Factory.QueryAsync(db => db.Reports.Where(r => r.TrackingNumber == number).Select(r => r.Id).SingleAsync());
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Reports.AnyAsync(r => r.Id == reportId && r.TriagedAt != null)), TimeSpan.FromSeconds(30));
        var staffPage = await officerA.GetPageAsync($"/Staff/Report/{reportId}");
        using (var file = await officerA.Http.GetAsync(staffPage.QuerySelector("#attachments a")!.GetAttribute("href")))
        {
            Assert.Contains("(uploaded through B) Tj", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Ten more, alternating between the instances; three job servers (A, B and this test host) share the work.
        for (var i = 0; i < 10; i++)
        {
            var (clientA, clientB) = Pair(a, b);
            var client = i % 2 == 0 ? clientA : clientB;
            var more = Filing.ValidFields($"第{i}件：乡镇劳动保障站持有已故老人的社保卡，按月取款，涉及{i + 3}人。");
            more["altcha"] = await Altcha.SolveAsync(client.Http);
            var response = await client.SubmitAsync(await client.GetPageAsync("/Report"), more, extraContent: new MultipartFormDataContent());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Reports.CountAsync(r => r.TriagedAt != null)).ContinueWith(t => t.Result == 11), TimeSpan.FromSeconds(60));
        await MailBox.WaitForAsync(Factory.MailFolder, "officer@example.org", count: 11, timeout: TimeSpan.FromSeconds(60));
        var perReport = await Factory.QueryAsync(db => db.Notifications.GroupBy(n => n.ReportId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(11, perReport.Count);
        Assert.All(perReport, n => Assert.Equal(1, n));
        Assert.Equal(11, Directory.EnumerateFiles(Factory.MailFolder, "*.eml").Count(f => File.ReadAllText(f).Contains("officer@example.org", StringComparison.Ordinal)));
        Assert.Equal(11, await Factory.QueryAsync(db => db.PriorityItems.Select(p => p.ReportId).Distinct().CountAsync()));
    }
}
