using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Matching;

/// <summary>
/// An analyst imports registers as people have them: a GB18030 death register with a bad row is refused with its line
/// (nothing stored), corrected and imported; the same file twice is refused; an XLSX roll is imported; the identity,
/// card and phone numbers are nowhere in a dump of the database.
/// </summary>
public sealed class RegisterImportTests(PetitionsFactory factory) : WebTest(factory)
{
    static RegisterImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly string Wang = TestFiles.IdNumber("43042219480315001");
    private static readonly string Li = TestFiles.IdNumber("43042219520607002");

    private async Task<FormClient> AnalystAsync() =>
        await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");

    private static MultipartFormDataContent Form(byte[] file, string name) => new() { { new ByteArrayContent(file), "Upload", name } };

    [Fact]
    public async Task AGb18030DeathRegister_WithABadRow_IsRefusedWithItsLine_ThenImportedOnceCorrected_AndNotTwice()
    {
        var analyst = await AnalystAsync();
        var gb = Encoding.GetEncoding("GB18030");
        var bad = gb.GetBytes($"姓名,身份证号,性别,火化日期\r\n王德顺,{Wang},男,2019-03-02\r\n李秀英,{Li},女,2020-11-31\r\n");
        var page = await analyst.GetPageAsync("/Matching/Registers", "zh-CN");
        var refused = await FormClient.ParseAsync(await analyst.SubmitAsync(page, new Dictionary<string, string?> { ["Source"] = "Cremation" }, extraContent: Form(bad, "火化数据.csv")));

        Assert.Equal("文件未导入：发现 1 处问题。未保存任何数据；请修改文件后重新导入。", Filing.ErrorFor(refused, "Upload"));
        var row = refused.QuerySelector("#problems tbody tr")!;
        Assert.Equal(["3", "火化日期", "不是日期（请写作 2021-03-15）。"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal("Cremation", refused.QuerySelector("#Source option[selected]")!.GetAttribute("value"));
        Assert.Equal(0, await Factory.QueryAsync(db => db.RegisterImports.CountAsync()));
        var csv = await analyst.Http.GetStringAsync(refused.QuerySelector("#problems-download")!.GetAttribute("href")!.Replace("&amp;", "&", StringComparison.Ordinal)
            .Insert(0, "/Matching/Registers"));
        Assert.Contains("3,火化日期,不是日期（请写作 2021-03-15）。", csv, StringComparison.Ordinal);

        var good = gb.GetBytes($"姓名,身份证号,性别,火化日期\r\n王德顺,{Wang},男,2019-03-02\r\n李秀英,{Li},女,2020-11-20\r\n");
        var imported = await FormClient.ParseAsync(await analyst.SubmitAsync(page, new Dictionary<string, string?> { ["Source"] = "Cremation" }, extraContent: Form(good, "火化数据.csv")));
        Assert.Equal("已导入：“火化数据.csv”中的 2 行。", imported.QuerySelector("#notice")!.TextContent.Trim());
        var entries = await Factory.QueryAsync(db => db.RegisterEntries.OrderBy(e => e.Line).ToListAsync());
        Assert.Equal([("王德顺", new DateOnly(2019, 3, 2)), ("李秀英", new DateOnly(2020, 11, 20))], entries.Select(e => (e.Name!, e.EventDate!.Value)));
        Assert.All(entries, e => Assert.Equal(RegisterSource.Cremation, e.Source));
        Assert.True(await Factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.RegisterImported)));

        var twice = await FormClient.ParseAsync(await analyst.SubmitAsync(page, new Dictionary<string, string?> { ["Source"] = "Cremation" }, extraContent: Form(good, "again.csv")));
        Assert.StartsWith("此文件已于", Filing.ErrorFor(twice, "Upload"), StringComparison.Ordinal);
        Assert.Equal(1, await Factory.QueryAsync(db => db.RegisterImports.CountAsync()));
    }

    [Fact]
    public async Task AnUnknownHeader_AndAMissingColumn_AreNamed_InEnglishToo()
    {
        var analyst = await AnalystAsync();
        var file = Encoding.UTF8.GetBytes("person number,name,id number,region,card,monthly amount,favourite colour\n");
        var page = await analyst.GetPageAsync("/Matching/Registers", "en");
        var refused = await FormClient.ParseAsync(await analyst.SubmitAsync(page, new Dictionary<string, string?> { ["Source"] = "PensionRoll" }, extraContent: Form(file, "roll.csv")));
        var rows = refused.QuerySelectorAll("#problems tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(["1 | favourite colour | This column is not one of this register’s columns (see the list of columns below)."], rows);
    }

    [Fact]
    public async Task UnknownHeaders_AreMappedOnce_AndRememberedForTheirSource()
    {
        var analyst = await AnalystAsync();
        var file = Encoding.UTF8.GetBytes($"姓名,身份证号,亡故日期,备注\n王德顺,{Wang},2019-03-02,家属告知\n");
        var page = await analyst.GetPageAsync("/Matching/Registers", "zh-CN");
        var refused = await FormClient.ParseAsync(await analyst.SubmitAsync(page, new Dictionary<string, string?> { ["Source"] = "DeathCertificate" }, extraContent: Form(file, "死亡证明.csv")));
        var map = refused.QuerySelector("#header-map")!;
        Assert.Equal(["亡故日期", "备注"], map.QuerySelectorAll("label").Select(l => l.TextContent.Trim()));
        // The choices offered are this register's columns (a death register has no monthly amount), or to leave it out.
        Assert.Contains("死亡日期", map.QuerySelector("#map-0")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("月发放金额", map.QuerySelector("#map-0")!.TextContent, StringComparison.Ordinal);

        // One left unchosen: refused beside the form, the other choice kept.
        var unchosen = await FormClient.ParseAsync(await analyst.SubmitAsync(refused, new Dictionary<string, string?> { ["field"] = null },
            formAction: "/Matching/Registers?handler=Map", extraContent: new MultipartFormDataContent { { new StringContent("EventDate"), "field" }, { new StringContent(""), "field" } }));
        Assert.Equal("请为每一列选择含义，或选择不导入。", (unchosen.QuerySelector("#header-map [data-valmsg-for='Headers']") ?? throw new InvalidOperationException(unchosen.QuerySelector("main")?.InnerHtml)).TextContent.Trim());
        Assert.Equal("EventDate", unchosen.QuerySelector("#map-0 option[selected]")!.GetAttribute("value"));
        Assert.Equal(0, await Factory.QueryAsync(db => db.RegisterHeaderMaps.CountAsync()));

        var saved = await FormClient.ParseAsync(await analyst.SubmitAsync(unchosen, new Dictionary<string, string?> { ["field"] = null },
            formAction: "/Matching/Registers?handler=Map", extraContent: new MultipartFormDataContent { { new StringContent("EventDate"), "field" }, { new StringContent("ignore"), "field" } }));
        Assert.Equal("已为该来源保存 2 个列名的含义。请重新选择文件导入。", saved.QuerySelector("#notice")!.TextContent.Trim());
        Assert.Equal("DeathCertificate", saved.QuerySelector("#Source option[selected]")!.GetAttribute("value"));

        var imported = await FormClient.ParseAsync(await analyst.SubmitAsync(saved, new Dictionary<string, string?> { ["Source"] = "DeathCertificate" }, extraContent: Form(file, "死亡证明.csv")));
        Assert.Equal("已导入：“死亡证明.csv”中的 1 行。", (imported.QuerySelector("#notice") ?? throw new InvalidOperationException(imported.QuerySelector("main")?.TextContent)).TextContent.Trim());
        Assert.Equal(new DateOnly(2019, 3, 2), await Factory.QueryAsync(db => db.RegisterEntries.Select(e => e.EventDate).SingleAsync()));
        Assert.True(await Factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Detail == "register headers DeathCertificate: 2 mapped")));
        // Remembered for that source only: the cremation register still does not know the header.
        var another = Encoding.UTF8.GetBytes($"姓名,身份证号,亡故日期,备注\n李秀英,{Li},2020-11-20,\n");
        var other = await FormClient.ParseAsync(await analyst.SubmitAsync(saved, new Dictionary<string, string?> { ["Source"] = "Cremation" }, extraContent: Form(another, "火化.csv")));
        Assert.NotNull(other.QuerySelector("#header-map"));
    }

    [Fact]
    public async Task AnXlsxRoll_IsImported_AndNoIdentityCardOrPhoneNumber_IsInADumpOfTheDatabase()
    {
        var analyst = await AnalystAsync();
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("名册");
        string[] header = ["个人编号", "姓名", "身份证号", "性别", "出生日期", "行政区划", "社保卡号", "联系电话", "月发放金额", "住址"];
        for (var c = 0; c < header.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = header[c];
        }
        object[][] rows =
        [
            ["4304220001", "王德顺", Wang, "男", new DateTime(1948, 3, 15), "430422", "6217995550001234567", "13907340001", 1830.5, "衡南县谭子山镇石门村"],
            ["4304220002", "李秀英", Li, "女", new DateTime(1952, 6, 7), "衡南县", "6217995550007654321", "13907340001", 1620, "衡南县谭子山镇石门村"],
        ];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                switch (rows[r][c])
                {
                    case DateTime d: cell.Value = d; break;
                    case double n: cell.Value = n; break;
                    case int n: cell.Value = n; break;
                    // Long digit strings stay text, as an analyst formats an identity or card column.
                    case var other:
                        cell.SetValue(other.ToString());
                        cell.DataType = XLDataType.Text;
                        break;
                }
            }
        }
        using var xlsx = new MemoryStream();
        workbook.SaveAs(xlsx);
        var page = await analyst.GetPageAsync("/Matching/Registers", "en");
        var imported = await FormClient.ParseAsync(await analyst.SubmitAsync(page, new Dictionary<string, string?> { ["Source"] = "PensionRoll" }, extraContent: Form(xlsx.ToArray(), "roll.xlsx")));
        Assert.True(imported.QuerySelector("#notice") is not null, imported.QuerySelector("#problems")?.TextContent + Filing.ErrorFor(imported, "Upload"));
        Assert.Equal("Imported: 2 rows from “roll.xlsx”.", imported.QuerySelector("#notice")!.TextContent.Trim());
        var entries = await Factory.QueryAsync(db => db.RegisterEntries.OrderBy(e => e.Line).ToListAsync());
        Assert.Equal([1830.5m, 1620m], entries.Select(e => e.MonthlyAmount!.Value));
        Assert.Equal(["430422", "430422"], entries.Select(e => e.Region!));
        Assert.Equal(new DateOnly(1948, 3, 15), entries[0].BirthDate);
        // Both cards share one phone: their phone hashes are equal, which is what a rule joins on.
        Assert.Equal(entries[0].PhoneHash, entries[1].PhoneHash);
        Assert.NotNull(entries[0].IdSealed);

        var dump = await Factory.Database.DumpAsync();
        Assert.Contains("王德顺", dump, StringComparison.Ordinal);
        foreach (var secret in new[] { Wang, Li, "6217995550001234567", "13907340001", "石门村" })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheCommandLine_ImportsAFile_AndTheDailyJob_PurgesItOnceItsKeepingPeriodHasPassed()
    {
        var path = Path.Combine(Factory.StorageFolder, "..", $"deaths-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, $"name,id number,date of death\n王德顺,{Wang},2019-03-02\n", Encoding.UTF8);
        try
        {
            Assert.Equal(64, await Web.Infrastructure.RegistersCommand.RunAsync(Factory.Services, "obituaries", path));
            Assert.Equal(0, await Web.Infrastructure.RegistersCommand.RunAsync(Factory.Services, "death-certificate", path));
            Assert.Equal(4, await Web.Infrastructure.RegistersCommand.RunAsync(Factory.Services, "death-certificate", path));
        }
        finally
        {
            File.Delete(path);
        }
        var import = await Factory.QueryAsync(db => db.RegisterImports.SingleAsync());
        Assert.Equal((RegisterSource.DeathCertificate, 1, (Guid?)null), (import.Source, import.Rows, import.ImportedById));
        // A payment ledger (its rows have a table of their own) is purged with the rest.
        var ledger = Path.Combine(Factory.StorageFolder, "..", $"ledger-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(ledger, "个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期\nP1,6217000000000001,2019-01,1000.00,正常发放,2019-01-15\nP1,6217000000000001,2019-02,1000.00,正常发放,2019-02-15\n", Encoding.UTF8);
        try
        {
            Assert.Equal(0, await Web.Infrastructure.RegistersCommand.RunAsync(Factory.Services, "payment-ledger", ledger));
        }
        finally
        {
            File.Delete(ledger);
        }
        Assert.Equal(2, await Factory.QueryAsync(db => db.RegisterPayments.CountAsync(p => p.PersonNumber == "P1" && p.Amount == 1000m && p.PaymentKind == PaymentKind.Regular)));

        await Factory.RunRecurringAsync(Web.Jobs.RegisterPurgeJob.Id);
        Assert.Equal(1, await Factory.QueryAsync(db => db.RegisterEntries.CountAsync()));
        Factory.Clock.Set(import.ExpiresAt.AddMinutes(1));
        await Factory.RunRecurringAsync(Web.Jobs.RegisterPurgeJob.Id);
        Assert.Equal(0, await Factory.QueryAsync(db => db.RegisterImports.CountAsync()));
        Assert.Equal(0, await Factory.QueryAsync(db => db.RegisterEntries.CountAsync()));
        Assert.Equal(0, await Factory.QueryAsync(db => db.RegisterPayments.CountAsync()));
        Assert.True(await Factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Detail == "register imports purged: 2")));
    }
}
