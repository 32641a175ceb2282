using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Reports;

namespace Petitions.Data.Configurations;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.ToTable("reports");
        // Vacuumed after a fixed number of changes, not a fifth of the table (two million at ten million reports):
        // triage's row locks leave its old row versions in the waiting-for-triage index until a vacuum marks them dead,
        // and a vacuum also lets the region-and-time index answer triage's text comparison without reading the table.
        b.HasStorageParameter("autovacuum_vacuum_scale_factor", 0)
            .HasStorageParameter("autovacuum_vacuum_threshold", 2000)
            .HasStorageParameter("autovacuum_vacuum_insert_scale_factor", 0)
            .HasStorageParameter("autovacuum_vacuum_insert_threshold", 20000);
        b.HasKey(r => r.Id);
        b.Property(r => r.TrackingNumber).HasMaxLength(16);
        b.HasIndex(r => r.TrackingNumber).IsUnique();
        b.Property(r => r.AccessKeyHash).HasMaxLength(32);
        b.Property(r => r.KindCode).HasMaxLength(40);
        b.Property(r => r.RegionCode).HasMaxLength(6).IsFixedLength();
        b.Property(r => r.QueueRegionCode).HasMaxLength(6).IsFixedLength();
        b.Property(r => r.SourceReference).HasMaxLength(200);
        // A matching case's reference names its person and first hit: the same case is never filed twice, even by a
        // run that died between filing it and linking its hits.
        b.HasIndex(r => r.SourceReference).IsUnique().HasFilter("\"Source\" = 'DataMatching'").HasDatabaseName("ux_reports_matching_reference");
        b.Property(r => r.RegimeCode).HasMaxLength(40).HasDefaultValue(Petitions.Core.Policy.LegalRegime.LettersAndVisits);
        b.HasOne<Petitions.Core.Policy.LegalRegime>().WithMany().HasForeignKey(r => r.RegimeCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.DueProvisional).HasFilter("\"DueProvisional\"");
        b.Property(r => r.TransferReceiver).HasMaxLength(200);
        b.Property(r => r.TransferReason).HasMaxLength(2_000);
        b.Property(r => r.TransferredToRegionCode).HasMaxLength(6).IsFixedLength();
        b.Property(r => r.Description).HasMaxLength(20_000);
        b.Property(r => r.ContactProtected).HasMaxLength(4_000);
        b.Property(r => r.Culture).HasMaxLength(8);
        b.Property(r => r.FindingSummary).HasMaxLength(10_000);
        b.Property(r => r.AmountYuan).HasPrecision(16, 2);
        b.Property(r => r.MoneyStoppedYuan).HasPrecision(16, 2);
        b.Property(r => r.MoneyRecoveredYuan).HasPrecision(16, 2);
        // Two officers acting at once: the second save fails instead of overwriting.
        b.Property<uint>("Version").IsRowVersion();
        b.HasOne<ReportKind>().WithMany().HasForeignKey(r => r.KindCode).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.LegacyReporterId).HasColumnName("ReporterId");
        // Only rows stored before links were sealed; the start-up conversion finds them without reading the table.
        b.HasIndex(r => r.LegacyReporterId).HasFilter("\"ReporterId\" IS NOT NULL");
        b.Property(r => r.IdentityProtected).HasMaxLength(8_000);
        // Most reports are anonymous or unassigned: the two lookups index only the rows that have a value.
        b.HasIndex(r => r.ReporterKey).HasFilter("\"ReporterKey\" IS NOT NULL");
        // Reports waiting for triage, oldest first. Triaged reports leave it, but their entries stay until a vacuum; a
        // scan marks each one it finds dead so the next scan skips it, which it cannot do for a deduplicated entry
        // holding several reports (measured among ten million: 1,400 table pages read to find nothing waiting).
        b.HasIndex(r => r.SubmittedAt).HasFilter("\"TriagedAt\" IS NULL").HasDatabaseName("IX_reports_Untriaged")
            .HasStorageParameter("deduplicate_items", false);
        // Near-duplicate search (pg_trgm similarity; works on Chinese in a UTF-8 database).
        b.HasIndex(r => r.Description).HasMethod("gin").HasOperators("gin_trgm_ops");
        b.HasIndex(r => new { r.RegionCode, r.SubmittedAt });
        // Staff queues read pages in these orders (keyset: the sort key, then the id).
        b.HasIndex(r => new { r.Priority, r.Id }).IsDescending(true, false);
        b.HasIndex(r => new { r.QueueRegionCode, r.Priority, r.Id }).IsDescending(false, true, false);
        b.HasIndex(r => new { r.DueAt, r.Id });
        // One kind's reports by due date (a queue filtered by kind): the due-date index alone reads every kind's rows in
        // order and drops eight in nine. It carries what the queues filter on, so counting a kind's open, unassigned
        // reports in a region reads the index, not the table. It also serves the kind's foreign key.
        b.HasIndex(r => new { r.KindCode, r.DueAt, r.Id }).IncludeProperties(r => new { r.QueueRegionCode, r.Status, r.AssigneeId });
        b.HasIndex(r => new { r.SubmittedAt, r.Id });
        b.HasIndex(r => r.AssigneeId).HasFilter("\"AssigneeId\" IS NOT NULL");
        // The health gauges count open reports due soon and overdue every few seconds: this index holds those alone (an
        // answered report has no due date, and keeps its last state), not every report with a deadline.
        b.HasIndex(r => r.DueState).HasFilter("\"DueState\" IN ('DueSoon', 'Overdue') AND \"DueAt\" IS NOT NULL")
            .HasDatabaseName("IX_reports_DueFlagged");
        b.HasMany(r => r.People).WithOne().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportKindConfiguration : IEntityTypeConfiguration<ReportKind>
{
    public void Configure(EntityTypeBuilder<ReportKind> b)
    {
        b.ToTable("report_kinds");
        b.HasKey(k => k.Code);
        b.Property(k => k.Code).HasMaxLength(40);
        b.Property(k => k.NameZh).HasMaxLength(100);
        b.Property(k => k.NameEn).HasMaxLength(200);
        b.Property(k => k.RegimeCode).HasMaxLength(40).HasDefaultValue(Petitions.Core.Policy.LegalRegime.LettersAndVisits);
        b.HasOne<Petitions.Core.Policy.LegalRegime>().WithMany().HasForeignKey(k => k.RegimeCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LegalRegimeConfiguration : IEntityTypeConfiguration<Petitions.Core.Policy.LegalRegime>
{
    public void Configure(EntityTypeBuilder<Petitions.Core.Policy.LegalRegime> b)
    {
        b.ToTable("legal_regimes");
        b.HasKey(r => r.Code);
        b.Property(r => r.Code).HasMaxLength(40);
        b.Property(r => r.NameZh).HasMaxLength(200);
        b.Property(r => r.NameEn).HasMaxLength(300);
        b.Property(r => r.Citation).HasMaxLength(4_000);
        // Each step's limit is two columns (days, and whether they are calendar or working days).
        b.ComplexProperty(r => r.Acceptance);
        b.ComplexProperty(r => r.AcceptanceNotice);
        b.ComplexProperty(r => r.Conclusion);
        b.ComplexProperty(r => r.MaxExtension);
        b.ComplexProperty(r => r.ReviewRequest);
        b.ComplexProperty(r => r.ReviewAnswer);
    }
}

internal sealed class NoticeTemplateConfiguration : IEntityTypeConfiguration<Petitions.Core.Notices.NoticeTemplate>
{
    public void Configure(EntityTypeBuilder<Petitions.Core.Notices.NoticeTemplate> b)
    {
        b.ToTable("notice_templates");
        b.Property(t => t.Culture).HasMaxLength(8);
        b.Property(t => t.Title).HasMaxLength(200);
        b.Property(t => t.Body).HasMaxLength(20_000);
        b.HasIndex(t => new { t.Kind, t.Culture }).IsUnique();
    }
}

internal sealed class FormalNoticeConfiguration : IEntityTypeConfiguration<Petitions.Core.Notices.FormalNotice>
{
    public void Configure(EntityTypeBuilder<Petitions.Core.Notices.FormalNotice> b)
    {
        b.ToTable("formal_notices");
        b.Property(n => n.Number).HasMaxLength(40);
        b.Property(n => n.Culture).HasMaxLength(8);
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.Body).HasMaxLength(40_000);
        b.HasIndex(n => new { n.Year, n.Kind, n.Sequence }).IsUnique();
        b.HasIndex(n => n.ReportId);
        b.HasOne<Report>().WithMany().HasForeignKey(n => n.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoticeCounterConfiguration : IEntityTypeConfiguration<Petitions.Core.Notices.NoticeCounter>
{
    public void Configure(EntityTypeBuilder<Petitions.Core.Notices.NoticeCounter> b)
    {
        b.ToTable("notice_counters");
        b.HasKey(c => new { c.Year, c.Kind });
    }
}

internal sealed class NamedPersonConfiguration : IEntityTypeConfiguration<NamedPerson>
{
    public void Configure(EntityTypeBuilder<NamedPerson> b)
    {
        b.ToTable("report_people");
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.Unit).HasMaxLength(200);
        b.Property(p => p.Position).HasMaxLength(100);
        b.Property(p => p.RegionCode).HasMaxLength(6).IsFixedLength();
        // Triage's three questions, each answered by reading one index backwards from the report's time: the same name in
        // the same county, the same name in the same unit, the same unit (RelatedReports). Each index carries the rest
        // of what triage reads, so the answer comes from the index alone: with the table's rows to fetch, the planner
        // preferred to fetch every row of a unit in the window and sort them (hundreds of pages for a busy county).
        // Vacuumed after 20,000 new rows, so that the pages of recent rows are marked all-visible early.
        b.HasStorageParameter("autovacuum_vacuum_insert_scale_factor", 0)
            .HasStorageParameter("autovacuum_vacuum_insert_threshold", 20000);
        b.HasIndex(p => new { p.Name, p.RegionCode, p.SubmittedAt }).HasFilter("\"Name\" IS NOT NULL")
            .IncludeProperties(p => new { p.ReportId, p.Unit });
        b.HasIndex(p => new { p.Name, p.Unit, p.SubmittedAt }).HasFilter("\"Name\" IS NOT NULL AND \"Unit\" IS NOT NULL")
            .IncludeProperties(p => new { p.ReportId, p.RegionCode });
        b.HasIndex(p => new { p.Unit, p.SubmittedAt }).HasFilter("\"Unit\" IS NOT NULL")
            .IncludeProperties(p => new { p.ReportId, p.Name, p.RegionCode });
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("report_attachments");
        b.Property(a => a.DisplayName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.StorageKey).HasMaxLength(100);
    }
}

internal sealed class ReportEventConfiguration : IEntityTypeConfiguration<ReportEvent>
{
    public void Configure(EntityTypeBuilder<ReportEvent> b)
    {
        b.ToTable("report_events");
        b.Property(e => e.Body).HasMaxLength(20_000);
        b.HasIndex(e => new { e.ReportId, e.At });
        // The same form posted twice saves once; a race between the two posts ends at this index.
        b.HasIndex(e => new { e.ReportId, e.SubmissionId }).IsUnique().HasFilter("\"SubmissionId\" IS NOT NULL");
    }
}

internal sealed class IdentityDisclosureConfiguration : IEntityTypeConfiguration<IdentityDisclosure>
{
    public void Configure(EntityTypeBuilder<IdentityDisclosure> b)
    {
        b.ToTable("identity_disclosures");
        b.Property(d => d.Reason).HasMaxLength(2_000);
        b.Property(d => d.DecisionReason).HasMaxLength(2_000);
        b.HasOne<Report>().WithMany().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.ReportId, d.State });
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> b)
    {
        b.ToTable("message_templates");
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Culture).HasMaxLength(10);
        b.Property(t => t.Body).HasMaxLength(10_000);
    }
}
