using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages;

/// <summary>The information pages: privacy notice, help, accessibility statement, contact. Markdown, one file per language.</summary>
public sealed class InfoModel : PageModel
{
    public static readonly string[] Slugs = ["privacy", "help", "accessibility", "contact"];

    public string Title { get; private set; } = "";
    public string Html { get; private set; } = "";

    public IActionResult OnGet(string slug)
    {
        var name = slug.ToLowerInvariant();
        var language = CultureInfo.CurrentUICulture.IsChinese() ? "zh-CN" : "en";
        using var stream = typeof(InfoModel).Assembly.GetManifestResourceStream($"Petitions.Content.{name}.{language}.md");
        if (stream is null)
        {
            return NotFound();
        }
        var markdown = new StreamReader(stream).ReadToEnd();
        Title = markdown.Split('\n', 2)[0].TrimStart('#', ' ').Trim();
        Html = MarkdownRenderer.ToHtml(markdown);
        return Page();
    }
}
