using System.ComponentModel.DataAnnotations;
using Petitions.Core.Matching;
using Petitions.Data;

namespace Petitions.Web.Pages.Staff;

/// <summary>The outcome form of one matching hit on a case, as posted.</summary>
public sealed class HitOutcomeInput
{
    public HitDecision? Decision { get; set; }
    public DateOnly? StoppedOn { get; set; }
    public decimal? ToRecover { get; set; }
    public decimal? Recovered { get; set; }
    public FalsePositiveReason? Reason { get; set; }
    [StringLength(HitOutcomeRules.NoteMax)] public string? Note { get; set; }

    public HitOutcome ToOutcome() => new(Decision, StoppedOn, ToRecover, Recovered, Reason, Note);
}

/// <summary>
/// What the case page's matching section shows: the case's hits, whether this person may record outcomes, the hit whose
/// form was refused (shown again with what was typed) and the names of who decided.
/// </summary>
public sealed record MatchHitsView(Guid ReportId, IReadOnlyList<MatchHit> Hits, bool CanDecide, long? PostedHit, HitOutcomeInput Posted,
    IReadOnlyDictionary<Guid, string> Names, UseCases.Matching.RegisterNumbers? Numbers = null)
{
    /// <summary>Death rows linked to the person without an identity number (the evidence of each, as JSON).</summary>
    public IReadOnlyList<string> LinkEvidence { get; init; } = [];
}
