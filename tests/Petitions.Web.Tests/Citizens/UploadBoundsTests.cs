using Petitions.Testing;

namespace Petitions.Web.Tests.Citizens;

/// <summary>
/// Files stored for a form that is not sent yet cannot fill the disk: one connection stores at most so much an hour
/// however it spreads its posts, and no upload is taken when the disk is at its free-space floor. Each refusal is a
/// message beside the files, with the form kept.
/// </summary>
public sealed class UploadBoundsTests : IAsyncLifetime
{
    private readonly SmallBudgetFactory _budget = new();
    private readonly FullDiskFactory _full = new();

    public async Task InitializeAsync()
    {
        await _budget.InitializeAsync();
        await _full.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_budget).DisposeAsync();
        await ((IAsyncLifetime)_full).DisposeAsync();
    }

    private const string Text = "0123456789 0123456789";

    /// <summary>One file fits the small budget (one and a half files), a second does not.</summary>
    private static MultipartFormDataContent File(string name) =>
        new() { { new ByteArrayContent(TestFiles.Pdf(Text)), "Files", name } };

    [Fact]
    public async Task OneConnection_StoresNoMoreThanItsHourlyBudget_AcrossRegionPosts()
    {
        var client = new FormClient(_budget.CreateClient(new() { AllowAutoRedirect = false }));
        var form = await client.GetPageAsync("/Report", "en");
        var fields = Filing.ValidFields("匿名反映：乡镇劳动保障站持有已故老人的社保卡。");
        // A navigation post (show the cities) stores the first file; the second, from a fresh form, is over the budget.
        var first = await FormClient.ParseAsync(await client.SubmitAsync(form, fields, extraContent: File("流水一.pdf"), formAction: "/Report?handler=Region"));
        Assert.Contains("流水一.pdf", first.QuerySelector("#accepted-files")!.TextContent, StringComparison.Ordinal);
        var second = await FormClient.ParseAsync(await client.SubmitAsync(await client.GetPageAsync("/Report", "en"), fields,
            extraContent: File("流水二.pdf"), formAction: "/Report?handler=Region"));
        Assert.StartsWith("流水二.pdf: too many files have been sent from your connection", Filing.ErrorFor(second, "Files"), StringComparison.Ordinal);
        Assert.Equal("匿名反映：乡镇劳动保障站持有已故老人的社保卡。", second.QuerySelector("#Input_Description")!.TextContent.Trim());
    }

    [Fact]
    public async Task AFormOverTheRequestLimit_GetsAPageThatSaysTheLimit_NotAGenericError()
    {
        var client = new FormClient(_budget.CreateClient(new() { AllowAutoRedirect = false }));
        var form = await client.GetPageAsync("/Report", "zh-CN");
        var big = new MultipartFormDataContent { { new ByteArrayContent(new byte[13 * 1024 * 1024]), "Files", "录像.mp4" } };
        var response = await client.SubmitAsync(form, Filing.ValidFields(), extraContent: big);
        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.StartsWith("所附文件合计超过 12 MB（最多 2 个文件，每个不超过 1 MB）", page.QuerySelector("#error-text")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AtTheDisksFloor_AnUploadIsRefusedWithAMessage_AndTheFormIsKept()
    {
        var client = new FormClient(_full.CreateClient(new() { AllowAutoRedirect = false }));
        var form = await client.GetPageAsync("/Report", "zh-CN");
        var fields = Filing.ValidFields("匿名反映：乡镇劳动保障站持有已故老人的社保卡。");
        var page = await FormClient.ParseAsync(await client.SubmitAsync(form, fields, extraContent: File("流水.pdf"), formAction: "/Report?handler=Region"));
        Assert.StartsWith("流水.pdf：网站暂时无法接收文件", Filing.ErrorFor(page, "Files"), StringComparison.Ordinal);
        Assert.Equal("匿名反映：乡镇劳动保障站持有已故老人的社保卡。", page.QuerySelector("#Input_Description")!.TextContent.Trim());
    }

    private sealed class SmallBudgetFactory() : PetitionsFactory("upload-budget", kestrel: false)
    {
        // Small limits so that a request over the whole form's limit (2 files of 1 MB + 10 MB of fields) is cheap to send.
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
            [new("Storage:MaxBytesPerClientPerHour", (TestFiles.Pdf(Text).Length * 3 / 2).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Storage:MaxFiles", "2"), new("Storage:MaxFileBytes", "1048576")];
    }

    private sealed class FullDiskFactory() : PetitionsFactory("upload-floor", kestrel: false)
    {
        // A floor no disk reaches: every upload finds the disk "full".
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Storage:MinFreeBytes", "9000000000000000000")];
    }
}
