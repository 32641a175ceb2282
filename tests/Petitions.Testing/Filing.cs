using AngleSharp.Html.Dom;

namespace Petitions.Testing;

/// <summary>Filling and posting the real /Report form.</summary>
public static class Filing
{
    public static Dictionary<string, string?> ValidFields(string description = "衡南县某乡镇劳动保障站工作人员持有多张已故老人的社保卡，每月按时取款。") => new()
    {
        ["Input.Anonymous"] = "true",
        ["Input.KindCode"] = "deceased-pension",
        ["Input.ProvinceCode"] = "430000",
        ["Input.CityCode"] = "430400",
        ["Input.CountyCode"] = "430422",
        ["Input.People[0].Name"] = "张某",
        ["Input.People[0].Unit"] = "衡南县人社局农保中心",
        ["Input.People[0].Position"] = "股长",
        ["Input.PeriodFrom"] = "2016-01-01",
        ["Input.PeriodTo"] = "2020-12-31",
        ["Input.AmountYuan"] = "150000",
        ["Input.CardsOrPeople"] = "612",
        ["Input.Description"] = description,
    };

    public static async Task<HttpResponseMessage> PostAsync(FormClient client, Dictionary<string, string?> fields, MultipartFormDataContent? files = null, string language = "zh-CN")
    {
        var page = await client.GetPageAsync("/Report", language);
        if (fields.GetValueOrDefault("Input.Anonymous") == "false" && !fields.ContainsKey("Input.ReporterName"))
        {
            // A real-name report carries the reporter's name.
            fields["Input.ReporterName"] = "王小明";
        }
        if (!fields.ContainsKey("altcha") && fields.GetValueOrDefault("Input.Anonymous") != "false")
        {
            fields["altcha"] = await Altcha.SolveAsync(client.Http);
        }
        return await client.SubmitAsync(page, fields, extraContent: files ?? new MultipartFormDataContent());
    }

    /// <summary>Files through the form and waits for triage; returns the report's id, number and key.</summary>
    public static async Task<(Guid Id, string Number, string Key)> FileAndTriageAsync(PetitionsFactory factory, FormClient client, Dictionary<string, string?>? fields = null, MultipartFormDataContent? files = null)
    {
        var (number, key) = ReadReceipt(await FormClient.ParseAsync(await PostAsync(client, fields ?? ValidFields(), files)));
        var id = await factory.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Reports.Where(r => r.TrackingNumber == number).Select(r => r.Id)));
        await Wait.UntilAsync(() => factory.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.Reports, r => r.Id == id && r.TriagedAt != null)), TimeSpan.FromSeconds(15));
        return (id, number, key);
    }

    public static (string Number, string Key) ReadReceipt(IHtmlDocument page) =>
        (page.QuerySelector("#tracking-number")!.TextContent.Trim(), page.QuerySelector("#access-key")!.TextContent.Trim());

    public static string? ErrorFor(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for=\"{field}\"]")?.TextContent.Trim() is { Length: > 0 } text ? text : null;
}
