using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Campaigns;
using Petitions.Core.Reports;

namespace Petitions.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("campaigns");
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.LegalBasis).HasMaxLength(1000);
        b.Property(c => c.LeadBody).HasMaxLength(200);
        b.Property(c => c.RegionCode).HasMaxLength(6).IsFixedLength();
        // A set of flags: stored as their number (the names joined would not fit the enum column).
        b.Property(c => c.Outcomes).HasConversion<int>();
        b.HasMany(c => c.Reviewers).WithOne().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignReviewerConfiguration : IEntityTypeConfiguration<CampaignReviewer>
{
    public void Configure(EntityTypeBuilder<CampaignReviewer> b)
    {
        b.ToTable("campaign_reviewers");
        b.HasKey(r => new { r.CampaignId, r.UserId });
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignItemConfiguration : IEntityTypeConfiguration<CampaignItem>
{
    public void Configure(EntityTypeBuilder<CampaignItem> b)
    {
        b.ToTable("campaign_items");
        // Each report is in a campaign at most once: a relaunch after a crash inserts nothing twice.
        b.HasIndex(i => new { i.CampaignId, i.ReportId }).IsUnique();
        b.HasIndex(i => new { i.ReviewerId, i.CampaignId });
        b.HasIndex(i => new { i.CampaignId, i.RegionCode });
        b.Property(i => i.RegionCode).HasMaxLength(6).IsFixedLength();
        b.Property(i => i.OriginalUnit).HasMaxLength(200);
        b.Property(i => i.Reasons).HasMaxLength(10_000);
        b.Property(i => i.Responsible).HasMaxLength(2_000);
        b.Property(i => i.MoneyToStopYuan).HasPrecision(16, 2);
        b.Property(i => i.MoneyToRecoverYuan).HasPrecision(16, 2);
        b.Ignore(i => i.Overturned);
        b.HasOne<Campaign>().WithMany().HasForeignKey(i => i.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Report>().WithMany().HasForeignKey(i => i.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RectificationConfiguration : IEntityTypeConfiguration<Rectification>
{
    public void Configure(EntityTypeBuilder<Rectification> b)
    {
        b.ToTable("rectifications");
        b.Property(r => r.Problem).HasMaxLength(2_000);
        b.Property(r => r.Owner).HasMaxLength(200);
        b.Property(r => r.Evidence).HasMaxLength(4_000);
        b.Property(r => r.StoppedYuan).HasPrecision(16, 2);
        b.Property(r => r.RecoveredYuan).HasPrecision(16, 2);
        b.HasIndex(r => new { r.CampaignId, r.DoneAt });
        b.HasOne<CampaignItem>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignEvidenceConfiguration : IEntityTypeConfiguration<CampaignEvidence>
{
    public void Configure(EntityTypeBuilder<CampaignEvidence> b)
    {
        b.ToTable("campaign_evidence");
        b.Property(e => e.DisplayName).HasMaxLength(255);
        b.Property(e => e.ContentType).HasMaxLength(100);
        b.Property(e => e.StorageKey).HasMaxLength(100);
        b.HasIndex(e => e.ItemId);
        b.HasOne<CampaignItem>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
