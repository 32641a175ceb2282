using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Petitions.Web.Services;

/// <summary>
/// Markdown from reporters and staff, rendered safely: raw HTML is not interpreted, only http, https
/// and mailto links survive (with rel="nofollow noopener noreferrer"), and images become plain links
/// so that no report can make a reader's browser fetch anything.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage || !IsSafe(link.Url))
            {
                // Keep what the author wrote as text; drop the target.
                var text = new LiteralInline(link.IsImage ? (link.Url ?? "") : "");
                if (link.IsImage)
                {
                    link.ReplaceBy(text);
                    continue;
                }
                var container = new ContainerInline();
                while (link.FirstChild is { } child)
                {
                    child.Remove();
                    container.AppendChild(child);
                }
                link.ReplaceBy(container);
                continue;
            }
            link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
        }
        foreach (var auto in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafe(auto.Url))
            {
                auto.ReplaceBy(new LiteralInline(auto.Url));
                continue;
            }
            auto.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    private static bool IsSafe(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
}
