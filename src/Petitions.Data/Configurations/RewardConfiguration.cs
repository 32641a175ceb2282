using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Petitions.Core.Reports;
using Petitions.Core.Rewards;

namespace Petitions.Data.Configurations;

internal sealed class RewardRuleConfiguration : IEntityTypeConfiguration<RewardRule>
{
    public void Configure(EntityTypeBuilder<RewardRule> b)
    {
        b.ToTable("reward_rules");
        b.Property(r => r.ProvinceCode).HasMaxLength(6).IsFixedLength();
        b.Property(r => r.Citation).HasMaxLength(2_000);
        // The bands are one value (a short list read and written whole), kept as JSON.
        b.Property(r => r.Bands).HasColumnType("jsonb").HasConversion(
            bands => JsonSerializer.Serialize(bands, (JsonSerializerOptions?)null),
            json => JsonSerializer.Deserialize<List<RewardBand>>(json, (JsonSerializerOptions?)null) ?? new List<RewardBand>(),
            new ValueComparer<List<RewardBand>>((a, c) => a!.SequenceEqual(c!), l => l.Aggregate(0, (h, x) => HashCode.Combine(h, x)), l => l.ToList()));
        foreach (var money in new[] { nameof(RewardRule.Minimum), nameof(RewardRule.Maximum), nameof(RewardRule.NoLossMinimum), nameof(RewardRule.NoLossMaximum) })
        {
            b.Property(money).HasPrecision(16, 2);
        }
        b.HasIndex(r => new { r.ProvinceCode, r.InForceFrom }).IsUnique();
    }
}

internal sealed class RewardCaseConfiguration : IEntityTypeConfiguration<RewardCase>
{
    public void Configure(EntityTypeBuilder<RewardCase> b)
    {
        b.ToTable("rewards");
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Refusal).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.Party).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Basis).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.FirstReport).HasMaxLength(40);
        b.Property(r => r.Note).HasMaxLength(2_000);
        b.Property(r => r.ReturnReason).HasMaxLength(2_000);
        b.Property(r => r.ClaimProtected).HasMaxLength(4_000);
        b.Property(r => r.PaymentReference).HasMaxLength(100);
        foreach (var money in new[] { nameof(RewardCase.Loss), nameof(RewardCase.Amount), nameof(RewardCase.PaidAmount) })
        {
            b.Property(money).HasPrecision(16, 2);
        }
        b.Property(r => r.Percent).HasPrecision(6, 3);
        b.HasOne<Report>().WithMany().HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<RewardRule>().WithMany().HasForeignKey(r => r.RuleId).OnDelete(DeleteBehavior.Restrict);
        // One reward per report.
        b.HasIndex(r => r.ReportId).IsUnique();
        b.HasIndex(r => r.Status);
    }
}
