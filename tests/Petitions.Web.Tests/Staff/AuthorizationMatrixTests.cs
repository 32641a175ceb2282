using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Staff;

/// <summary>
/// Every staff route × who asks (role, inside or outside the report's jurisdiction, excluded) → what they get:
/// OK, a redirect after a post, 404 (the report does not exist for them), "denied" (sent to AccessDenied) or
/// "2fa" (the role is right but the sign-in had no second factor: sent to set up the authenticator). A staff
/// action the person may not take is answered with the page and a message (200), never applied.
/// </summary>
public sealed class AuthorizationMatrixTests(PetitionsFactory factory) : WebTest(factory)
{
    private const string Ok = "200", Done = "302", Missing = "404", Denied = "denied", SecondFactor = "2fa";

    private static readonly string[] Who = ["officer-in", "officer-out", "officer-excluded", "supervisor-in", "admin-in", "oversight", "oversight-mfa", "citizen", "analyst-out", "analyst-in"];

    // route → expected answer per person, in the order of Who.
    private static readonly (string Route, string[] Expected)[] Matrix =
    [
        ("GET /Staff", [Ok, Ok, Ok, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Staff/Report/{id}", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Staff/Report/{id}?handler=Download&file={file}", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Staff/Report/{id}/CaseFile", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Staff/Report/{id}/Registers", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Report/{id}/Registers", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        // The reward page of a report not concluded: it says there is no reward to decide; proposing one is refused on the page.
        ("GET /Staff/Report/{id}/Reward", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Report/{id}/Reward?handler=Propose", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Report/{id}/Reward?handler=Claim", [Missing, Missing, Missing, Missing, Missing, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Staff/Report/{id}/CaseFile?handler=Zip", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Report/{id}?handler=Note", [Done, Missing, Missing, Done, Done, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Report/{id}?handler=Message", [Done, Missing, Missing, Done, Done, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Report/{id}?handler=RevealRequest", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        // A hit's outcome: refused beside its fields (nothing posted) where the report is visible, 404 elsewhere.
        ("POST /Staff/Report/{id}?handler=Hit&hit=1", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        // The roll's numbers exist only on a data-matching case: this citizen's report has none for anyone.
        ("POST /Staff/Report/{id}?handler=HitNumbers", [Missing, Missing, Missing, Missing, Missing, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Report/{id}?handler=NoSuchHandler", [Missing, Missing, Missing, Missing, Missing, Denied, Denied, Denied, Denied, Denied]),
        // The officer in the jurisdiction claims it first; after that nobody else may (a held report moves by assignment).
        ("POST /Staff/Report/{id}?act=Claim&handler=Act", [Done, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Report/{id}?act=ApproveExtension&handler=Act", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Admin", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Admin/Jobs", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Admin/Priority", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Admin/Templates", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Admin/RewardRules", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Admin/Routing", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Admin/Audit", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Oversight", [Denied, Denied, Denied, Denied, Ok, SecondFactor, Ok, Denied, Denied, Denied]),
        ("GET /Oversight?handler=Export&format=csv", [Denied, Denied, Denied, Denied, Ok, SecondFactor, Ok, Denied, Denied, Denied]),
        ("GET /Admin/Staff", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Admin/Regimes", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Admin/MatchingRules", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        // A post naming no rule: 404 for the administrator, refused for everyone else.
        ("POST /Admin/MatchingRules", [Denied, Denied, Denied, Denied, Missing, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Admin/Regimes?handler=Kinds", [Denied, Denied, Denied, Denied, Done, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Admin/Notices", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Admin/Notices?handler=Save", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied, Denied]),
        // A formal notice on the report: those who may see the report, no one else (404, as for the report).
        ("GET /Staff/Notice/{notice}", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Report/{id}?act=Transfer&handler=Act", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Report/{id}?act=TransferWithin&handler=Act", [Ok, Missing, Missing, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        // Campaigns: for supervisors and oversight readers with the second factor; a campaign only for readers whose
        // jurisdictions cover its region (this one: Hunan province, launched by the admin); an item only for its reviewer.
        ("GET /Oversight/Campaigns", [Denied, Denied, Denied, Ok, Ok, SecondFactor, Ok, Denied, Denied, Denied]),
        ("GET /Oversight/Campaigns/{campaign}", [Denied, Denied, Denied, Missing, Ok, SecondFactor, Ok, Denied, Denied, Denied]),
        ("GET /Oversight/Campaigns/{campaign}?handler=Export&format=xlsx", [Denied, Denied, Denied, Missing, Ok, SecondFactor, Ok, Denied, Denied, Denied]),
        ("POST /Oversight/Campaigns/{campaign}?handler=Lesson", [Denied, Denied, Denied, Missing, Done, SecondFactor, Done, Denied, Denied, Denied]),
        ("GET /Staff/Rewards", [Ok, Ok, Ok, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Staff/Reviews", [Ok, Ok, Ok, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Staff/Reviews/{item}", [Missing, Ok, Missing, Missing, Missing, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Reviews/{item}", [Missing, Ok, Missing, Missing, Missing, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Staff/Clues", [Ok, Ok, Ok, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("GET /Staff/Intake", [Ok, Ok, Ok, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        ("POST /Staff/Intake", [Ok, Ok, Ok, Ok, Ok, Denied, Denied, Denied, Denied, Denied]),
        // Registers of people who reported nothing: data-matching analysts only, never an administrator.
        ("GET /Matching/Registers", [Denied, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Ok]),
        ("GET /Matching/Hits", [Denied, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Ok]),
        ("GET /Matching/Hits?handler=Export&format=csv", [Denied, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Ok]),
        ("GET /Matching/Links", [Denied, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Ok]),
        // A link to confirm whose pensioner is on 衡南县's roll: the analyst in Guangdong (tried first) gets 404, the one
        // whose jurisdiction covers 衡南县 decides it (checked below).
        ("POST /Matching/Links?handler=Decide&entry={entry}&same=false", [Denied, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Missing, Done]),
    ];

    [Fact]
    public async Task EveryStaffRoute_AnswersEachPersonExactlyAsItMust()
    {
        var fields = Filing.ValidFields();
        fields["Input.People[0].Unit"] = "衡南县人社局农保中心";
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient(), fields,
            new MultipartFormDataContent { { new ByteArrayContent("evidence"u8.ToArray()), "Files", "a.txt" } });
        var file = await Factory.QueryAsync(db => db.Attachments.Where(a => a.ReportId == id).Select(a => a.Id).SingleAsync());

        var people = new Dictionary<string, FormClient>();
        people["officer-in"] = await SignedInStaffAsync(followRedirects: false, "in@example.org", Roles.Officer, "in@example.org", "衡南县信访局", "430422");
        people["officer-out"] = await SignedInStaffAsync(followRedirects: false, "out@example.org", Roles.Officer, "out@example.org", "广东省信访局", "440000");
        people["supervisor-in"] = await SignedInStaffAsync(followRedirects: false, "sup@example.org", Roles.Supervisor, "sup@example.org", "衡阳市信访局", "430400");
        people["admin-in"] = await SignedInStaffAsync(followRedirects: false, "admin@example.org", Roles.Admin, "admin@example.org", "湖南省信访局", "430000");
        // Created after triage, the excluded officer is recorded as excluded the way triage does it.
        people["officer-excluded"] = await SignedInStaffAsync(followRedirects: false, "ex@example.org", Roles.Officer, "ex@example.org", "衡南县人社局", "430422");
        var excludedId = await Factory.QueryAsync(db => db.Users.Where(u => u.Email == "ex@example.org").Select(u => u.Id).SingleAsync());
        await Factory.QueryAsync(async db =>
        {
            db.Exclusions.Add(new Core.Triage.ReportExclusion { ReportId = id, UserId = excludedId, Reason = "unit: 衡南县人社局农保中心", At = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        // An oversight reader with a password alone reaches nothing; with the second factor, the dashboard.
        await Factory.CreateUserAsync("oversight@example.org", "Oversight-Pass-1", Roles.Oversight);
        people["oversight"] = NewClient();
        await people["oversight"].SignInAsync("oversight@example.org", "Oversight-Pass-1");
        people["oversight-mfa"] = await SignedInStaffAsync(followRedirects: false, "audit@example.org", Roles.Oversight, "审计员", "湖南省审计厅", "430000");
        await Factory.CreateUserAsync("citizen@example.org", "Citizen-Pass-1", Roles.Citizen);
        people["citizen"] = NewClient();
        await people["citizen"].SignInAsync("citizen@example.org", "Citizen-Pass-1");
        // Analysts: one whose jurisdiction (衡阳市) covers 衡南县, one in Guangdong.
        people["analyst-out"] = await SignedInStaffAsync(followRedirects: false, "ana-out@example.org", Roles.Analyst, "分析员乙", "广东省人社厅", "440000");
        people["analyst-in"] = await SignedInStaffAsync(followRedirects: false, "ana-in@example.org", Roles.Analyst, "分析员甲", "衡阳市人社局", "430400");
        var entry = await Factory.QueryAsync(async db =>
        {
            var import = new Data.RegisterImport { Id = Guid.NewGuid(), Source = Core.Matching.RegisterSource.PensionRoll, FileName = "roll.csv", Sha256 = new byte[32], Rows = 1, ImportedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddYears(1) };
            var deaths = new Data.RegisterImport { Id = Guid.NewGuid(), Source = Core.Matching.RegisterSource.Cremation, FileName = "deaths.csv", Sha256 = [1, .. new byte[31]], Rows = 1, ImportedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddYears(1) };
            db.RegisterImports.AddRange(import, deaths);
            db.RegisterEntries.Add(new Data.RegisterEntry { ImportId = import.Id, Source = Core.Matching.RegisterSource.PensionRoll, Line = 2, PersonNumber = "MX0001", Name = "矩阵甲", Region = "430422" });
            var death = new Data.RegisterEntry { ImportId = deaths.Id, Source = Core.Matching.RegisterSource.Cremation, Line = 2, Name = "矩阵甲", Region = "430422", EventDate = new DateOnly(2020, 1, 1) };
            db.RegisterEntries.Add(death);
            await db.SaveChangesAsync();
            db.RegisterLinks.Add(new Data.RegisterLink { EntryId = death.Id, PersonNumber = "MX0001", Weight = 15, Band = Core.Matching.LinkBand.Review, Evidence = "{}", LinkedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            return death.Id;
        });

        // A campaign over Hunan, launched by the admin, whose one item (this report) went to the officer from elsewhere.
        var adminId = await Factory.QueryAsync(db => db.Users.Where(u => u.Email == "admin@example.org").Select(u => u.Id).SingleAsync());
        var reviewerId = await Factory.QueryAsync(db => db.Users.Where(u => u.Email == "out@example.org").Select(u => u.Id).SingleAsync());
        var campaign = new Core.Campaigns.Campaign
        {
            Id = Guid.NewGuid(), Name = "矩阵", LegalBasis = "—", LeadBody = "—", Deadline = new DateOnly(2030, 1, 1), RegionCode = "430000",
            Status = Core.Campaigns.CampaignStatus.Active, CreatedById = adminId, CreatedAt = DateTimeOffset.UtcNow,
        };
        var item = new Core.Campaigns.CampaignItem { CampaignId = campaign.Id, ReportId = id, RegionCode = "430422", ReviewerId = reviewerId };
        var notice = new Core.Notices.FormalNotice { Id = Guid.NewGuid(), ReportId = id, Kind = Core.Notices.NoticeKind.Acceptance, Year = 2026, Sequence = 1, Number = "受理〔2026〕1号", Title = "举报受理告知书", Body = "矩阵", IssuedAt = DateTimeOffset.UtcNow };
        await Factory.QueryAsync(async db =>
        {
            db.Campaigns.Add(campaign);
            db.CampaignItems.Add(item);
            db.FormalNotices.Add(notice);
            return await db.SaveChangesAsync();
        });

        var failures = new List<string>();
        foreach (var (route, expected) in Matrix)
        {
            for (var i = 0; i < Who.Length; i++)
            {
                var client = people[Who[i]];
                var parts = route.Replace("{id}", id.ToString(), StringComparison.Ordinal).Replace("{file}", file.ToString(), StringComparison.Ordinal).Replace("{entry}", entry.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{campaign}", campaign.Id.ToString(), StringComparison.Ordinal).Replace("{notice}", notice.Id.ToString(), StringComparison.Ordinal).Replace("{item}", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Split(' ');
                HttpResponseMessage response;
                if (parts[0] == "GET")
                {
                    response = await client.Http.GetAsync(new Uri(parts[1], UriKind.Relative));
                }
                else
                {
                    // A real token: from the sign-in form (signed out) or the sign-out form every page carries (signed in).
                    var home = await client.GetPageAsync("/");
                    var withToken = home.Forms.FirstOrDefault(f => f.Elements.Any(e => e.GetAttribute("name") == "__RequestVerificationToken"))
                        ?? (await client.GetPageAsync("/Account/Login")).Forms.First(f => f.Elements.Any(e => e.GetAttribute("name") == "__RequestVerificationToken"));
                    var token = FormClient.FieldsOf(withToken).Where(f => f.Key == "__RequestVerificationToken").ToList();
                    token.Add(new("Input.Text", "矩阵测试"));
                    token.Add(new("Input.Note", "矩阵测试"));
                    token.Add(new("Input.Reason", "矩阵测试"));
                    // The version the page would carry, so an allowed action is not refused as stale.
                    await using (var connection = new Npgsql.NpgsqlConnection(Factory.Database.ConnectionString))
                    {
                        await connection.OpenAsync();
                        await using var command = new Npgsql.NpgsqlCommand($"SELECT xmin::text FROM reports WHERE \"Id\" = '{id}'", connection);
                        token.Add(new("Input.Version", (string)(await command.ExecuteScalarAsync())!));
                    }
                    response = await client.Http.PostAsync(new Uri(parts[1], UriKind.Relative), new FormUrlEncodedContent(token));
                }
                var location = response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location!.OriginalString : "";
                var got = location.Contains("/Account/AccessDenied", StringComparison.Ordinal) ? Denied
                    : location.StartsWith("/Account/TwoFactor?required=true", StringComparison.Ordinal) ? SecondFactor
                    : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (got != expected[i])
                {
                    failures.Add($"{route} as {Who[i]}: expected {expected[i]}, got {got}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var analystIn = await Factory.QueryAsync(db => db.Users.Where(u => u.Email == "ana-in@example.org").Select(u => u.Id).SingleAsync());
        var decided = await Factory.QueryAsync(db => db.RegisterLinks.SingleAsync(l => l.EntryId == entry));
        Assert.Equal((false, analystIn), (decided.Confirmed!.Value, decided.DecidedById!.Value));
    }

    /// <summary>
    /// A new staff page cannot slip past the matrix: every page under /Staff, /Admin, /Oversight and /Matching has a
    /// row above (its route with the parameters named as the matrix names them).
    /// </summary>
    [Fact]
    public void EveryStaffPage_HasARowInTheMatrix()
    {
        var pages = Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null)
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText ?? "", @"\{id:guid\}|\{id:long\}", m => "{id}"))
            .Where(r => r.StartsWith("/Staff", StringComparison.Ordinal) || r.StartsWith("/Admin", StringComparison.Ordinal)
                || r.StartsWith("/Oversight", StringComparison.Ordinal) || r.StartsWith("/Matching", StringComparison.Ordinal))
            .Where(r => !r.EndsWith("/Index", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.NotEmpty(pages);
        var rows = Matrix.Select(m => m.Route.Split(' ')[1].Split('?')[0]
            .Replace("{campaign}", "{id}", StringComparison.Ordinal).Replace("{notice}", "{id}", StringComparison.Ordinal)
            .Replace("{item}", "{id}", StringComparison.Ordinal)).ToHashSet();
        var missing = pages.Where(p => !rows.Contains(p)).ToList();
        Assert.True(missing.Count == 0, "no row in the matrix for: " + string.Join(", ", missing));
    }
}
