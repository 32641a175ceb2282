using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Foundation;

/// <summary>
/// Every page speaks one language: an English page shows no Chinese and a Chinese page no English words, apart
/// from what people typed (marked translate="no"), the other language's own name on the language switch
/// (marked with its lang), and the exceptions listed here.
/// </summary>
public sealed partial class OneLanguageTests(PetitionsFactory factory) : WebTest(factory)
{
    /// <summary>Latin words a Chinese page may show: formats, standards and the names of things that have no Chinese name.</summary>
    private static readonly HashSet<string> AllowedInChinese = new(StringComparer.Ordinal)
    {
        "PDF", "JPEG", "PNG", "CSV", "XLSX", "HEIC", "DOC", "DOCX", "PPTX", "ODT", "WAV", "FLAC", "AMR", "MOV", "OGG", "WEBM", "AVI", "JSON", "GB", "WCAG", "AA", "IP", "ID", "HTTPS", "MB", "TOTP", "App",
        "JavaScript", "Markdown", "Excel", "Hangfire", "ZIP",
    };

    [Fact]
    public async Task PublicCitizenStaffAndOversightPages_ShowOneLanguageEach()
    {
        await Factory.CreateUserAsync("wang@example.org", "Citizen-Pass-1", Roles.Citizen);
        var citizen = NewClient(followRedirects: true);
        await citizen.SignInAsync("wang@example.org", "Citizen-Pass-1");
        var fields = Filing.ValidFields();
        fields["Input.Anonymous"] = "false";
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, citizen, fields);
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var admin = await AdminAsync();
        var auditor = await SignedInStaffAsync("auditor@example.org", Roles.Oversight, "钱审计", "湖南省审计厅", "430000");

        var pages = new (FormClient Client, string Path)[]
        {
            (NewClient(), "/"), (NewClient(), "/Report"), (NewClient(), "/Track"), (NewClient(), "/Stats"),
            (NewClient(), "/help"), (NewClient(), "/privacy"), (NewClient(), "/accessibility"), (NewClient(), "/contact"),
            (NewClient(), "/Account/Login"), (NewClient(), "/Account/Register"), (NewClient(), "/Account/ForgotPassword"),
            (citizen, "/Account/Manage"), (citizen, "/Account/Password"), (citizen, "/Account/Email"), (citizen, "/Account/Data"),
            (citizen, "/Account/Delete"), (citizen, "/Track/Mine"), (citizen, $"/Track/Report?id={id}"),
            (officer, "/Staff"), (officer, $"/Staff/Report/{id}"), (officer, $"/Staff/Report/{id}/CaseFile"),
            (admin, "/Admin"), (admin, "/Admin/Priority"), (admin, "/Admin/Templates"), (admin, "/Admin/Routing"), (admin, "/Admin/Staff"),
            (auditor, "/Oversight"),
        };
        var problems = new List<string>();
        foreach (var (client, path) in pages)
        {
            foreach (var language in new[] { "en", "zh-CN" })
            {
                var page = await client.GetPageAsync(path, language);
                var text = VisibleText(page);
                if (language == "en")
                {
                    text = RegionAside().Replace(text, "");
                }
                var offending = language == "en"
                    ? Chinese().Matches(text)
                    : LatinWord().Matches(text).Where(m => !AllowedInChinese.Contains(m.Value));
                foreach (var match in offending.DistinctBy(m => m.Value).Take(5))
                {
                    var around = text.Substring(Math.Max(0, match.Index - 30), Math.Min(text.Length - Math.Max(0, match.Index - 30), match.Length + 60));
                    problems.Add($"{language} {path}: “{match.Value}” in …{WhiteSpace().Replace(around, " ")}…");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The text a person reads: no scripts or styles, nothing typed by people (translate="no"), nothing in the other language on purpose (lang).</summary>
    private static string VisibleText(IHtmlDocument page)
    {
        var pageLanguage = page.DocumentElement.GetAttribute("lang");
        foreach (var element in page.QuerySelectorAll("script, style, template, [translate=no], [hidden]").ToList())
        {
            element.Remove();
        }
        foreach (var element in page.QuerySelectorAll("[lang]").Where(e => e != page.DocumentElement && e.GetAttribute("lang") != pageLanguage).ToList())
        {
            element.Remove();
        }
        var text = page.Body!.TextContent;
        // Addresses, tracking numbers, codes and links are names, not words.
        return Names().Replace(text, " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]+")]
    private static partial Regex Chinese();

    /// <summary>A region's official name beside its English one: "Hengnan County (衡南县)".</summary>
    [GeneratedRegex(@"\([\u3400-\u9fff]+\)")]
    private static partial Regex RegionAside();

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z'-]{1,}\b")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"\S+@\S+|https?://\S+|(?<![A-Z0-9])[A-Z0-9]{5}-[A-Z0-9]{5}(?![A-Z0-9])|\b[a-z]+(-[a-z]+)+\b")]
    private static partial Regex Names();
}
