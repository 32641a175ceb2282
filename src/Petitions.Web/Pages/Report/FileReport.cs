using Hangfire;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Core.Tracking;
using Petitions.Data;
using Petitions.Web.Jobs;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Filing;

/// <summary>
/// A report staff register at the desk (/Staff/Intake): how it came, when it was received (its clock starts then), who
/// registered it, and, for a real-name reporter without an account, the address answers go to.
/// </summary>
public sealed record Intake(ReportChannel Channel, DateTimeOffset ReceivedAt, bool RealName, string? Email, Guid RegisteredById);

/// <summary>What the reporter keeps: the number and key, when acceptance is decided and when they are told of it.</summary>
public sealed record Receipt(string TrackingNumber, string AccessKey, DateTimeOffset AcceptanceDue, DateTimeOffset AcceptanceNoticeDue, bool Anonymous);

/// <summary>
/// Filing a validated report: builds it with its people and files, starts its clock through Core, stores it in
/// one transaction and raises the triage signal. An anonymous report stores nothing that points to a person:
/// no account, no address, no contact unless the reporter typed one (encrypted).
/// </summary>
public sealed class FileReport(AppDbContext db, AccessKeyHasher hasher, ReporterIdentities identities, TimeLimitPolicy policy, TimeProvider clock,
    IBackgroundJobClient jobs, Infrastructure.PetitionsMetrics metrics, ReportKindCatalogue kinds)
{
    public const int MaxPeople = 10;

    /// <summary>Files the report; <paramref name="reporter"/> is the signed-in account filing under its real name (with its address for answers), or null when anonymous.</summary>
    public async Task<Receipt> FileAsync(ReportInput input, (Guid Id, string? Email)? reporter, IReadOnlyList<StoredFile> files, string culture, CancellationToken ct,
        Intake? intake = null)
    {
        var now = clock.GetUtcNow();
        var received = intake?.ReceivedAt ?? now;
        var realName = reporter is not null || intake is { RealName: true };
        var key = TrackingCodes.NewAccessKey();
        var report = new Report
        {
            Id = Guid.CreateVersion7(now),
            TrackingNumber = TrackingCodes.NewTrackingNumber(),
            AccessKeyHash = hasher.Hash(key),
            IsAnonymous = !realName,
            ReporterKey = reporter is { } account ? identities.LinkOf(account.Id) : null,
            IdentityProtected = realName ? identities.Seal(new ReporterIdentity(input.ReporterName!.Trim(),
                ChineseIdNumber.Normalize(input.ReporterIdNumber), Blank(input.ReporterPhone), reporter?.Email ?? Blank(intake?.Email))) : null,
            Channel = intake?.Channel ?? ReportChannel.Online,
            RegisteredById = intake?.RegisteredById,
            KindCode = input.KindCode!,
            // The kind's legal regime sets every time limit of the report from now on.
            RegimeCode = await kinds.RegimeOfAsync(input.KindCode!, ct),
            RegionCode = (input.CountyCode ?? input.CityCode ?? input.ProvinceCode)!,
            PeriodFrom = input.PeriodFrom,
            PeriodTo = input.PeriodTo,
            AmountYuan = input.AmountYuan,
            CardsOrPeople = input.CardsOrPeople,
            Description = input.Description!.Trim(),
            Culture = culture,
            People = input.People.Where(p => !p.IsEmpty).Take(MaxPeople)
                .Select(p => new NamedPerson { Name = p.Name?.Trim(), Unit = p.Unit?.Trim(), Position = p.Position?.Trim() }).ToList(),
            Attachments = files.Select(f => new Attachment
            {
                Id = Guid.NewGuid(), DisplayName = f.DisplayName, ContentType = f.ContentType, Length = f.Length, StorageKey = f.StorageKey, AddedAt = now,
            }).ToList(),
        };
        using var span = Infrastructure.Tracing.StartForReport("report.file", report.Id);
        report.MarkSubmitted(received, policy);
        db.Reports.Add(report);
        // One transaction stores the report, its people and its first event: the rows go in one batch, which
        // PostgreSQL runs as one implicit transaction (all or nothing) in a single round trip, instead of
        // BEGIN … COMMIT in two. Triage is owed until TriagedAt is set, and the outbox sweep re-enqueues any
        // report whose job was lost between this commit and the signal below.
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
        }
        await TriageSignal.RaiseAsync(db, jobs, ct);
        metrics.ReportsFiled.Add(1, new KeyValuePair<string, object?>("source", report.IsAnonymous ? "anonymous" : "real-name"));
        return new Receipt(report.TrackingNumber, key, report.AcceptanceDueAt!.Value, policy.AcceptanceNoticeDue(report.SubmittedAt, report.RegimeCode), report.IsAnonymous);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
