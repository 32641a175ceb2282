using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.Pages.Staff;

/// <summary>
/// The case file of one report, as it goes to a discipline commission or the prosecutors: what the reporter sent,
/// the people named, the whole timeline with internal notes and who did each step, the attachments, and the
/// report's audit entries. A printable page, and a ZIP (the same record as JSON, a readable text, and the files).
/// The reporter's identity is never in it (that takes the two-person disclosure). Each opening and download is audited.
/// </summary>
public sealed class CaseFileModel(AppDbContext db, StaffAccess access, AuditLog audit, AttachmentStore store, Display display, AuditWords words, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public CaseFile Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } file)
        {
            return NotFound();
        }
        Case = file;
        await audit.AppendAsync(StaffAccess.UserId(User), AuditAction.ViewReport, Id, "case file", ct);
        return Page();
    }

    public async Task<IActionResult> OnGetZipAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } file)
        {
            return NotFound();
        }
        await audit.AppendAsync(StaffAccess.UserId(User), AuditAction.Download, Id, "case file zip", ct);
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteAsync(zip, "case-file.json", JsonSerializer.SerializeToUtf8Bytes(file, Json), ct);
            await WriteAsync(zip, "case-file.txt", Encoding.UTF8.GetBytes(Text(file)), ct);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var a in file.Attachments.Where(a => a.StorageKey is not null && store.Exists(a.StorageKey)))
            {
                var name = Unique(names, a.Name);
                var entry = zip.CreateEntry("attachments/" + name, CompressionLevel.Optimal);
                await using var target = await entry.OpenAsync(ct);
                await using var source = store.OpenRead(a.StorageKey!);
                await source.CopyToAsync(target, ct);
            }
        }
        buffer.Position = 0;
        return File(buffer, "application/zip", $"case-file-{file.TrackingNumber}.zip");
    }

    private static async Task WriteAsync(ZipArchive zip, string name, byte[] bytes, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(ct);
        await stream.WriteAsync(bytes, ct);
    }

    private static string Unique(HashSet<string> names, string name)
    {
        var candidate = name;
        for (var i = 2; !names.Add(candidate); i++)
        {
            candidate = $"{Path.GetFileNameWithoutExtension(name)} ({i}){Path.GetExtension(name)}";
        }
        return candidate;
    }

    /// <summary>The readable text of the ZIP, in the page's language.</summary>
    private string Text(CaseFile f)
    {
        var text = new StringBuilder();
        text.AppendLine(l["CaseFile.Title", f.TrackingNumber]).AppendLine();
        foreach (var (label, value) in f.Facts)
        {
            text.Append(label).Append(": ").AppendLine(value);
        }
        text.AppendLine().AppendLine(l["Shown.People"]);
        foreach (var p in f.People)
        {
            text.Append("- ").AppendLine(p);
        }
        text.AppendLine().AppendLine(l["Report.Description"]).AppendLine(f.Description).AppendLine();
        text.AppendLine(l["Track.Timeline"]);
        foreach (var e in f.Timeline)
        {
            text.Append("- ").Append(e.At).Append(" · ").Append(e.What).Append(" · ").AppendLine(e.By);
            if (!string.IsNullOrEmpty(e.Text))
            {
                text.Append("  ").AppendLine(e.Text.Replace("\n", "\n  ", StringComparison.Ordinal));
            }
        }
        if (f.Notices.Count > 0)
        {
            text.AppendLine().AppendLine(l["Notice.List"]);
            foreach (var n in f.Notices)
            {
                text.AppendLine().Append(n.Title).Append(' ').Append(n.Number).Append(" · ").AppendLine(n.IssuedAt).AppendLine(n.Body);
            }
        }
        text.AppendLine().AppendLine(l["CaseFile.Audit"]);
        foreach (var a in f.Audit)
        {
            text.Append("- ").Append(a.At).Append(" · ").Append(a.By).Append(" · ").Append(a.Action).Append(' ').AppendLine(a.Detail);
        }
        return text.ToString();
    }

    private async Task<CaseFile?> LoadAsync(CancellationToken ct)
    {
        if (await access.FindAsync(User, Id, ct) is null)
        {
            return null;
        }
        var r = await db.Reports.AsNoTracking().Include(x => x.People).Include(x => x.Attachments).Include(x => x.Events)
            .AsSplitQuery().SingleAsync(x => x.Id == Id, ct);
        var audits = await db.AuditEntries.AsNoTracking().Where(a => a.ReportId == Id).OrderBy(a => a.Id).ToListAsync(ct);
        var notices = await db.FormalNotices.AsNoTracking().Where(n => n.ReportId == Id).OrderBy(n => n.IssuedAt).ToListAsync(ct);
        var people = r.Events.Select(e => e.ActorId).Concat(audits.Select(a => a.ActorId)).OfType<Guid>().Append(r.AssigneeId ?? Guid.Empty).Distinct().ToList();
        var names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? "", ct);
        var chinese = System.Globalization.CultureInfo.CurrentUICulture.IsChinese();
        var kind = (await db.ReportKinds.SingleAsync(k => k.Code == r.KindCode, ct)).Name(chinese);
        string Who(Guid? id) => id is { } x ? names.GetValueOrDefault(x, "?") : l["Timeline.By.Reporter"].Value;
        var facts = new List<(string, string)>
        {
            (l["Track.Status"], l["Status." + r.Status]),
            (l["Report.Kind"], kind),
            (l["Report.Region"], display.RegionPath(r.RegionCode)),
            (l["Staff.Queue"], display.RegionPath(r.QueueRegionCode ?? r.RegionCode)),
            (l["Track.Submitted"], display.When(r.SubmittedAt)),
            (l["Report.Identity"], r.IsAnonymous ? l["Report.Anonymous"] : l["Report.RealName"]),
            (l["Staff.AssignedTo"], r.AssigneeId is { } a ? names.GetValueOrDefault(a, "?") : l["Staff.Nobody"]),
        };
        if (Display.Period(r.PeriodFrom, r.PeriodTo) is { } period) { facts.Add((l["Track.Sent.Period"], period)); }
        if (r.AmountYuan is { } amount) { facts.Add((l["Shown.Amount"], "¥" + amount.ToString("N0", System.Globalization.CultureInfo.CurrentCulture))); }
        if (r.CardsOrPeople is { } cards) { facts.Add((l["Shown.Cards"], cards.ToString(System.Globalization.CultureInfo.CurrentCulture))); }
        if (r.Finding is { } finding) { facts.Add((l["Staff.Finding"], l["Finding." + finding])); }
        if (r.FindingSummary is { } summary) { facts.Add((l["Staff.Summary"], summary)); }
        if (r.Referral is { } referral) { facts.Add((l["Staff.Referral"], l["Referral." + referral])); }
        if (r.MoneyStoppedYuan + r.MoneyRecoveredYuan > 0 || r.PeopleSanctioned + r.PeopleReferred > 0)
        {
            facts.Add((l["Staff.Outcome"], l["Staff.Outcome.Figures", r.MoneyStoppedYuan.ToString("N0", System.Globalization.CultureInfo.CurrentCulture),
                r.MoneyRecoveredYuan.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), r.PeopleSanctioned, r.PeopleReferred]));
        }
        return new CaseFile(
            r.TrackingNumber,
            [.. facts.Select(f => new CaseFact(f.Item1, f.Item2))],
            [.. r.People.Select(p => string.Join(" · ", new[] { p.Name, p.Unit, p.Position }.Where(x => !string.IsNullOrEmpty(x))))],
            r.Description,
            [.. r.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new CaseEvent(display.When(e.At), What(e), e.ActorId is not null || e.IsReporterStep() ? Who(e.ActorId) : "", e.Body, !e.Public))],
            [.. r.Attachments.Select(a => new CaseAttachment(a.DisplayName, a.ContentType, a.Length, a.FromReporter, a.DeletedAt is null ? a.StorageKey : null))],
            [.. audits.Select(a => new CaseAudit(display.When(a.At), a.ActorId is { } x ? names.GetValueOrDefault(x, "?") : "—", l["Audit." + a.Action].Value, words.Say(a.Detail)))],
            [.. notices.Select(n => new CaseNotice(n.Number, n.Title, display.When(n.IssuedAt), n.Culture, n.Body))]);
    }

    private string What(ReportEvent e) => e.Kind switch
    {
        ReportEventKind.StatusChanged => l["Timeline.StatusChanged", l["Status." + e.Status].Value],
        ReportEventKind.StaffAction when e.Action is not null => l["Action." + e.Action],
        ReportEventKind.MessageToReporter => l["Timeline.Message"],
        ReportEventKind.ReporterReply => l["Timeline.Reply.Staff"],
        ReportEventKind.InternalNote => l["Timeline.InternalNote"],
        _ => l["Timeline." + e.Kind],
    };
}

public sealed record CaseFile(string TrackingNumber, IReadOnlyList<CaseFact> Facts, IReadOnlyList<string> People, string Description,
    IReadOnlyList<CaseEvent> Timeline, IReadOnlyList<CaseAttachment> Attachments, IReadOnlyList<CaseAudit> Audit, IReadOnlyList<CaseNotice> Notices);

/// <summary>A formal notice issued on the report, as the reporter received it.</summary>
public sealed record CaseNotice(string Number, string Title, string IssuedAt, string Culture, string Body);

public sealed record CaseFact(string Label, string Value)
{
    public void Deconstruct(out string label, out string value) => (label, value) = (Label, Value);
}

public sealed record CaseEvent(string At, string What, string By, string? Text, bool Internal);

/// <summary>An attachment; <see cref="StorageKey"/> is for the ZIP only (null once retention removed the file).</summary>
public sealed record CaseAttachment(string Name, string ContentType, long Length, bool FromReporter, [property: System.Text.Json.Serialization.JsonIgnore] string? StorageKey);

public sealed record CaseAudit(string At, string By, string Action, string Detail);
