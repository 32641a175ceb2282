using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Intake;

/// <summary>Online, at the desk and as a clue, a report goes through one intake use case: the same input, the same refusals.</summary>
public sealed class OneIntakeTests(PetitionsFactory factory) : WebTest(factory)
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task TheSameInvalidReport_GetsTheSameMessagesBesideTheSameFields_OnlineAtTheDeskAndAsAClue(string language)
    {
        var officer = await SignedInStaffAsync("desk@example.org", Roles.Officer, "窗口", "衡南县人社局", "430422");
        var today = Factory.Service<TimeLimitPolicy>().LocalDay(Factory.Clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // No kind, a description too short, a negative sum.
        var bad = new Dictionary<string, string?> { ["Input.KindCode"] = "", ["Input.Description"] = "太短", ["Input.AmountYuan"] = "-5" };

        var online = Filing.ValidFields();
        foreach (var (k, v) in bad)
        {
            online[k] = v;
        }
        var onlinePage = await FormClient.ParseAsync(await Filing.PostAsync(NewClient(), online, language: language));

        var desk = new Dictionary<string, string?>(bad) { ["Input.Channel"] = "Letter", ["Input.ReceivedOn"] = today, ["Input.Region"] = "衡南县" };
        var deskPage = await FormClient.ParseAsync(await officer.SubmitAsync(await officer.GetPageAsync("/Staff/Intake", language), desk));

        var clue = new Dictionary<string, string?>(bad) { ["Input.Source"] = "Audit", ["Input.Reference"] = "湘审〔2021〕3号", ["Input.FoundOn"] = today, ["Input.Region"] = "衡南县" };
        var cluePage = await FormClient.ParseAsync(await officer.SubmitAsync(await officer.GetPageAsync("/Staff/Clues", language), clue));

        foreach (var field in new[] { "Input.KindCode", "Input.Description", "Input.AmountYuan" })
        {
            var message = Filing.ErrorFor(onlinePage, field);
            Assert.False(string.IsNullOrEmpty(message), field);
            Assert.Equal(message, Filing.ErrorFor(deskPage, field));
            Assert.Equal(message, Filing.ErrorFor(cluePage, field));
        }
        Assert.Equal(0, await Factory.QueryAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task TheDesk_RegistersOnlyInsideTheOfficersJurisdictions_AsCluesDo()
    {
        var officer = await SignedInStaffAsync("desk@example.org", Roles.Officer, "窗口", "衡南县人社局", "430422");
        var today = Factory.Service<TimeLimitPolicy>().LocalDay(Factory.Clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var desk = new Dictionary<string, string?>
        {
            ["Input.Channel"] = "Visit", ["Input.ReceivedOn"] = today, ["Input.Region"] = "芙蓉区", ["Input.KindCode"] = "deceased-pension",
            ["Input.Description"] = "来访反映：社区有人冒领已故老人养老金。",
        };
        var page = await FormClient.ParseAsync(await officer.SubmitAsync(await officer.GetPageAsync("/Staff/Intake", "en"), desk));
        Assert.Equal("This region is outside your jurisdictions.", Filing.ErrorFor(page, "Input.Region"));
        Assert.Equal(0, await Factory.QueryAsync(db => db.Reports.CountAsync()));
    }
}
