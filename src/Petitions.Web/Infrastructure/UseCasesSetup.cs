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
        services.AddScoped<UseCases.Intake.FileReport>();
        services.AddScoped<UseCases.Intake.IntakeRules>();
        services.AddScoped<Pages.Staff.ReportActions>();
        services.AddScoped<UseCases.Notices>();
        services.AddScoped<Pages.Staff.IdentityDisclosures>();
        services.AddScoped<Pages.Admin.StaffAccounts>();
        services.AddScoped<Pages.Track.ReporterActions>();
        services.AddScoped<Pages.Admin.RuleEditing>();
        services.AddScoped<Pages.Account.AccountChanges>();
        services.AddScoped<Campaigns>();
        services.AddScoped<Rectifications>();
        services.AddSingleton<TimePolicyClock>();
        services.AddScoped<Jobs.TriageReport>();
        services.AddSingleton<Jobs.CampaignLessons>();
        return services;
    }
}
