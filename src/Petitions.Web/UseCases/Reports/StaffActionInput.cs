using System.ComponentModel.DataAnnotations;
using Petitions.Core.Reports;

namespace Petitions.Web.UseCases.Reports;

/// <summary>What the staff report page's forms send; each action reads the fields it needs.</summary>
public sealed class StaffActionInput
{
    public uint Version { get; set; }
    [StringLength(2000, ErrorMessage = "Validation.TooLong")] public string? Reason { get; set; }
    [StringLength(10_000, ErrorMessage = "Validation.TooLong")] public string? Text { get; set; }
    [StringLength(10_000, ErrorMessage = "Validation.TooLong")] public string? Note { get; set; }
    public Finding? Finding { get; set; }
    public Referral? Referral { get; set; }
    /// <summary>Checked against the configured maximum by the handler (the limit is policy, not a constant).</summary>
    public int? Days { get; set; }
    [Range(0, 1_000_000_000)] public decimal? MoneyStopped { get; set; }
    [Range(0, 1_000_000_000)] public decimal? MoneyRecovered { get; set; }
    [Range(0, 100_000)] public int? PeopleSanctioned { get; set; }
    [Range(0, 100_000)] public int? PeopleReferred { get; set; }
    /// <summary>The person chosen from the list of those who may take the report.</summary>
    public Guid? AssigneeId { get; set; }
    [StringLength(32)] public string? MergeInto { get; set; }
    /// <summary>A transfer: where to (another agency, or a jurisdiction in the portal), the receiving body's name, the region.</summary>
    public TransferBody? TransferTo { get; set; }
    [StringLength(200, ErrorMessage = "Validation.TooLong")] public string? Receiver { get; set; }
    [StringLength(100, ErrorMessage = "Validation.TooLong")] public string? TransferRegion { get; set; }
    /// <summary>A token the message and note forms carry: the same form posted twice (double click, back and post) saves once.</summary>
    public Guid? SubmissionId { get; set; }
}

/// <summary>How a bulk action went: how many reports it was taken on, and each refusal with its reason.</summary>
public sealed record BulkResult(int Done, IReadOnlyList<(Guid Id, Outcome Outcome)> Refused);
