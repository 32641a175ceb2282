using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace Petitions.Web.Statistics;

/// <summary>
/// The figures of a statistics page as CSV (CsvHelper) or XLSX (ClosedXML): one row per figure with its
/// section, label and value, in the page's order and language. Numbers are plain numbers (percentages in
/// percent, money in yuan); a withheld count is written as the page writes it ("&lt;5", or the range a cell withheld
/// to protect another is known to lie in), a figure that is not
/// available as an empty cell.
/// </summary>
public static class StatsExport
{
    public sealed record Line(string Section, string Item, decimal? Value, string? Text);

    public static IEnumerable<Line> Lines(StatsView view, IStringLocalizer l)
    {
        foreach (var section in view.Sections)
        {
            foreach (var f in section.Figures)
            {
                yield return new Line(section.Title, f.Label + Unit(f.Format, l), f.Value, f.Value is null && f.Withheld ? StatsView.Text(null, f.Format, true, l, f.Range) : null);
            }
        }
        foreach (var b in view.Breakdowns)
        {
            foreach (var row in b.Rows)
            {
                yield return new Line(b.Title, row.Label, row.Value, row.Value is null ? StatsView.Text(null, FigureFormat.Count, true, l, row.Range) : null);
            }
        }
    }

    private static string Unit(FigureFormat format, IStringLocalizer l) => format switch
    {
        FigureFormat.Percent => " (%)",
        FigureFormat.Money => " (" + l["Stats.Unit.Yuan"] + ")",
        FigureFormat.Days => " (" + l["Stats.Unit.Days"] + ")",
        _ => "",
    };

    private static IEnumerable<string[]> Heading(StatsView view, string asOf, IStringLocalizer l) =>
    [
        [l["Stats.Export.Region"], view.RegionName],
        [l["Stats.Export.Period"], view.Period],
        [l["Stats.Export.AsOf"], asOf],
    ];

    /// <summary>
    /// Text that a spreadsheet could take for a formula (it begins with =, +, -, @, a tab or a carriage return) is
    /// written with a leading apostrophe, as OWASP's CSV-injection guidance advises; numbers are written as numbers.
    /// </summary>
    public static string Neutralize(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>The download for a page's "Download CSV" or "Download Excel" link: XLSX when asked for, else CSV.</summary>
    public static Microsoft.AspNetCore.Mvc.FileContentResult File(StatsView view, string? format, string name, Services.Display display, IStringLocalizer l)
    {
        var asOf = display.When(view.AsOf);
        return File(Heading(view, asOf, l), Lines(view, l), format, name, l);
    }

    /// <summary>Any page's figures as a download: heading rows (label, value), then one row per figure.</summary>
    public static Microsoft.AspNetCore.Mvc.FileContentResult File(IEnumerable<string[]> heading, IEnumerable<Line> lines, string? format, string name, IStringLocalizer l) =>
        format == "xlsx"
            ? new(Xlsx(heading, lines, l), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { FileDownloadName = name + ".xlsx" }
            : new(Csv(heading, lines, l), "text/csv; charset=utf-8") { FileDownloadName = name + ".csv" };

    public static byte[] Csv(StatsView view, string asOf, IStringLocalizer l) => Csv(Heading(view, asOf, l), Lines(view, l), l);

    public static byte[] Csv(IEnumerable<string[]> headings, IEnumerable<Line> lines, IStringLocalizer l)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var heading in headings)
            {
                csv.WriteField(Neutralize(heading[0]));
                csv.WriteField(Neutralize(heading[1]));
                csv.NextRecord();
            }
            csv.WriteField(l["Stats.Export.Section"].Value);
            csv.WriteField(l["Stats.Export.Item"].Value);
            csv.WriteField(l["Stats.Export.Value"].Value);
            csv.NextRecord();
            foreach (var line in lines)
            {
                csv.WriteField(Neutralize(line.Section));
                csv.WriteField(Neutralize(line.Item));
                csv.WriteField(line.Value?.ToString(CultureInfo.InvariantCulture) ?? Neutralize(line.Text ?? ""));
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    public static byte[] Xlsx(StatsView view, string asOf, IStringLocalizer l) => Xlsx(Heading(view, asOf, l), Lines(view, l), l);

    public static byte[] Xlsx(IEnumerable<string[]> headings, IEnumerable<Line> lines, IStringLocalizer l)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(l["Stats.Export.Sheet"].Value);
        var row = 1;
        foreach (var heading in headings)
        {
            sheet.Cell(row, 1).SetValue(Neutralize(heading[0]));
            sheet.Cell(row, 2).SetValue(Neutralize(heading[1]));
            row++;
        }
        sheet.Cell(row, 1).Value = l["Stats.Export.Section"].Value;
        sheet.Cell(row, 2).Value = l["Stats.Export.Item"].Value;
        sheet.Cell(row, 3).Value = l["Stats.Export.Value"].Value;
        sheet.Row(row).Style.Font.Bold = true;
        row++;
        foreach (var line in lines)
        {
            sheet.Cell(row, 1).SetValue(Neutralize(line.Section));
            sheet.Cell(row, 2).SetValue(Neutralize(line.Item));
            if (line.Value is { } value)
            {
                sheet.Cell(row, 3).SetValue(value);
            }
            else
            {
                sheet.Cell(row, 3).SetValue(Neutralize(line.Text ?? ""));
            }
            row++;
        }
        sheet.Column(1).Width = 24;
        sheet.Column(2).Width = 48;
        sheet.Column(3).Width = 18;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
