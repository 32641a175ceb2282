using System.Xml.Linq;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Tests.Foundation;

public sealed class ResourceTests
{
    private static Dictionary<string, string> Load(string culture)
    {
        var root = Path.GetDirectoryName(WebRootLocator.Find())!;
        var file = Path.Combine(root, "src", "Petitions.Web", "Resources", $"SharedResource.{culture}.resx");
        return XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");
    }

    [Fact]
    public void ChineseAndEnglish_HoldTheSameKeys_NoneEmpty()
    {
        var en = Load("en");
        var zh = Load("zh-CN");
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.DoesNotContain(en, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.DoesNotContain(zh, kv => string.IsNullOrWhiteSpace(kv.Value));
    }

    /// <summary>Every value a page names through its enum ("Audit." + action, "Status." + status …) has its words in both languages, never a raw key.</summary>
    [Fact]
    public void EveryEnumShownOnAPage_HasItsWords()
    {
        var en = Load("en");
        var missing = new List<string>();
        void Check<T>(string prefix) where T : struct, Enum => missing.AddRange(Enum.GetNames<T>().Select(n => prefix + n).Where(k => !en.ContainsKey(k)));
        Check<Core.Audit.AuditAction>("Audit.");
        Check<Core.Reports.ReportStatus>("Status.");
        Check<Core.Reports.ReportAction>("Action.");
        Check<Core.Reports.Finding>("Finding.");
        Check<Core.Reports.Referral>("Referral.");
        Assert.Empty(missing);
    }
}
