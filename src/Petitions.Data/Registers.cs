using Petitions.Core.Matching;

namespace Petitions.Data;

/// <summary>One imported file of a register: who brought it, when, its SHA-256 (the same file twice is refused), how many rows.</summary>
public sealed class RegisterImport
{
    public Guid Id { get; set; }
    public RegisterSource Source { get; set; }
    public required string FileName { get; set; }
    public required byte[] Sha256 { get; set; }
    public int Rows { get; set; }
    /// <summary>Null when imported from the command line.</summary>
    public Guid? ImportedById { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    /// <summary>When the import and its rows are purged (records of people who reported nothing are kept only so long).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// A header an analyst mapped for a source, remembered for every later file of it: the field it names, or none (a
/// column to leave out, such as a remark).
/// </summary>
public sealed class RegisterHeaderMap
{
    public RegisterSource Source { get; set; }
    /// <summary>The header as <see cref="RegisterLayout.KeyOf"/> normalises it.</summary>
    public required string Header { get; set; }
    public RegisterField? Field { get; set; }
    public Guid? SavedById { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>
/// A death register's row without a valid identity number, linked to a person on the roll by
/// <see cref="RecordLinkage"/>: a link the rules use at once, or a pair an analyst confirms or rejects first.
/// </summary>
public sealed class RegisterLink
{
    public long EntryId { get; set; }
    public required string PersonNumber { get; set; }
    public double Weight { get; set; }
    public LinkBand Band { get; set; }
    /// <summary>The evidence field by field (<see cref="LinkEvidence"/> as JSON), said in words on the pages.</summary>
    public required string Evidence { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
    /// <summary>An analyst's answer to a pair in the review band: true linked, false not the same person.</summary>
    public bool? Confirmed { get; set; }
    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>
/// A register row as stored: identity, card and phone numbers only as a keyed hash (to join on) and as ciphertext (to
/// show on a case); names, dates, regions and amounts in clear, as the rules read them.
/// </summary>
public sealed class RegisterEntry
{
    public long Id { get; set; }
    public Guid ImportId { get; set; }
    public RegisterSource Source { get; set; }
    public int Line { get; set; }
    public string? PersonNumber { get; set; }
    public string? Name { get; set; }
    public byte[]? IdHash { get; set; }
    public string? IdSealed { get; set; }
    public string? Sex { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? Region { get; set; }
    public byte[]? CardHash { get; set; }
    public string? CardSealed { get; set; }
    public byte[]? PhoneHash { get; set; }
    public string? PhoneSealed { get; set; }
    public byte[]? AddressHash { get; set; }
    public string? AddressSealed { get; set; }
    public decimal? MonthlyAmount { get; set; }
    public DateOnly? Period { get; set; }
    public decimal? Amount { get; set; }
    public PaymentKind? PaymentKind { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? Approver { get; set; }
    public DateOnly? EventDate { get; set; }
    /// <summary>A status change's kind (暂停发放, 恢复发放, 认证通过).</summary>
    public StatusKind? Status { get; set; }
    public string? Reason { get; set; }
    /// <summary>A prison release.</summary>
    public DateOnly? EndDate { get; set; }
    /// <summary>A bank withdrawal's local date and time, and the terminal it was made at.</summary>
    public DateTime? WithdrawnAt { get; set; }
    public string? Terminal { get; set; }
    /// <summary>A death row without a valid identity number: when linking last compared it with the roll (again after a new roll).</summary>
    public DateTimeOffset? LinkCheckedAt { get; set; }
}

/// <summary>
/// A row of a payment ledger: tens of millions of them in a province, so they live in their own narrow table, apart from
/// the other registers' rows, without a key or an index. An import stores them at about the speed of a plain COPY,
/// the rules read them in one scan, and nothing addresses one row alone (they leave with their import, by a scan).
/// The card only as its keyed hash.
/// </summary>
public sealed class RegisterPayment
{
    public Guid ImportId { get; set; }
    public int Line { get; set; }
    public required string PersonNumber { get; set; }
    public byte[]? CardHash { get; set; }
    public DateOnly Period { get; set; }
    public decimal Amount { get; set; }
    public PaymentKind PaymentKind { get; set; }
    public DateOnly PaidOn { get; set; }
    public string? Approver { get; set; }
}

/// <summary>
/// A risk rule's hit on one person: what the registers show (the death, the months and money paid after it), kept
/// once per rule and person whatever the number of runs; a run updates an undecided hit's figures and never a decided one.
/// </summary>
public sealed class MatchHit
{
    public long Id { get; set; }
    /// <summary>The rule's code, e.g. "paid-after-death".</summary>
    public required string Rule { get; set; }
    public required string PersonNumber { get; set; }
    public byte[]? IdHash { get; set; }
    public string? Name { get; set; }
    public string? Region { get; set; }
    public DateOnly? DeathDate { get; set; }
    /// <summary>The registers that record the death, comma-separated source names.</summary>
    public string? DeathSources { get; set; }
    public int Months { get; set; }
    public decimal Amount { get; set; }
    public DateOnly? FirstPeriod { get; set; }
    public DateOnly? LastPeriod { get; set; }
    /// <summary>Some of the money was back pay (待遇补发) to a dead person.</summary>
    public bool BackPay { get; set; }
    /// <summary>Who approved most of the payments made after death (the ledger's approver), for the dashboard by approver.</summary>
    public string? Approver { get; set; }
    /// <summary>For a rule on shared details (one phone behind many cards): how many people on the roll share it.</summary>
    public int? SharedWith { get; set; }
    /// <summary>Of those, how many a death register records as dead.</summary>
    public int? SharedWithDead { get; set; }
    /// <summary>The fact a rule other than a death's rests on: a suspension, a prison admission, a raise's period, an early payment.</summary>
    public DateOnly? FactFrom { get; set; }
    /// <summary>Where it ends: the resumption, the release.</summary>
    public DateOnly? FactTo { get; set; }
    /// <summary>A raise's size in percent of the amount before it.</summary>
    public decimal? Percent { get; set; }
    /// <summary>
    /// 0 for a rule's first hit on a person; a decided hit comes back only on a new fact (money paid again after a
    /// confirmation, a death register that had not recorded it), as the next round with <see cref="PreviousHitId"/>.
    /// </summary>
    public int Round { get; set; }
    public long? PreviousHitId { get; set; }
    public DateTimeOffset FoundAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The case the hit belongs to (one per person, with all its hits), once the run has filed it.</summary>
    public Guid? ReportId { get; set; }
    /// <summary>Null while undecided; the officer's outcome later. A decided hit is never changed by a run.</summary>
    public HitDecision? Decision { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedById { get; set; }
    /// <summary>A confirmed hit: the day payment stopped, the money to recover and what has been recovered.</summary>
    public DateOnly? StoppedOn { get; set; }
    public decimal? ToRecover { get; set; }
    public decimal? Recovered { get; set; }
    /// <summary>A false positive: why.</summary>
    public FalsePositiveReason? FalsePositiveReason { get; set; }
    public string? DecisionNote { get; set; }
}

/// <summary>A risk rule's threshold and whether it runs, as an administrator set them (<see cref="RiskRules"/> seeds them).</summary>
public sealed class MatchingRuleSetting
{
    public required string Code { get; set; }
    public bool Enabled { get; set; } = true;
    public int Threshold { get; set; }
    public Guid? UpdatedById { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
