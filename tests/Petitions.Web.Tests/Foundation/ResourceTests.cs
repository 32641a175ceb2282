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
}
