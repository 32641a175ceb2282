using System.IO.Compression;
using Petitions.Testing;

namespace Petitions.Web.Tests.Staff;

/// <summary>Whatever a reporter submits, staff see: on the report page, the case-file page and both files of its ZIP.</summary>
public sealed class SubmittedFactsTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task EveryFieldAReporterFiles_IsOnTheStaffPage_TheCaseFile_AndBothFilesOfTheZip()
    {
        var fields = Filing.ValidFields();
        fields["Input.PeriodFrom"] = "2016-03-01";
        fields["Input.PeriodTo"] = "2021-12-31";
        fields["Input.AmountYuan"] = "170000";
        fields["Input.CardsOrPeople"] = "612";
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient(), fields);
        var officer = await SignedInStaffAsync("county@example.org", Data.Roles.Officer, "周洁", "衡南县信访局", "430422");

        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "zh-CN");
        var expected = new[] { "2016/3/1 – 2021/12/31", "¥170,000", "612", "湖南省", "衡阳市", "衡南县", "张某", "衡南县人社局农保中心", "股长", "已故老人的社保卡", "冒领死亡人员养老金" };
        var staffText = page.QuerySelector("main")!.TextContent;
        Assert.All(expected, e => Assert.Contains(e, staffText, StringComparison.Ordinal));
        Assert.Equal("2016/3/1 – 2021/12/31", page.QuerySelector("#report-period")!.TextContent);

        var caseFile = await officer.GetPageAsync(page.QuerySelector("#case-file")!.GetAttribute("href")!, "zh-CN");
        var caseText = caseFile.QuerySelector("main")!.TextContent;
        Assert.All(expected, e => Assert.Contains(e, caseText, StringComparison.Ordinal));

        var zip = await officer.Http.GetAsync(caseFile.QuerySelector("#case-file-zip")!.GetAttribute("href"));
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        foreach (var name in new[] { "case-file.json", "case-file.txt" })
        {
            using var reader = new StreamReader(archive.GetEntry(name)!.Open());
            var text = System.Text.RegularExpressions.Regex.Unescape(await reader.ReadToEndAsync());
            Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
        }
    }
}
