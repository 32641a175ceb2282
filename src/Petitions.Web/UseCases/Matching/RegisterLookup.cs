using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Matching;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Matching;

/// <summary>What the registers hold about one identity number a report names (the number shown masked).</summary>
public sealed record RegisterAnswer(string MaskedId, IReadOnlyList<RollAnswer> Roll, DateOnly? Died, IReadOnlyList<RegisterSource> DeathSources,
    IReadOnlyList<(DateOnly Admitted, DateOnly? Released)> Prison, IReadOnlyList<HitAnswer> Hits);

public sealed record RollAnswer(string PersonNumber, string? Name, string? Region, decimal? MonthlyAmount);

public sealed record HitAnswer(string Rule, int Months, decimal Amount, HitDecision? Decision, Guid? CaseId, string? CaseNumber);

/// <summary>
/// 以卡核人 for reports: the valid identity numbers a report's text names, looked up in the registers by their keyed hash
/// — on the roll? recorded dead, and by which registers? in prison? already a hit, and on which case? — for staff who may
/// see the report, on asking, the looking-up audited before anything is shown (these are records of people who reported
/// nothing). The numbers themselves are shown masked: the report already says them to whoever reads it.
/// </summary>
public sealed partial class RegisterLookup(AppDbContext db, StaffAccess access, RegisterSealing sealing, AuditLog audit)
{
    private static readonly RegisterSource[] Looked = [RegisterSource.PensionRoll, RegisterSource.Prison, .. DeathRegisters.All];

    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")] private static partial Regex IdLike();

    /// <summary>The valid identity numbers a text names, each once, in order.</summary>
    public static IReadOnlyList<string> NumbersIn(string text) =>
        [.. IdLike().Matches(text).Select(m => ChineseIdNumber.Normalize(m.Value)).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>Null when the report is not this person's to see; else an answer per number (none: the report names none).</summary>
    public async Task<IReadOnlyList<RegisterAnswer>?> LookAsync(ClaimsPrincipal user, Guid reportId, CancellationToken ct)
    {
        if (await access.FindAsync(user, reportId, ct) is not { } report)
        {
            return null;
        }
        var numbers = NumbersIn(report.Description);
        if (numbers.Count == 0)
        {
            return [];
        }
        await audit.AppendAsync(StaffAccess.UserId(user), AuditAction.ViewReport, reportId, $"registers looked up: {numbers.Count} identity numbers", ct);
        var answers = new List<RegisterAnswer>();
        foreach (var number in numbers)
        {
            var hash = sealing.Link(number)!;
            var rows = await db.RegisterEntries.AsNoTracking().Where(e => Looked.Contains(e.Source) && e.IdHash == hash)
                .Select(e => new { e.Source, e.PersonNumber, e.Name, e.Region, e.MonthlyAmount, e.EventDate, e.EndDate, e.Id }).ToListAsync(ct);
            var roll = rows.Where(r => r.Source == RegisterSource.PensionRoll && r.PersonNumber is not null).OrderByDescending(r => r.Id)
                .DistinctBy(r => r.PersonNumber).Select(r => new RollAnswer(r.PersonNumber!, r.Name, r.Region, r.MonthlyAmount)).ToList();
            var deaths = rows.Where(r => DeathRegisters.Includes(r.Source) && r.EventDate is not null).ToList();
            var hits = await db.MatchHits.AsNoTracking().Where(h => h.IdHash == hash).OrderBy(h => h.Rule).ThenBy(h => h.Round)
                .Select(h => new HitAnswer(h.Rule, h.Months, h.Amount, h.Decision, h.ReportId,
                    db.Reports.Where(r => r.Id == h.ReportId).Select(r => r.TrackingNumber).FirstOrDefault())).ToListAsync(ct);
            answers.Add(new(Mask(number), roll, deaths.Count == 0 ? null : deaths.Min(d => d.EventDate),
                [.. deaths.Select(d => d.Source).Distinct().Order()],
                [.. rows.Where(r => r.Source == RegisterSource.Prison && r.EventDate is not null).Select(r => (r.EventDate!.Value, r.EndDate)).Order()], hits));
        }
        return answers;
    }

    /// <summary>The region and the last four characters: enough to tell numbers apart on the page.</summary>
    public static string Mask(string number) => number[..6] + new string('*', 8) + number[14..];
}
