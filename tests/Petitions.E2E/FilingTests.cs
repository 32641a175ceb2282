using System.Text.RegularExpressions;
using ImageMagick;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Petitions.E2E;

/// <summary>
/// A citizen files an anonymous report in a real browser (the proof of work solved by the ALTCHA widget
/// itself), writes down the number and key, comes back on /Track, replies, and sees the reply.
/// </summary>
public sealed class FilingTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    public static TheoryData<string, string, string, string, string> Languages() => new()
    {
        // language, page heading, receipt heading, "report received", "your message has been added"
        { "zh-CN", "我要举报", "您的举报已收到", "收到举报", "您的留言已添加" },
        { "en", "File a report", "Your report has been received", "Report received", "Your message has been added." },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task AnonymousReport_WithAnImage_ThenTrackAndReply(string language, string heading, string receiptHeading, string received, string replied)
    {
        var page = await Fixture.NewPageAsync(language);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync("/Report");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);

        await page.Locator("#anon-yes").CheckAsync();
        await page.Locator("#Input_KindCode").SelectOptionAsync("deceased-pension");
        // The cascading selects fill themselves from /Report/Regions as one chooses.
        await page.Locator("#Input_ProvinceCode").SelectOptionAsync("430000");
        await Expect(page.Locator("#Input_CityCode option[value='430400']")).ToHaveCountAsync(1);
        await page.Locator("#Input_CityCode").SelectOptionAsync("430400");
        await Expect(page.Locator("#Input_CountyCode option[value='430422']")).ToHaveCountAsync(1);
        await page.Locator("#Input_CountyCode").SelectOptionAsync("430422");
        await page.Locator("#Input_Description").FillAsync($"[{language}] 某乡镇劳动保障站持有已故老人的社保卡，按月取款。");

        // What an iPhone sends: a HEIC photo that says where it was taken. (ImageMagick here writes no HEIC: an AVIF, the
        // same HEIF container, under the "heic" brand.)
        using var image = new MagickImage(MagickColors.SteelBlue, 80, 60);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(27, 1), new Rational(1, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.Artist, "Wang Xiaoming");
        image.SetProfile(exif);
        image.Format = MagickFormat.Avif;
        var heic = image.ToByteArray();
        "heic"u8.CopyTo(heic.AsSpan(8));
        await page.Locator("#Files").SetInputFilesAsync(new FilePayload { Name = "IMG_0001.HEIC", MimeType = "image/heic", Buffer = heic });

        // The proof of work runs in the browser's worker when the box is ticked; the widget speaks the page's language.
        await Expect(page.Locator("altcha-widget label[for^=altcha-checkbox]")).ToContainTextAsync(language == "en" ? "I am a person" : "我不是机器人");
        await page.Locator("altcha-widget label[for^=altcha-checkbox]").ClickAsync();
        await Expect(page.Locator("input[name=altcha]")).ToHaveValueAsync(new Regex(".{20,}"), new() { Timeout = 30_000 });
        await page.Locator("#submit-report").Last.ClickAsync();

        await Expect(page.Locator("#receipt-title")).ToHaveTextAsync(receiptHeading);
        var number = (await page.Locator("#tracking-number").TextContentAsync())!.Trim();
        var key = (await page.Locator("#access-key").TextContentAsync())!.Trim();
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", number);

        await page.Locator("a[href='/Track']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Track$"));
        await page.Locator("#Input_TrackingNumber").FillAsync(number);
        await page.Locator("#Input_AccessKey").FillAsync(key);
        await page.Locator("main form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#timeline")).ToContainTextAsync(received);
        // The photo the reporter sent is there as a JPEG, and it no longer says where it was taken nor by whom.
        await page.Locator("#what-you-sent summary").ClickAsync();
        await Expect(page.Locator("#own-files")).ToHaveTextAsync("IMG_0001.jpg");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#own-files a").ClickAsync());
        using (var kept = new MagickImage(await download.PathAsync()))
        {
            Assert.Equal((MagickFormat.Jpeg, 80u, 60u), (kept.Format, kept.Width, kept.Height));
            Assert.Null(kept.GetExifProfile());
        }
        var reply = $"[{language}] 补充：还有三张卡在李某处。";
        await page.Locator("#Message_Text").First.FillAsync(reply);
        await page.Locator("button[formaction*='handler=Reply']").ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync(replied);
        await Expect(page.Locator("#timeline li.message-reply")).ToContainTextAsync(reply);
    }
}
