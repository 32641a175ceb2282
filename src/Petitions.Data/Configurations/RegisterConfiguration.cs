using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Petitions.Data.Configurations;

internal sealed class RegisterImportConfiguration : IEntityTypeConfiguration<RegisterImport>
{
    public void Configure(EntityTypeBuilder<RegisterImport> b)
    {
        b.ToTable("register_imports");
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(40);
        b.Property(i => i.FileName).HasMaxLength(300);
        // The same file (by content) is imported once.
        b.HasIndex(i => i.Sha256).IsUnique();
        b.HasIndex(i => i.ExpiresAt);
        b.HasMany<RegisterEntry>().WithOne().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RegisterEntryConfiguration : IEntityTypeConfiguration<RegisterEntry>
{
    public void Configure(EntityTypeBuilder<RegisterEntry> b)
    {
        b.ToTable("register_entries");
        b.Property(e => e.Source).HasConversion<string>().HasMaxLength(40);
        b.Property(e => e.PaymentKind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Sex).HasMaxLength(1).IsFixedLength();
        b.Property(e => e.Region).HasMaxLength(6).IsFixedLength();
        b.Property(e => e.PersonNumber).HasMaxLength(64);
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.Approver).HasMaxLength(100);
        b.Property(e => e.MonthlyAmount).HasPrecision(12, 2);
        b.Property(e => e.Amount).HasPrecision(12, 2);
        b.HasIndex(e => e.ImportId);
        b.HasIndex(e => new { e.Source, e.IdHash });
        b.HasIndex(e => new { e.Source, e.PersonNumber });
    }
}
