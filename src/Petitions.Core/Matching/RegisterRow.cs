using System.Globalization;
using Petitions.Core.Regions;
using Petitions.Core.Reports;

namespace Petitions.Core.Matching;

/// <summary>Checks one row against its register's rules: every required value there, each value what it claims to be.</summary>
public static class RegisterRow
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy.M.d", "yyyy年M月d日"];
    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyyMMddHHmmss", "yyyy-MM-ddTHH:mm:ss"];
    private static readonly string[] MonthFormats = ["yyyy-MM", "yyyy/M", "yyyyMM", "yyyy.M", "yyyy年M月", .. DateFormats];

    /// <summary>The common forms read without the general parser: 2021-03-15, and a month as 2021-03 (its first day).</summary>
    private static bool IsoDate(string text, bool monthAllowed, out DateOnly day)
    {
        day = default;
        static bool Digits(string t, int from, int count, out int value)
        {
            value = 0;
            for (var i = from; i < from + count; i++)
            {
                if (t[i] is < '0' or > '9')
                {
                    return false;
                }
                value = (value * 10) + (t[i] - '0');
            }
            return true;
        }
        if (text.Length is not (7 or 10) || (text.Length == 7 && !monthAllowed) || text[4] != '-' || !Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month)
            || month is < 1 or > 12 || year < 1)
        {
            return false;
        }
        if (text.Length == 7)
        {
            day = new DateOnly(year, month, 1);
            return true;
        }
        if (text[7] != '-' || !Digits(text, 8, 2, out var dayOfMonth) || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        day = new DateOnly(year, month, dayOfMonth);
        return true;
    }

    /// <summary>
    /// An address as it is compared: full-width letters and digits made half-width, spaces and punctuation removed
    /// (湖南省衡南县 ＣＩ村 ３号 and 湖南省衡南县CI村3号 are one address).
    /// </summary>
    public static string AddressKey(string address) =>
        new string(address.Normalize(System.Text.NormalizationForm.FormKC).Where(c => char.IsLetterOrDigit(c)).ToArray()).ToUpperInvariant();

    public static (RegisterRecord Record, List<RowProblem> Problems) Check(RegisterSource source, int line,
        IReadOnlyDictionary<RegisterField, (string Column, string Value)> values, RegionCatalogue regions, DateOnly today)
    {
        var problems = new List<RowProblem>();
        var record = new RegisterRecord { Line = line };
        var required = RegisterLayout.Required(source);
        string? Text(RegisterField field)
        {
            if (!values.TryGetValue(field, out var cell) || string.IsNullOrWhiteSpace(cell.Value))
            {
                if (required.Contains(field))
                {
                    problems.Add(new(line, values.TryGetValue(field, out var c) ? c.Column : field.ToString(), RowProblemKind.Empty));
                }
                return null;
            }
            return cell.Value.Trim();
        }
        void Problem(RegisterField field, RowProblemKind kind) => problems.Add(new(line, values[field].Column, kind));
        DateOnly? Date(RegisterField field, string[] formats)
        {
            if (Text(field) is not { } text)
            {
                return null;
            }
            if (!IsoDate(text, formats == MonthFormats, out var day) && !DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                Problem(field, RowProblemKind.BadDate);
                return null;
            }
            if (day > today)
            {
                Problem(field, RowProblemKind.FutureDate);
            }
            return day;
        }
        decimal? Money(RegisterField field)
        {
            if (Text(field) is not { } text)
            {
                return null;
            }
            if (text.AsSpan().IndexOfAny(',', '¥') >= 0)
            {
                text = text.Replace(",", "", StringComparison.Ordinal).Replace("¥", "", StringComparison.Ordinal);
            }
            if (!decimal.TryParse(text,
                    NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
                || Math.Abs(amount) > 10_000_000m || decimal.Round(amount, 2) != amount)
            {
                Problem(field, RowProblemKind.BadAmount);
                return null;
            }
            return amount;
        }

        record.PersonNumber = Text(RegisterField.PersonNumber);
        record.Name = Text(RegisterField.Name);
        if (Text(RegisterField.IdNumber) is { } id)
        {
            record.IdNumber = ChineseIdNumber.Normalize(id);
            var shaped = new string(id.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
            if (record.IdNumber is null && DeathRegisters.Includes(source)
                && shaped.Length == 18 && shaped[..17].All(char.IsAsciiDigit) && (char.IsAsciiDigit(shaped[17]) || shaped[17] == 'X'))
            {
                // A death register's number with a wrong check character: a slip to link around, not a row to refuse.
                record.UncheckedId = shaped;
            }
            else if (record.IdNumber is null)
            {
                Problem(RegisterField.IdNumber, RowProblemKind.BadIdNumber);
            }
        }
        if (Text(RegisterField.Sex) is { } sex)
        {
            record.Sex = sex switch { "男" or "M" or "m" or "1" => 'M', "女" or "F" or "f" or "2" => 'F', _ => null };
            if (record.Sex is null)
            {
                Problem(RegisterField.Sex, RowProblemKind.BadSex);
            }
        }
        record.BirthDate = Date(RegisterField.BirthDate, DateFormats);
        // A valid identity number says the birth date and sex (GB 11643: digits 7–14, and the 17th odd for men) when the
        // register does not: what linking compares records without one against.
        if (record.IdNumber is { } valid)
        {
            if (record.BirthDate is null && DateOnly.TryParseExact(valid[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
            {
                record.BirthDate = born;
            }
            record.Sex ??= (valid[16] - '0') % 2 == 1 ? 'M' : 'F';
        }
        if (Text(RegisterField.Region) is { } region)
        {
            record.Region = regions.Resolve(region);
            if (record.Region is null)
            {
                Problem(RegisterField.Region, RowProblemKind.BadRegion);
            }
        }
        record.Card = Text(RegisterField.Card);
        record.Phone = Text(RegisterField.Phone);
        record.MonthlyAmount = Money(RegisterField.MonthlyAmount);
        var period = Date(RegisterField.Period, MonthFormats);
        record.Period = period is { } p ? new DateOnly(p.Year, p.Month, 1) : null;
        record.Amount = Money(RegisterField.Amount);
        if (Text(RegisterField.PaymentKind) is { } kind)
        {
            record.PaymentKind = kind switch
            {
                "正常发放" or "regular" => PaymentKind.Regular,
                "待遇补发" or "补发" or "back-pay" or "backpay" => PaymentKind.BackPay,
                "待遇调整" or "调整" or "adjustment" => PaymentKind.Adjustment,
                _ => null,
            };
            if (record.PaymentKind is null)
            {
                Problem(RegisterField.PaymentKind, RowProblemKind.BadPaymentKind);
            }
        }
        record.PaidOn = Date(RegisterField.PaidOn, DateFormats);
        record.Approver = Text(RegisterField.Approver);
        record.EventDate = Date(RegisterField.EventDate, DateFormats);
        if (Text(RegisterField.Status) is { } status)
        {
            record.Status = status switch
            {
                "暂停发放" or "暂停" or "suspended" or "suspend" => StatusKind.Suspended,
                "恢复发放" or "恢复" or "resumed" or "resume" => StatusKind.Resumed,
                "认证通过" or "资格认证通过" or "认证" or "certified" => StatusKind.Certified,
                _ => null,
            };
            if (record.Status is null)
            {
                Problem(RegisterField.Status, RowProblemKind.BadStatus);
            }
        }
        if (Text(RegisterField.WithdrawnAt) is { } at)
        {
            if (!DateTime.TryParseExact(at, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
            {
                Problem(RegisterField.WithdrawnAt, RowProblemKind.BadDate);
            }
            else if (DateOnly.FromDateTime(when) > today)
            {
                Problem(RegisterField.WithdrawnAt, RowProblemKind.FutureDate);
            }
            else
            {
                record.WithdrawnAt = when;
            }
        }
        record.Address = Text(RegisterField.Address) is { } address ? AddressKey(address) : null;
        record.Terminal = Text(RegisterField.Terminal) is { } terminal ? terminal[..Math.Min(terminal.Length, 64)] : null;
        record.Reason = Text(RegisterField.Reason) is { } reason ? reason[..Math.Min(reason.Length, 200)] : null;
        record.EndDate = Date(RegisterField.EndDate, DateFormats);
        if (record.EndDate < record.EventDate)
        {
            Problem(RegisterField.EndDate, RowProblemKind.EndBeforeStart);
        }
        return (record, problems);
    }
}
