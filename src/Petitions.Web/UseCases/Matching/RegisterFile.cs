using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;

namespace Petitions.Web.UseCases.Matching;

/// <summary>
/// A register file as people have it: XLSX (the first sheet, streamed by ExcelDataReader), or CSV in UTF-8 (with or
/// without a byte-order mark) or GB18030 (what Chinese Excel and many government systems write), told apart by
/// whether the whole file is valid UTF-8. Rows come one at a time with their line in the file, so memory stays flat
/// whatever the size.
/// </summary>
public static class RegisterFile
{
    static RegisterFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The rows, the header first, each with its line (1 for the header).</summary>
    /// <summary>The rows of a CSV file in the encoding found by <see cref="Utf8Check"/> while it arrived, or of an XLSX file.</summary>
    public static IEnumerable<(int Line, string[] Cells)> Rows(string path, Encoding csvEncoding) => IsXlsx(path) ? Sheet(path) : Csv(path, csvEncoding);

    /// <summary>The rows, the encoding found by reading the file once more.</summary>
    public static IEnumerable<(int Line, string[] Cells)> Rows(string path)
    {
        var check = new Utf8Check();
        using (var file = File.OpenRead(path))
        {
            var bytes = new byte[81920];
            int read;
            while ((read = file.Read(bytes)) > 0)
            {
                check.Add(bytes.AsSpan(0, read));
            }
        }
        return Rows(path, check.Result());
    }

    /// <summary>
    /// Whether a file is valid UTF-8, fed block by block as it is read (a sequence split between blocks is carried
    /// over): UTF-8 when every byte sequence is valid; GB18030 otherwise.
    /// </summary>
    public sealed class Utf8Check
    {
        private readonly Decoder _strict = new UTF8Encoding(false, true).GetDecoder();
        private char[] _chars = new char[1024];
        private bool _invalid;

        public void Add(ReadOnlySpan<byte> bytes)
        {
            if (_invalid)
            {
                return;
            }
            if (_chars.Length < bytes.Length + 4)
            {
                _chars = new char[bytes.Length + 4];
            }
            try
            {
                _strict.GetChars(bytes, _chars, flush: false);
            }
            catch (DecoderFallbackException)
            {
                _invalid = true;
            }
        }

        public Encoding Result()
        {
            if (!_invalid)
            {
                try
                {
                    _strict.GetChars([], _chars, flush: true);
                }
                catch (DecoderFallbackException)
                {
                    _invalid = true;
                }
            }
            return _invalid ? Encoding.GetEncoding("GB18030") : new UTF8Encoding(false);
        }
    }

    private static bool IsXlsx(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        return file.Read(head) == 4 && head.SequenceEqual((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]);
    }

    private static IEnumerable<(int, string[])> Csv(string path, Encoding encoding)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var parser = new CsvParser(reader, config);
        while (parser.Read())
        {
            yield return (parser.RawRow, parser.Record ?? []);
        }
    }

    private static IEnumerable<(int, string[])> Sheet(string path)
    {
        using var file = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(file);
        var line = 0;
        while (reader.Read())
        {
            line++;
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetValue(i) switch
                {
                    null => "",
                    DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    double n => n.ToString("0.##", CultureInfo.InvariantCulture),
                    var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
                };
            }
            yield return (line, cells);
        }
    }
}
