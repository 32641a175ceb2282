using Petitions.Core.Reports;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Intake;

/// <summary>A person named in a report (any of the three may be empty).</summary>
public sealed record NamedInSubmission(string? Name, string? Unit, string? Position)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Unit) && string.IsNullOrWhiteSpace(Position);
}

/// <summary>A real-name reporter's identity, as typed (sealed before it is stored).</summary>
public sealed record ReporterSupplied(string? Name, string? IdNumber, string? Phone, string? Email);

/// <summary>
/// Where a report comes from and what that source supplies besides the facts: the channel, when it was received (its
/// clock starts then), who registered it (staff, for the desk and clues; nobody online), whether the reporter gets a
/// tracking key, and a clue's source, reference and the day it was found.
/// </summary>
public sealed record IntakeSource(
    ReportChannel Channel,
    ReportSource Source,
    DateTimeOffset? ReceivedAt = null,
    Guid? RegisteredById = null,
    string? Reference = null,
    DateOnly? FoundOn = null)
{
    /// <summary>A citizen's online report.</summary>
    public static IntakeSource Online { get; } = new(ReportChannel.Online, ReportSource.Citizen);

    /// <summary>A clue found by staff has nobody to follow it: no key is handed out and nobody is mailed.</summary>
    public bool IssuesKey => Source == ReportSource.Citizen;
}

/// <summary>
/// Everything any source files: the facts (kind, region, period, sums, text, people, files), the reporter (null:
/// anonymous), the signed-in account filing under its own name, and the source. Every source (online, the desk, clues,
/// and those to come: data matching, other systems) builds one of these and files it through <see cref="FileReport"/>.
/// </summary>
public sealed record Submission
{
    public required IntakeSource From { get; init; }
    public string? KindCode { get; init; }
    /// <summary>The region reported (a code or a name; resolved and checked by the rules).</summary>
    public string? Region { get; init; }
    public DateOnly? PeriodFrom { get; init; }
    public DateOnly? PeriodTo { get; init; }
    public decimal? AmountYuan { get; init; }
    public int? CardsOrPeople { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<NamedInSubmission> People { get; init; } = [];
    public ReporterSupplied? Reporter { get; init; }
    /// <summary>The citizen's own account, when a signed-in citizen files under their name (its address gets the answers).</summary>
    public (Guid Id, string? Email)? Account { get; init; }
    public IReadOnlyList<StoredFile> Files { get; init; } = [];
    /// <summary>The language of the reporter's notices and mails.</summary>
    public string Culture { get; init; } = "zh-CN";
}

/// <summary>One refusal: the submission's field (its name in <see cref="Submission"/>, "People[1].Name" for a person) and the message.</summary>
public sealed record IntakeError(string Field, string MessageKey, params object[] Args);

/// <summary>What filing gave: the receipt, or the refusals beside their fields.</summary>
public sealed record IntakeResult(Receipt? Receipt, Guid? ReportId, IReadOnlyList<IntakeError> Errors)
{
    public bool Filed => Receipt is not null;

    public static IntakeResult Refused(IReadOnlyList<IntakeError> errors) => new(null, null, errors);
}

/// <summary>What the reporter keeps: the number and key, when acceptance is decided and when they are told of it.</summary>
public sealed record Receipt(string TrackingNumber, string AccessKey, DateTimeOffset AcceptanceDue, DateTimeOffset AcceptanceNoticeDue, bool Anonymous);
