using System.Net;
using Petitions.Testing;

namespace Petitions.Web.Tests.Citizens;

/// <summary>Every bad input gets a clear message next to its field, in the page's language, and nothing typed is lost.</summary>
public sealed class BadInputTests(PetitionsFactory factory) : WebTest(factory)
{
    private const string Description = "这是一段足够长的举报内容，用来确认出错后内容不会丢失。";

    public static TheoryData<string, string, string, string> Cases() => new()
    {
        // field changed, value, field whose message must appear, expected text (zh-CN)
        { "Input.KindCode", "", "Input.KindCode", "此项为必填项" },
        { "Input.KindCode", "no-such-kind", "Input.KindCode", "无效" },
        { "Input.ProvinceCode", "990000", "Input.ProvinceCode", "该地区不存在" },
        { "Input.CountyCode", "110101", "Input.CountyCode", "不属于上一级地区" },
        { "Input.PeriodTo", "2015-01-01", "Input.PeriodTo", "截止时间早于起始时间" },
        { "Input.PeriodFrom", "2099-01-01", "Input.PeriodFrom", "晚于今天" },
        { "Input.AmountYuan", "-5", "Input.AmountYuan", "0至1000亿" },
        { "Input.AmountYuan", "1e30", "Input.AmountYuan", "无效" },
        { "Input.CardsOrPeople", "99999999999", "Input.CardsOrPeople", "无效" },
        { "Input.ReporterName", "王小明", "Input.ReporterName", "您选择了匿名举报" },
        { "Input.ReporterPhone", "13800000000", "Input.ReporterName", "您选择了匿名举报" },
        { "Input.People[0].Name", new string('名', 101), "Input.People[0].Name", "内容过长" },
        { "Input.People[0].Unit", "单位\uFFFD", "Input.People[0].Unit", "无法保存的字符" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadField_ShowsMessageNextToIt_AndKeepsTheDescription(string field, string value, string errorField, string expected)
    {
        var fields = Filing.ValidFields(Description);
        fields[field] = value;
        var response = await Filing.PostAsync(NewClient(), fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Null(page.QuerySelector("#access-key"));
        Assert.Contains(expected, Filing.ErrorFor(page, errorField) ?? "(no message)", StringComparison.Ordinal);
        Assert.Equal(Description, page.QuerySelector("#Input_Description")!.TextContent);
    }

    [Fact]
    public async Task TooShortDescription_IsExplainedInEnglishOnTheEnglishPage()
    {
        var fields = Filing.ValidFields("short");
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), fields, language: "en"));
        Assert.Equal("Write between 10 and 20,000 characters.", Filing.ErrorFor(page, "Input.Description"));
        Assert.Equal("short", page.QuerySelector("#Input_Description")!.TextContent);
    }

    [Fact]
    public async Task HtmlFileNamedAsPhoto_IsRefused_WhileAnAcceptedFileStaysListed()
    {
        var files = new MultipartFormDataContent
        {
            { new ByteArrayContent("<html><script>alert(1)</script></html>"u8.ToArray()), "Files", "photo.jpg" },
            { new ByteArrayContent(TestFiles.Pdf("minimal test document body")), "Files", "bank-statement.pdf" },
        };
        var fields = Filing.ValidFields(Description);
        fields["Input.KindCode"] = "";
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), fields, files));
        Assert.Contains("photo.jpg", Filing.ErrorFor(page, "Files")!, StringComparison.Ordinal);
        Assert.Contains("不是允许的文件类型", Filing.ErrorFor(page, "Files")!, StringComparison.Ordinal);
        Assert.Contains("bank-statement.pdf", page.QuerySelector("[aria-label='已收到的附件']")!.TextContent, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("input[name='Pending']"));
    }

    [Fact]
    public async Task TooManyFiles_AreRefusedBeyondTen()
    {
        var files = new MultipartFormDataContent();
        for (var i = 0; i < 11; i++)
        {
            files.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"note {i}")), "Files", $"note{i}.txt");
        }
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), Filing.ValidFields(Description), files));
        Assert.Contains("最多10个附件", Filing.ErrorFor(page, "Files")!, StringComparison.Ordinal);
        Assert.Equal(10, page.QuerySelectorAll("input[name='Pending']").Length);
    }

    [Fact]
    public async Task FileOverTwentyMegabytes_IsRefused()
    {
        var files = new MultipartFormDataContent { { new ByteArrayContent(new byte[(20 * 1024 * 1024) + 1]), "Files", "big.mp4" } };
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), Filing.ValidFields(Description), files));
        Assert.Contains("超过20 MB", Filing.ErrorFor(page, "Files")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousReport_WithoutProofOfWork_IsRefusedKindly()
    {
        var fields = Filing.ValidFields(Description);
        fields["altcha"] = "";
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), fields));
        Assert.Contains("防垃圾校验尚未完成", Filing.ErrorFor(page, "altcha")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealNameReport_WithoutSigningIn_AsksToSignIn()
    {
        var fields = Filing.ValidFields(Description);
        fields["Input.Anonymous"] = "false";
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), fields));
        Assert.Contains("请先登录", Filing.ErrorFor(page, "Input.Anonymous")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Honeypot_Filled_StoresNothing()
    {
        var fields = Filing.ValidFields(Description);
        fields["website"] = "http://spam.example";
        var page = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), fields));
        Assert.Null(page.QuerySelector("#access-key"));
        await using var scope = Factory.Service<IDbContextFactoryLike>().Open();
        Assert.Equal(0, scope.Db.Reports.Count());
    }

    [Fact]
    public async Task RegionButtonWithoutJavaScript_ListsTheCities_AndKeepsTheText()
    {
        var client = NewClient();
        var form = await client.GetPageAsync("/Report");
        var regionPost = await client.Http.PostAsync(new Uri("/Report?handler=Region", UriKind.Relative), new FormUrlEncodedContent(
            FormClient.FieldsOf(form.Forms.First(f => f.Id == "report-form"))
                .Where(kv => kv.Key != "Input.ProvinceCode" && kv.Key != "Input.Description")
                .Append(new("Input.ProvinceCode", "430000")).Append(new("Input.Description", Description))));
        var page = await FormClient.ParseAsync(regionPost);
        Assert.Contains("衡阳市", page.QuerySelector("#Input_CityCode")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Description, page.QuerySelector("#Input_Description")!.TextContent);
        Assert.Null(Filing.ErrorFor(page, "Input.KindCode"));
    }
}
