using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Reports;
using Petitions.Core.Triage;

namespace Petitions.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ReportKind> ReportKinds => Set<ReportKind>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<IdentityDisclosure> IdentityDisclosures => Set<IdentityDisclosure>();
    public DbSet<NamedPerson> NamedPeople => Set<NamedPerson>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<ReportEvent> ReportEvents => Set<ReportEvent>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<PriorityRule> PriorityRules => Set<PriorityRule>();
    public DbSet<ReportPriorityItem> PriorityItems => Set<ReportPriorityItem>();
    public DbSet<ReportLink> ReportLinks => Set<ReportLink>();
    public DbSet<ReportExclusion> Exclusions => Set<ReportExclusion>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ReporterNotice> ReporterNotices => Set<ReporterNotice>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<DeadlineAlert> DeadlineAlerts => Set<DeadlineAlert>();
    public DbSet<StaffJurisdiction> Jurisdictions => Set<StaffJurisdiction>();
    public DbSet<TriageSignalRow> TriageSignal => Set<TriageSignalRow>();
    public DbSet<Petitions.Core.Audit.AuditEntry> AuditEntries => Set<Petitions.Core.Audit.AuditEntry>();
    public DbSet<StatsSnapshot> StatsSnapshots => Set<StatsSnapshot>();
    public DbSet<ServerSession> ServerSessions => Set<ServerSession>();
    public DbSet<Petitions.Core.Campaigns.Campaign> Campaigns => Set<Petitions.Core.Campaigns.Campaign>();
    public DbSet<Petitions.Core.Campaigns.CampaignReviewer> CampaignReviewers => Set<Petitions.Core.Campaigns.CampaignReviewer>();
    public DbSet<Petitions.Core.Campaigns.CampaignItem> CampaignItems => Set<Petitions.Core.Campaigns.CampaignItem>();
    public DbSet<Petitions.Core.Campaigns.Rectification> Rectifications => Set<Petitions.Core.Campaigns.Rectification>();
    public DbSet<Petitions.Core.Campaigns.CampaignEvidence> CampaignEvidence => Set<Petitions.Core.Campaigns.CampaignEvidence>();
    public DbSet<Petitions.Core.Policy.LegalRegime> LegalRegimes => Set<Petitions.Core.Policy.LegalRegime>();
    public DbSet<Petitions.Core.Notices.NoticeTemplate> NoticeTemplates => Set<Petitions.Core.Notices.NoticeTemplate>();
    public DbSet<Petitions.Core.Notices.FormalNotice> FormalNotices => Set<Petitions.Core.Notices.FormalNotice>();
    public DbSet<Petitions.Core.Notices.NoticeCounter> NoticeCounters => Set<Petitions.Core.Notices.NoticeCounter>();
    public DbSet<RegisterImport> RegisterImports => Set<RegisterImport>();
    public DbSet<RegisterEntry> RegisterEntries => Set<RegisterEntry>();
    public DbSet<RegisterPayment> RegisterPayments => Set<RegisterPayment>();
    public DbSet<MatchHit> MatchHits => Set<MatchHit>();
    public DbSet<RegisterHeaderMap> RegisterHeaderMaps => Set<RegisterHeaderMap>();
    public DbSet<RegisterLink> RegisterLinks => Set<RegisterLink>();
    public DbSet<MatchingRuleSetting> MatchingRules => Set<MatchingRuleSetting>();
    public DbSet<Petitions.Core.Rewards.RewardRule> RewardRules => Set<Petitions.Core.Rewards.RewardRule>();
    public DbSet<Petitions.Core.Rewards.RewardCase> Rewards => Set<Petitions.Core.Rewards.RewardCase>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.Entity<AppUser>().Property(u => u.LastAuthenticatorCode).HasMaxLength(16);
        builder.Entity<ServerSession>(b =>
        {
            b.ToTable("server_sessions");
            b.HasIndex(x => x.ExpiresAt);
        });
        builder.Entity<StatsSnapshot>(b =>
        {
            b.ToTable("stats_snapshots");
            b.Property(s => s.PublicJson).HasColumnType("jsonb");
            b.HasIndex(s => s.AsOf);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
