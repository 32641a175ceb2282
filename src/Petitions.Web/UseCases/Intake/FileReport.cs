using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Core.Tracking;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Intake;

/// <summary>
/// The one way a report comes in, whatever its source (online, the desk, clues, and those to come): checks the
/// submission (<see cref="IntakeRules"/>), builds the report with its people and files, starts its clock through Core,
/// stores it in one transaction (with its audit entry when staff registered it) and raises the triage signal. An
/// anonymous report stores nothing that points to a person: no account, no address, no contact unless typed (sealed).
/// </summary>
public sealed class FileReport(AppDbContext db, IntakeRules rules, AccessKeyHasher hasher, ReporterIdentities identities, TimeLimitPolicy policy,
    TimeProvider clock, IWorkQueue work, Infrastructure.PetitionsMetrics metrics, ReportKindCatalogue kinds, AuditLog audit, Transaction transaction)
{
    public const int MaxPeople = IntakeRules.MaxPeople;

    /// <summary>The refusals a submission would get, without filing it (a form checks before spending its proof of work).</summary>
    public Task<(List<IntakeError> Errors, string? RegionCode)> CheckAsync(Submission s, CancellationToken ct) => rules.CheckAsync(s, ct);

    public async Task<IntakeResult> FileAsync(Submission s, CancellationToken ct)
    {
        var (errors, region) = await rules.CheckAsync(s, ct);
        if (errors.Count > 0 || region is null)
        {
            return IntakeResult.Refused(errors);
        }
        var now = clock.GetUtcNow();
        var key = TrackingCodes.NewAccessKey();
        var reporter = s.Reporter;
        var report = new Report
        {
            Id = Guid.CreateVersion7(now),
            TrackingNumber = TrackingCodes.NewTrackingNumber(),
            // A clue has nobody to follow it: its key is random, hashed and never shown.
            AccessKeyHash = hasher.Hash(key),
            IsAnonymous = reporter is null,
            ReporterKey = reporter is not null && s.Account is { } account ? identities.LinkOf(account.Id) : null,
            IdentityProtected = reporter is null ? null : identities.Seal(new ReporterIdentity(reporter.Name!.Trim(),
                ChineseIdNumber.Normalize(reporter.IdNumber), Blank(reporter.Phone), s.Account?.Email ?? Blank(reporter.Email))),
            Channel = s.From.Channel,
            Source = s.From.Source,
            SourceReference = Blank(s.From.Reference),
            FoundOn = s.From.FoundOn,
            RegisteredById = s.From.RegisteredById,
            KindCode = s.KindCode!,
            // The kind's legal regime sets every time limit of the report from now on.
            RegimeCode = await kinds.RegimeOfAsync(s.KindCode!, ct),
            RegionCode = region,
            PeriodFrom = s.PeriodFrom,
            PeriodTo = s.PeriodTo,
            AmountYuan = s.AmountYuan,
            CardsOrPeople = s.CardsOrPeople,
            Description = s.Description!.Trim(),
            Culture = s.Culture,
            People = s.People.Where(p => !p.IsEmpty).Take(MaxPeople)
                .Select(p => new NamedPerson { Name = Blank(p.Name), Unit = Blank(p.Unit), Position = Blank(p.Position) }).ToList(),
            Attachments = s.Files.RequireClean().Select(f => new Attachment
            {
                Id = Guid.NewGuid(), DisplayName = f.DisplayName, ContentType = f.ContentType, Length = f.Length, StorageKey = f.StorageKey, AddedAt = now,
            }).ToList(),
        };
        using var span = Infrastructure.Tracing.StartForReport("report.file", report.Id);
        report.MarkSubmitted(s.From.ReceivedAt ?? now, policy);
        // Its deadline's state from the moment it is filed (triage works out the same, so triage's update leaves the
        // statistics alone: no second change for the fold job to read).
        report.DueState = policy.StateOf(report.DueAt, now);
        if (s.From.RegisteredById is { } staff)
        {
            // Registered by staff: the report and its audit entry commit together.
            await transaction.RunAsync(async token =>
            {
                db.Reports.Add(report);
                await db.SaveChangesAsync(token);
                await audit.AppendAsync(staff, AuditAction.ReportAction, report.Id, AuditDetail(s.From), token);
                return Outcome.Done("Intake.SlipTitle");
            }, ct);
        }
        else
        {
            await StoreAloneAsync(report, ct);
        }
        await work.TriageOwedAsync(ct);
        metrics.ReportsFiled.Add(1, new KeyValuePair<string, object?>("source", report.IsAnonymous ? "anonymous" : "real-name"));
        var receipt = new Receipt(report.TrackingNumber, s.From.IssuesKey ? key : "", report.AcceptanceDueAt!.Value,
            policy.AcceptanceNoticeDue(report.SubmittedAt, report.RegimeCode), report.IsAnonymous);
        return new IntakeResult(receipt, report.Id, []);
    }

    /// <summary>
    /// One transaction stores the report, its people and its first event: the rows go in one batch, which PostgreSQL
    /// runs as one implicit transaction (all or nothing) in a single round trip, instead of BEGIN … COMMIT in two.
    /// Triage is owed until TriagedAt is set, and the outbox sweep re-enqueues any report whose job was lost between
    /// this commit and the signal.
    /// </summary>
    private async Task StoreAloneAsync(Report report, CancellationToken ct)
    {
        db.Reports.Add(report);
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
        }
    }

    private static string AuditDetail(IntakeSource from) =>
        from.Source == ReportSource.Citizen ? $"registered at the desk ({from.Channel})" : $"clue registered ({from.Source})";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
