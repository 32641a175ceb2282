namespace Petitions.Core.Matching;

/// <summary>Why a row (or the file) was refused; the page and the downloadable list say it in words.</summary>
public enum RowProblemKind
{
    /// <summary>A header that names no column of this register.</summary>
    UnknownColumn,
    /// <summary>A column this register must have is not in the file.</summary>
    MissingColumn,
    /// <summary>A required value is empty.</summary>
    Empty,
    /// <summary>Not an 18-character identity number with a right check character.</summary>
    BadIdNumber,
    BadDate,
    BadAmount,
    BadRegion,
    BadSex,
    /// <summary>A payment kind other than 正常发放, 待遇补发 or 待遇调整.</summary>
    BadPaymentKind,
    /// <summary>A date after the day of the import.</summary>
    FutureDate,
    /// <summary>A status change other than 暂停发放, 恢复发放 or 认证通过.</summary>
    BadStatus,
    /// <summary>An end (a release) before its start (the admission).</summary>
    EndBeforeStart,
}

/// <summary>A change of a pensioner's status on the roll.</summary>
public enum StatusKind
{
    /// <summary>暂停发放: payment suspended (a certification missed, a death reported, an imprisonment).</summary>
    Suspended,
    /// <summary>恢复发放: payment resumed.</summary>
    Resumed,
    /// <summary>认证通过: the yearly certification that the pensioner is alive and eligible passed.</summary>
    Certified,
}

/// <summary>One refusal: the file's line (the header is line 1), the column as the file names it, and why.</summary>
public sealed record RowProblem(int Line, string Column, RowProblemKind Kind);

public enum PaymentKind
{
    /// <summary>正常发放.</summary>
    Regular,
    /// <summary>待遇补发 (back pay).</summary>
    BackPay,
    /// <summary>待遇调整 (an adjustment).</summary>
    Adjustment,
}

/// <summary>A register row once checked: the values typed, still in clear (sealing is the store's job).</summary>
public sealed class RegisterRecord
{
    public int Line { get; init; }
    public string? PersonNumber { get; set; }
    public string? Name { get; set; }
    public string? IdNumber { get; set; }
    /// <summary>
    /// A death register's identity number that fails its check character (a clerk's slip): kept, sealed and unhashed,
    /// for probabilistic linking ("one digit off"), never joined on exactly.
    /// </summary>
    public string? UncheckedId { get; set; }
    public char? Sex { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? Region { get; set; }
    public string? Card { get; set; }
    public string? Phone { get; set; }
    public decimal? MonthlyAmount { get; set; }
    /// <summary>The month paid for (its first day).</summary>
    public DateOnly? Period { get; set; }
    public decimal? Amount { get; set; }
    public PaymentKind? PaymentKind { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? Approver { get; set; }
    /// <summary>The death (cremation, deregistration) date; a status change's date; a prison admission.</summary>
    public DateOnly? EventDate { get; set; }
    public StatusKind? Status { get; set; }
    public string? Reason { get; set; }
    /// <summary>A prison release.</summary>
    public DateOnly? EndDate { get; set; }
    /// <summary>A withdrawal's local date and time.</summary>
    public DateTime? WithdrawnAt { get; set; }
    public string? Terminal { get; set; }
    public string? Address { get; set; }
}
