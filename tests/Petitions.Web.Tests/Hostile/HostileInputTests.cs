using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Hostile;

/// <summary>
/// The hostile-input corpus (Hostile/hostile-inputs.json, 136 entries: script and Markdown injection, SQL and LIKE
/// metacharacters, control characters, odd Unicode, overlong values, deep nesting, forged codes and ids) sent to
/// every form field and query parameter. Never a 5xx; a rejection is a message next to the field; what is stored
/// is shown to the reporter and to an officer without any active content.
/// </summary>
public sealed class HostileInputTests(PetitionsFactory factory) : WebTest(factory)
{
    public static readonly IReadOnlyList<string> Corpus = JsonSerializer.Deserialize<List<string>>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Hostile", "hostile-inputs.json")))!;

    private static readonly string[] TextFields =
    [
        "Input.People[0].Name", "Input.People[0].Unit", "Input.People[0].Position", "Input.Description",
    ];

    private static readonly string[] OtherFields =
    [
        "Input.KindCode", "Input.ProvinceCode", "Input.CityCode", "Input.CountyCode", "Input.PeriodFrom", "Input.PeriodTo", "Input.AmountYuan", "Input.CardsOrPeople",
    ];

    [Fact]
    public void TheCorpus_HasAtLeast100Entries() => Assert.True(Corpus.Count >= 100);

    [Fact]
    public async Task ReportForm_EveryFieldWithEveryEntry_IsStoredHarmlesslyOrRefusedNextToTheField()
    {
        var client = NewClient();
        var stored = new List<(string Number, string Key)>();
        foreach (var entry in Corpus)
        {
            // Every field at once: refused with messages next to the fields, and what was typed kept.
            var all = Filing.ValidFields();
            foreach (var field in TextFields.Concat(OtherFields))
            {
                all[field] = entry;
            }
            var response = await Filing.PostAsync(client, all);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {Show(entry)}");
            var page = await FormClient.ParseAsync(response);
            Assert.Null(page.QuerySelector("#tracking-number"));
            Assert.Contains(page.QuerySelectorAll(".field-validation-error"), e => e.TextContent.Trim().Length > 0);
            if (entry.Length is > 0 and <= 20000 && !entry.Any(c => char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) && entry.Trim() == entry)
            {
                Assert.Equal(entry, ((IHtmlTextAreaElement)page.QuerySelector("#Input_Description")!).Value);
            }

            // The text fields only, with a valid report around them: stored, or refused with a message.
            var text = Filing.ValidFields();
            foreach (var field in TextFields)
            {
                text[field] = entry;
            }
            var second = await Filing.PostAsync(client, text);
            Assert.True((int)second.StatusCode < 500, $"{(int)second.StatusCode} for {Show(entry)}");
            var result = await FormClient.ParseAsync(second);
            if (result.QuerySelector("#tracking-number") is not null)
            {
                stored.Add(Filing.ReadReceipt(result));
            }
            else
            {
                Assert.Contains(result.QuerySelectorAll(".field-validation-error, .validation-summary-errors li"), e => e.TextContent.Trim().Length > 0);
            }
        }
        // Many entries are refused in the short fields (names, units) by their length or format; enough are stored.
        Assert.True(stored.Count >= 40, $"only {stored.Count} stored");

        // Shown back to the reporter on /Track and to an officer on the report page (once triage has queued them): no active content.
        await Wait.UntilAsync(() => Factory.QueryAsync(db => db.Reports.AllAsync(r => r.TriagedAt != null)), TimeSpan.FromSeconds(30));
        var officer = await SignedInStaffAsync("officer@example.org", Roles.Officer, "李", "湖南省", "430000");
        foreach (var (number, key) in stored)
        {
            var reporter = NewClient(followRedirects: true);
            var track = await reporter.GetPageAsync("/Track");
            var shown = await FormClient.ParseAsync(await reporter.SubmitAsync(track, new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
            Assert.NotNull(shown.QuerySelector("#timeline"));
            AssertInert(shown, number);
            var id = await Factory.QueryAsync(db => db.Reports.Where(r => r.TrackingNumber == number).Select(r => r.Id).SingleAsync());
            AssertInert(await officer.GetPageAsync($"/Staff/Report/{id}"), number);
        }
    }

    /// <summary>No script but the site's own files, no event handlers, no script or data addresses, no embedded frames or objects.</summary>
    internal static void AssertInert(IHtmlDocument page, string what)
    {
        foreach (var script in page.QuerySelectorAll("script"))
        {
            Assert.True(script.GetAttribute("src") is { } src && src.StartsWith('/') && script.TextContent.Trim().Length == 0, $"{what}: inline script");
        }
        foreach (var element in page.QuerySelectorAll("main *"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{what}: {element.LocalName} has {attribute.Name}");
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "data" or "xlink:href")
                {
                    var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                    Assert.False(value.StartsWith("javascript:", StringComparison.Ordinal) || value.StartsWith("vbscript:", StringComparison.Ordinal)
                        || (value.StartsWith("data:", StringComparison.Ordinal) && !value.StartsWith("data:image/png", StringComparison.Ordinal)),
                        $"{what}: {element.LocalName} {attribute.Name}={attribute.Value}");
                }
            }
            Assert.DoesNotContain(element.LocalName, Forbidden);
        }
        Assert.Empty(page.QuerySelectorAll("meta[http-equiv]"));
        Assert.Empty(page.QuerySelectorAll("main img[src^='http']"));
    }

    private static readonly string[] Forbidden = ["iframe", "object", "embed", "base", "frame", "math", "style"];

    private static string Show(string entry) => entry.Length > 60 ? entry[..60] + "…" : entry;

    [Fact]
    public async Task QueryStrings_WithEveryEntry_NeverFail()
    {
        var officer = await SignedInStaffAsync("officer@example.org", Roles.Officer, "李", "衡阳市", "430400");
        var admin = await AdminAsync();
        var visitor = NewClient();
        (FormClient Client, string Path, string[] Parameters)[] targets =
        [
            (officer, "/Staff", ["q", "region", "kind", "status", "view", "sort", "after", "minPriority", "identity", "from", "to"]),
            (officer, "/Staff/Report/" + Guid.NewGuid(), ["handler"]),
            (admin, "/Oversight", ["region", "from", "to", "handler", "format"]),
            (admin, "/Admin/Audit", ["action", "actor", "report", "from", "to", "before"]),
            (admin, "/Admin/Staff", ["q"]),
            (visitor, "/Stats", ["region", "handler", "format"]),
            (visitor, "/Track/Report", ["id"]),
            (visitor, "/Account/Login", ["returnUrl"]),
            (visitor, "/Report", ["handler"]),
        ];
        foreach (var entry in Corpus.Where(e => e.Length <= 4000))
        {
            foreach (var (client, path, parameters) in targets)
            {
                foreach (var parameter in parameters)
                {
                    var url = $"{path}?{parameter}={Uri.EscapeDataString(entry)}";
                    using var response = await client.Http.GetAsync(url);
                    Assert.True((int)response.StatusCode < 500, $"GET {path}?{parameter}={Show(entry)}: {(int)response.StatusCode}");
                }
            }
        }
    }

    [Fact]
    public async Task Tracking_WithForgedOrTruncatedKeys_GivesTheOneGenericMessage()
    {
        var (_, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var client = NewClient();
        var attempts = Corpus.Where(e => e.Length <= 4000).Select(e => (Number: number, Key: e))
            .Concat(Corpus.Where(e => e.Length <= 4000).Select(e => (Number: e, Key: key)))
            .Append((number, key[..^1])).Append((number, key + "A")).Append((number.ToLowerInvariant(), key.ToLowerInvariant() + "x"));
        foreach (var (n, k) in attempts)
        {
            var page = await client.GetPageAsync("/Track", "en");
            var response = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Input.TrackingNumber"] = n, ["Input.AccessKey"] = k });
            Assert.True((int)response.StatusCode < 500, $"{Show(n)} / {Show(k)}");
            var result = await FormClient.ParseAsync(response);
            Assert.Null(result.QuerySelector("#timeline"));
            if (response.StatusCode == HttpStatusCode.BadRequest && (n + k).Contains('\0', StringComparison.Ordinal))
            {
                // ASP.NET Core refuses a URL-encoded form with NUL in it before any page code runs; the visitor
                // gets the site's own "request could not be handled" page (no browser sends NUL from a form).
                Assert.False(string.IsNullOrWhiteSpace(result.QuerySelector("h1")?.TextContent));
                continue;
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // Guessing keys for one number is limited: after a few failures every answer is "too many attempts".
                Assert.False(string.IsNullOrWhiteSpace(result.QuerySelector("h1")?.TextContent));
                continue;
            }
            var message = string.Concat(result.QuerySelectorAll(".validation-summary-errors, .field-validation-error").Select(e => e.TextContent.Trim()));
            Assert.False(string.IsNullOrEmpty(message), $"no message for {Show(n)} / {Show(k)}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task InvalidUtf8_LoneSurrogates_AndOverlongBodies_AreRefusedCleanly()
    {
        var client = NewClient();
        var page = await client.GetPageAsync("/Report", "en");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var raw in new[] { "%FF%FE%FD", "%C0%AF", "%ED%A0%80", "%ED%B0%80abc", "%E4%B8", "%F4%90%80%80", "%00%00" })
        {
            var body = $"__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.Anonymous=true&Input.KindCode=deceased-pension&Input.Description={raw}&Input.People[0].Name={raw}";
            using var content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
            using var response = await client.Http.PostAsync("/Report", content);
            Assert.True((int)response.StatusCode < 500, $"{raw}: {(int)response.StatusCode}");
        }
        // A description of two million characters, and a body far over the limit.
        var big = Filing.ValidFields(new string('举', 2_000_000));
        var refused = await FormClient.ParseAsync(await Filing.PostAsync(client, big, language: "en"));
        Assert.NotNull(Filing.ErrorFor(refused, "Input.Description"));
        using var huge = new ByteArrayContent(new byte[40 * 1024 * 1024]);
        huge.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var tooBig = await client.Http.PostAsync("/Report", huge);
        Assert.True((int)tooBig.StatusCode is >= 400 and < 500, $"{(int)tooBig.StatusCode}");
    }

    [Fact]
    public async Task Uploads_ThatLieAboutTheirType_OrCarryHostileNames_AreRefusedOrNeutralized()
    {
        var client = NewClient();
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(1)</script></svg>");
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
        var exe = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00 }.Concat(new byte[200]).ToArray();
        (string Name, byte[] Bytes, string Type)[] files =
        [
            ("drawing.svg", svg, "image/svg+xml"), ("photo.jpg", svg, "image/jpeg"), ("page.html", html, "text/html"), ("scan.png", html, "image/png"),
            ("invoice.pdf", exe, "application/pdf"), ("../../etc/passwd.jpg", html, "image/jpeg"), ("..\\..\\boot.ini.png", html, "image/png"),
            ("a%00b.jpg", svg, "image/jpeg"), ("\u202egpj.exe", exe, "image/jpeg"), (new string('a', 600) + ".jpg", svg, "image/jpeg"),
        ];
        foreach (var (name, bytes, type) in files)
        {
            using var content = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            content.Add(file, "Files", name);
            var response = await Filing.PostAsync(client, Filing.ValidFields(), content, language: "en");
            Assert.True((int)response.StatusCode < 500, $"{Show(name)}: {(int)response.StatusCode}");
            var page = await FormClient.ParseAsync(response);
            Assert.Null(page.QuerySelector("#tracking-number"));
            Assert.False(string.IsNullOrWhiteSpace(Filing.ErrorFor(page, "Files")), $"{Show(name)}: no message next to the file field");
        }
        Assert.Equal(0, await Factory.QueryAsync(db => db.Attachments.CountAsync()));
    }

    [Fact]
    public async Task EveryPostWithoutAnAntiforgeryToken_IsRefusedWithAPage_NotAStackTrace()
    {
        var officer = await SignedInStaffAsync("officer@example.org", Roles.Officer, "李", "衡阳市", "430400");
        var id = Guid.NewGuid();
        string[] posts =
        [
            "/Report", "/Report?handler=Preview", "/Report?handler=AddPerson", "/Track", "/Track/Report?handler=Reply", "/Track/Report?handler=Withdraw",
            "/Culture", "/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/Account/Logout", $"/Staff/Report/{id}?handler=Message",
            $"/Staff/Report/{id}?handler=Note", $"/Staff/Report/{id}?handler=RevealRequest", "/Admin/Staff", "/Admin/Routing", "/Admin/Audit?handler=Verify",
        ];
        foreach (var client in new[] { NewClient(), officer })
        {
            foreach (var path in posts)
            {
                using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Description"] = "<script>alert(1)</script>" });
                using var response = await client.Http.PostAsync(path, content);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Redirect or HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                    $"POST {path}: {(int)response.StatusCode}");
                Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            }
        }
    }
}
