namespace Petitions.Core.Matching;

/// <summary>Where a register comes from. Each import is of one source; the rules read them together.</summary>
public enum RegisterSource
{
    /// <summary>The pension roll (待遇领取人员名册): who is paid, to which card, how much a month.</summary>
    PensionRoll,
    /// <summary>The payment ledger (发放明细): each payment, its period, amount, kind and approver.</summary>
    PaymentLedger,
    /// <summary>Cremations reported by civil affairs (民政火化数据).</summary>
    Cremation,
    /// <summary>Household registrations cancelled on death by public security (公安户籍注销).</summary>
    HouseholdDeregistration,
    /// <summary>Medical certificates of death from the health authorities (卫健死亡医学证明).</summary>
    DeathCertificate,
    /// <summary>Status changes on the roll (待遇状态变更): suspended, resumed, certified alive (认证通过).</summary>
    StatusChange,
    /// <summary>Prison admissions and releases from the justice authorities (服刑人员信息).</summary>
    Prison,
    /// <summary>A bank's card withdrawals (银行卡取款流水): card, time, terminal, amount.</summary>
    BankWithdrawal,
}

/// <summary>The fields a register row may carry.</summary>
public enum RegisterField
{
    PersonNumber,
    Name,
    IdNumber,
    Sex,
    BirthDate,
    Region,
    Card,
    Phone,
    MonthlyAmount,
    Period,
    Amount,
    PaymentKind,
    PaidOn,
    Approver,
    EventDate,
    Status,
    Reason,
    EndDate,
    /// <summary>A withdrawal's date and time (local).</summary>
    WithdrawnAt,
    Terminal,
    /// <summary>The pensioner's address as the roll has it (joined on, sealed at rest).</summary>
    Address,
}

/// <summary>
/// What each register must and may carry, and the headers people give those columns in Chinese and in English. A
/// header is recognised after removing spaces, brackets and case; an unknown header stops the import with its name.
/// </summary>
public static class RegisterLayout
{
    private static readonly Dictionary<RegisterField, string[]> Headers = new()
    {
        [RegisterField.PersonNumber] = ["个人编号", "人员编号", "社保编号", "person", "personnumber", "personno", "personid"],
        [RegisterField.Name] = ["姓名", "name"],
        [RegisterField.IdNumber] = ["身份证号", "身份证号码", "公民身份号码", "证件号码", "idnumber", "id", "residentid"],
        [RegisterField.Sex] = ["性别", "sex", "gender"],
        [RegisterField.BirthDate] = ["出生日期", "birthdate", "dateofbirth", "born"],
        [RegisterField.Region] = ["行政区划", "行政区划代码", "区划代码", "region", "regioncode"],
        [RegisterField.Card] = ["社保卡号", "银行卡号", "银行账号", "卡号", "card", "cardnumber", "account", "bankaccount"],
        [RegisterField.Phone] = ["联系电话", "手机号", "电话", "phone", "contactphone", "mobile"],
        [RegisterField.MonthlyAmount] = ["月发放金额", "月养老金", "月待遇", "monthlyamount", "monthly"],
        [RegisterField.Period] = ["待遇期", "发放期", "所属期", "period"],
        [RegisterField.Amount] = ["金额", "发放金额", "amount"],
        [RegisterField.PaymentKind] = ["发放类型", "类型", "kind", "paymentkind"],
        [RegisterField.PaidOn] = ["发放日期", "支付日期", "paidon", "paymentdate"],
        [RegisterField.Approver] = ["审核人", "经办人", "approver", "approvedby"],
        [RegisterField.EventDate] = ["死亡日期", "火化日期", "注销日期", "日期", "dateofdeath", "deathdate", "cremationdate", "date",
            "变更日期", "状态变更日期", "入监日期", "收监日期", "changedate", "admissiondate", "admitted"],
        [RegisterField.Status] = ["变更类型", "状态变更", "待遇状态", "status", "statuschange", "change"],
        [RegisterField.Reason] = ["原因", "变更原因", "reason"],
        [RegisterField.EndDate] = ["释放日期", "出狱日期", "刑满释放日期", "releasedate", "released", "enddate"],
        [RegisterField.WithdrawnAt] = ["交易时间", "取款时间", "交易日期时间", "time", "withdrawnat", "datetime", "timestamp"],
        [RegisterField.Address] = ["住址", "居住地址", "家庭住址", "联系地址", "address", "homeaddress"],
        [RegisterField.Terminal] = ["终端号", "设备号", "ATM编号", "terminal", "terminalid", "atm"],
    };

    private static readonly Dictionary<RegisterSource, RegisterField[]> RequiredBySource =
        Enum.GetValues<RegisterSource>().ToDictionary(s => s, s => RequiredOf(s).ToArray());

    private static readonly Dictionary<RegisterSource, RegisterField[]> OptionalBySource =
        Enum.GetValues<RegisterSource>().ToDictionary(s => s, s => OptionalOf(s).ToArray());

    /// <summary>The fields a source must carry (a row missing one is refused).</summary>
    public static IReadOnlyList<RegisterField> Required(RegisterSource source) => RequiredBySource[source];

    /// <summary>The fields a source may also carry.</summary>
    public static IReadOnlyList<RegisterField> Optional(RegisterSource source) => OptionalBySource[source];

    private static IReadOnlyList<RegisterField> RequiredOf(RegisterSource source) => source switch
    {
        RegisterSource.PensionRoll => [RegisterField.PersonNumber, RegisterField.Name, RegisterField.IdNumber, RegisterField.Region, RegisterField.Card, RegisterField.MonthlyAmount],
        RegisterSource.PaymentLedger => [RegisterField.PersonNumber, RegisterField.Card, RegisterField.Period, RegisterField.Amount, RegisterField.PaymentKind, RegisterField.PaidOn],
        RegisterSource.StatusChange => [RegisterField.PersonNumber, RegisterField.Status, RegisterField.EventDate],
        RegisterSource.Prison => [RegisterField.Name, RegisterField.IdNumber, RegisterField.EventDate],
        RegisterSource.BankWithdrawal => [RegisterField.Card, RegisterField.WithdrawnAt, RegisterField.Terminal],
        _ => [RegisterField.Name, RegisterField.EventDate],
    };

    private static IReadOnlyList<RegisterField> OptionalOf(RegisterSource source) => source switch
    {
        RegisterSource.PensionRoll => [RegisterField.Sex, RegisterField.BirthDate, RegisterField.Phone, RegisterField.Address],
        RegisterSource.PaymentLedger => [RegisterField.Approver],
        RegisterSource.StatusChange => [RegisterField.Reason, RegisterField.Approver],
        RegisterSource.Prison => [RegisterField.EndDate, RegisterField.Sex, RegisterField.BirthDate, RegisterField.Region],
        RegisterSource.BankWithdrawal => [RegisterField.Amount],
        _ => [RegisterField.IdNumber, RegisterField.Sex, RegisterField.BirthDate, RegisterField.Region],
    };

    /// <summary>
    /// The field a header names for this source, or null when the source has no such column. <paramref name="remembered"/>
    /// holds the headers an analyst mapped for this source (by <see cref="KeyOf"/>; a null field: a column to leave out).
    /// </summary>
    public static HeaderMeaning Read(RegisterSource source, string header, IReadOnlyDictionary<string, RegisterField?>? remembered)
    {
        if (remembered is not null && remembered.TryGetValue(KeyOf(header), out var mapped))
        {
            return mapped is { } field && Accepts(source, field) ? new(field, false) : new(null, mapped is null);
        }
        return new(FieldOf(source, header), false);
    }

    /// <summary>True when the source has a column for the field.</summary>
    public static bool Accepts(RegisterSource source, RegisterField field) => Required(source).Contains(field) || Optional(source).Contains(field);

    /// <summary>The field a header names for this source, or null when the source has no such column.</summary>
    public static RegisterField? FieldOf(RegisterSource source, string header)
    {
        var key = Key(header);
        foreach (var (field, names) in Headers)
        {
            if (names.Contains(key) && (Required(source).Contains(field) || Optional(source).Contains(field)))
            {
                return field;
            }
        }
        return null;
    }

    /// <summary>The names a field is recognised by (for the page that explains the columns).</summary>
    public static IReadOnlyList<string> NamesOf(RegisterField field) => Headers[field];

    /// <summary>The names to show first for a field of a source (a status change's date is not a date of death).</summary>
    public static IReadOnlyList<string> NamesFor(RegisterSource source, RegisterField field) => (source, field) switch
    {
        (RegisterSource.StatusChange, RegisterField.EventDate) => ["变更日期", "状态变更日期", "changedate"],
        (RegisterSource.Prison, RegisterField.EventDate) => ["入监日期", "收监日期", "admissiondate"],
        _ => Headers[field],
    };

    /// <summary>How a header is remembered: without spaces, brackets, underscores, dashes and case.</summary>
    public static string KeyOf(string header) => Key(header);

    private static string Key(string header) =>
        new string(header.Where(c => !char.IsWhiteSpace(c) && c is not ('(' or ')' or '（' or '）' or '_' or '-' or '*')).ToArray()).ToLowerInvariant();
}

/// <summary>The death registers (the rules and the linking read these three together).</summary>
public static class DeathRegisters
{
    public static readonly IReadOnlyList<RegisterSource> All = [RegisterSource.Cremation, RegisterSource.HouseholdDeregistration, RegisterSource.DeathCertificate];

    public static bool Includes(RegisterSource source) => All.Contains(source);
}

/// <summary>What a header means for a source: a field, a column an analyst chose to leave out, or (neither) unknown.</summary>
public readonly record struct HeaderMeaning(RegisterField? Field, bool Ignored);
