using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Reports;
using Petitions.Core.Triage;

namespace Petitions.Data.Configurations;

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> b)
    {
        b.ToTable("routing_rules");
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.NameEn).HasMaxLength(200);
        b.Property(r => r.ScopeRegionCode).HasMaxLength(6).IsFixedLength();
        b.Property(r => r.TargetRegionCode).HasMaxLength(6).IsFixedLength();
        b.Property(r => r.KindCode).HasMaxLength(40);
        b.HasOne<ReportKind>().WithMany().HasForeignKey(r => r.KindCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PriorityRuleConfiguration : IEntityTypeConfiguration<PriorityRule>
{
    public void Configure(EntityTypeBuilder<PriorityRule> b)
    {
        b.ToTable("priority_rules");
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.NameEn).HasMaxLength(200);
        b.Property(r => r.Parameter).HasMaxLength(1000);
    }
}

internal sealed class ReportPriorityItemConfiguration : IEntityTypeConfiguration<ReportPriorityItem>
{
    public void Configure(EntityTypeBuilder<ReportPriorityItem> b)
    {
        b.ToTable("report_priority_items");
        b.Property(p => p.RuleName).HasMaxLength(200);
        b.Property(p => p.RuleNameEn).HasMaxLength(200);
        b.Property(p => p.Reason).HasMaxLength(300);
        b.HasIndex(p => new { p.ReportId, p.RuleId }).IsUnique();
        b.HasOne<Report>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportLinkConfiguration : IEntityTypeConfiguration<ReportLink>
{
    public void Configure(EntityTypeBuilder<ReportLink> b)
    {
        b.ToTable("report_links");
        b.Property(l => l.Detail).HasMaxLength(300);
        b.HasIndex(l => new { l.ReportId, l.RelatedReportId, l.Reason }).IsUnique();
        b.HasOne<Report>().WithMany().HasForeignKey(l => l.ReportId).OnDelete(DeleteBehavior.Cascade);
        // The earlier report is not a foreign key: checking one locks the earlier report's row (FOR KEY SHARE), which
        // writes to its page. Triage links each report with up to 60 earlier ones, mostly old and uncached: among ten
        // million reports those locks dirtied 18,000 pages over a burst of 1,100 and made the links' INSERT triage's
        // costliest statement. Reports are never deleted, and triage found the earlier report in the same transaction.
        // The report page lists links through the reports the reader may see, so a link never shows more than that.
        b.HasIndex(l => l.RelatedReportId);
    }
}

internal sealed class ReportExclusionConfiguration : IEntityTypeConfiguration<ReportExclusion>
{
    public void Configure(EntityTypeBuilder<ReportExclusion> b)
    {
        b.ToTable("report_exclusions");
        b.HasKey(e => new { e.ReportId, e.UserId });
        b.Property(e => e.Reason).HasMaxLength(300);
        b.HasIndex(e => e.UserId);
        b.HasOne<Report>().WithMany().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(n => n.Threshold).HasMaxLength(80);
        b.HasIndex(n => new { n.ReportId, n.UserId, n.Kind, n.Threshold }).IsUnique();
        b.HasIndex(n => n.CreatedAt).HasFilter("\"SentAt\" IS NULL");
        b.HasOne<Report>().WithMany().HasForeignKey(n => n.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeadlineAlertConfiguration : IEntityTypeConfiguration<DeadlineAlert>
{
    public void Configure(EntityTypeBuilder<DeadlineAlert> b)
    {
        b.ToTable("deadline_alerts");
        b.HasIndex(a => new { a.ReportId, a.Deadline, a.State, a.Due }).IsUnique();
        b.HasOne<Report>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffJurisdictionConfiguration : IEntityTypeConfiguration<StaffJurisdiction>
{
    public void Configure(EntityTypeBuilder<StaffJurisdiction> b)
    {
        b.ToTable("staff_jurisdictions");
        b.HasKey(j => new { j.UserId, j.RegionCode });
        b.Property(j => j.RegionCode).HasMaxLength(6).IsFixedLength();
        b.HasIndex(j => j.RegionCode);
        b.HasOne<AppUser>().WithMany().HasForeignKey(j => j.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TriageSignalConfiguration : IEntityTypeConfiguration<TriageSignalRow>
{
    public void Configure(EntityTypeBuilder<TriageSignalRow> b)
    {
        b.ToTable("triage_signal");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new TriageSignalRow { Id = 1, Pending = false });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<Petitions.Core.Audit.AuditEntry>
{
    public void Configure(EntityTypeBuilder<Petitions.Core.Audit.AuditEntry> b)
    {
        b.ToTable("audit_entries");
        // Ids are assigned by the appender under its lock, so the chain order is the id order.
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Detail).HasMaxLength(1000);
        b.Property(a => a.PreviousHash).HasMaxLength(32);
        b.Property(a => a.Hash).HasMaxLength(32);
        b.HasIndex(a => a.At);
        b.HasIndex(a => a.ReportId);
        b.HasIndex(a => a.ActorId);
    }
}

internal sealed class ReporterNoticeConfiguration : IEntityTypeConfiguration<ReporterNotice>
{
    public void Configure(EntityTypeBuilder<ReporterNotice> b)
    {
        b.ToTable("reporter_notices");
        b.HasIndex(n => n.CreatedAt).HasFilter("\"SentAt\" IS NULL");
        b.HasOne<Report>().WithMany().HasForeignKey(n => n.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.ToTable("saved_views");
        b.Property(v => v.Name).HasMaxLength(100);
        b.Property(v => v.Query).HasMaxLength(2000);
        b.HasIndex(v => new { v.UserId, v.Name }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
