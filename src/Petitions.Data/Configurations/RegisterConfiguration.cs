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
        // No foreign key from the rows to their import: PostgreSQL would check it row by row during a bulk COPY. The
        // import is written first in the same transaction, and the purge deletes the rows before their import.
    }
}

internal sealed class RegisterEntryConfiguration : IEntityTypeConfiguration<RegisterEntry>
{
    public void Configure(EntityTypeBuilder<RegisterEntry> b)
    {
        b.ToTable("register_entries");
        b.Property(e => e.Source).HasConversion<string>().HasMaxLength(40);
        b.Property(e => e.PaymentKind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Reason).HasMaxLength(200);
        b.Property(e => e.Terminal).HasMaxLength(64);
        b.Property(e => e.WithdrawnAt).HasColumnType("timestamp without time zone");
        b.Property(e => e.Sex).HasMaxLength(1).IsFixedLength();
        b.Property(e => e.Region).HasMaxLength(6).IsFixedLength();
        b.Property(e => e.PersonNumber).HasMaxLength(64);
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.Approver).HasMaxLength(100);
        b.Property(e => e.MonthlyAmount).HasPrecision(12, 2);
        b.Property(e => e.Amount).HasPrecision(12, 2);
        // A bank's withdrawals (millions of rows) carry only their primary key, so that an import stores them quickly; a
        // purge finds their rows by a scan once a day. (The payment ledger has a table of its own: RegisterPayment.)
        b.HasIndex(e => e.ImportId).HasFilter("\"Source\" NOT IN ('PaymentLedger', 'BankWithdrawal')");
        // Only rows with an identity number are joined on it: the ledger's millions of rows stay out of this index.
        b.HasIndex(e => new { e.Source, e.IdHash }).HasFilter("\"IdHash\" IS NOT NULL");
        // The death rows that linking looks at (no valid identity number): a small index beside millions of ledger rows.
        b.HasIndex(e => new { e.Source, e.Id }).HasFilter("\"IdHash\" IS NULL AND \"Source\" IN ('Cremation', 'HouseholdDeregistration', 'DeathCertificate')");
        // Looked up by person: the roll (a case's numbers) and its status changes (the resumption rule).
        b.HasIndex(e => new { e.Source, e.PersonNumber }).HasFilter("\"Source\" IN ('PensionRoll', 'StatusChange')");
    }
}

internal sealed class RegisterPaymentConfiguration : IEntityTypeConfiguration<RegisterPayment>
{
    public void Configure(EntityTypeBuilder<RegisterPayment> b)
    {
        b.ToTable("register_payments");
        // No key and no index: every index is paid for on each of a province's 24 million rows at import, and only
        // whole-table scans read them (the rules; the purge, once a day).
        b.HasNoKey();
        b.Property(p => p.PersonNumber).HasMaxLength(64);
        b.Property(p => p.PaymentKind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Amount).HasPrecision(12, 2);
        b.Property(p => p.Approver).HasMaxLength(100);
    }
}

internal sealed class RegisterHeaderMapConfiguration : IEntityTypeConfiguration<RegisterHeaderMap>
{
    public void Configure(EntityTypeBuilder<RegisterHeaderMap> b)
    {
        b.ToTable("register_header_maps");
        b.HasKey(m => new { m.Source, m.Header });
        b.Property(m => m.Header).HasMaxLength(100);
    }
}

internal sealed class RegisterLinkConfiguration : IEntityTypeConfiguration<RegisterLink>
{
    public void Configure(EntityTypeBuilder<RegisterLink> b)
    {
        b.ToTable("register_links");
        b.HasKey(l => l.EntryId);
        // Purging an import takes its rows' links with them.
        b.HasOne<RegisterEntry>().WithOne().HasForeignKey<RegisterLink>(l => l.EntryId).OnDelete(DeleteBehavior.Cascade);
        b.Property(l => l.PersonNumber).HasMaxLength(64);
        b.Property(l => l.Evidence).HasColumnType("jsonb");
        b.HasIndex(l => new { l.Band, l.Confirmed });
        b.HasIndex(l => l.PersonNumber);
    }
}

internal sealed class MatchHitConfiguration : IEntityTypeConfiguration<MatchHit>
{
    public void Configure(EntityTypeBuilder<MatchHit> b)
    {
        b.ToTable("match_hits");
        b.Property(h => h.Rule).HasMaxLength(40);
        b.Property(h => h.PersonNumber).HasMaxLength(64);
        b.Property(h => h.Name).HasMaxLength(100);
        b.Property(h => h.Region).HasMaxLength(6).IsFixedLength();
        b.Property(h => h.DeathSources).HasMaxLength(200);
        b.Property(h => h.Approver).HasMaxLength(100);
        b.Property(h => h.Amount).HasPrecision(14, 2);
        b.Property(h => h.ToRecover).HasPrecision(14, 2);
        b.Property(h => h.Recovered).HasPrecision(14, 2);
        b.Property(h => h.DecisionNote).HasMaxLength(Core.Matching.HitOutcomeRules.NoteMax);
        b.HasIndex(h => h.ReportId);
        // One hit per rule and person, however many runs: a run updates it, never adds it twice.
        // A decided hit comes back only as a new round, on a new fact.
        b.HasIndex(h => new { h.Rule, h.PersonNumber, h.Round }).IsUnique();
        b.Property(h => h.Percent).HasPrecision(9, 2);
        b.HasIndex(h => new { h.Region, h.Amount });
    }
}

internal sealed class MatchingRuleSettingConfiguration : IEntityTypeConfiguration<MatchingRuleSetting>
{
    public void Configure(EntityTypeBuilder<MatchingRuleSetting> b)
    {
        b.ToTable("matching_rules");
        b.HasKey(r => r.Code);
        b.Property(r => r.Code).HasMaxLength(40);
        b.HasData(Core.Matching.RiskRules.All.Select(r => new MatchingRuleSetting { Code = r.Code, Enabled = true, Threshold = r.DefaultThreshold }));
    }
}
