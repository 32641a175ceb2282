using Petitions.Web.Services;
using Petitions.Web.UseCases;

namespace Petitions.Web.Infrastructure;

public static class UseCasesSetup
{
    /// <summary>The handlers: one per use case, each saving its change (and audit entry) in one transaction.</summary>
    public static IServiceCollection AddPetitionsUseCases(this IServiceCollection services)
    {
        services.AddScoped<Transaction>();
        services.AddScoped<StaffQueries>();
        services.AddScoped<Jurisdictions>();
        services.AddScoped<UseCases.Matching.RegisterImporter>();
        services.AddScoped<UseCases.Matching.MatchingRun>();
        services.AddScoped<UseCases.Matching.MatchingCases>();
        services.AddScoped<UseCases.Matching.HitOutcomes>();
        services.AddScoped<UseCases.Matching.MatchingFigures>();
        services.AddScoped<UseCases.Matching.RegisterHeaders>();
        services.AddScoped<UseCases.Matching.HitNumbers>();
        services.AddScoped<UseCases.Matching.RegisterLookup>();
        services.AddScoped<UseCases.Matching.MatchingLinks>();
        services.AddScoped<UseCases.Matching.LinkReviews>();
        services.AddSingleton<UseCases.Matching.RegisterSealing>();
        services.AddOptions<UseCases.Matching.RegisterOptions>().BindConfiguration(UseCases.Matching.RegisterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<UseCases.Intake.FileReport>();
        services.AddScoped<UseCases.Intake.IntakeRules>();
        services.AddScoped<UseCases.Reports.ReportActions>();
        services.AddScoped<UseCases.Notices>();
        services.AddScoped<UseCases.Reports.IdentityDisclosures>();
        services.AddScoped<UseCases.Staff.StaffAccounts>();
        services.AddScoped<UseCases.Staff.SavedViews>();
        services.AddScoped<UseCases.Tracking.ReporterActions>();
        services.AddScoped<UseCases.Rules.RuleEditing>();
        services.AddScoped<UseCases.Rules.RegimeAndNoticeEditing>();
        services.AddScoped<UseCases.Rules.MatchingRuleEditing>();
        services.AddScoped<UseCases.Rules.RewardRuleEditing>();
        services.AddScoped<UseCases.Accounts.AccountChanges>();
        services.AddScoped<UseCases.Reexamination.Campaigns>();
        services.AddScoped<UseCases.Reexamination.Rectifications>();
        services.AddScoped<UseCases.Rewards.RewardDecisions>();
        services.AddScoped<UseCases.Rewards.RewardPayments>();
        services.AddScoped<UseCases.Rewards.RewardClaims>();
        services.AddSingleton<TimePolicyClock>();
        services.AddScoped<Jobs.Triage.TriageReport>();
        services.AddSingleton<Jobs.Triage.CampaignLessons>();
        services.AddScoped<IWorkQueue, Jobs.HangfireWorkQueue>();
        return services;
    }
}
