using Microsoft.AspNetCore.Identity;
using Petitions.Data;

namespace Petitions.Web.Seeding;

/// <summary>
/// Development demo: one account per role (passwords are public, printed at start and listed in the
/// README; this runs only where Petitions:SeedDemo is true, which only Development sets).
/// </summary>
public sealed class DemoData(
    UserManager<AppUser> users, AppDbContext db, Core.Regions.RegionCatalogue regions, Core.Policy.TimeLimitPolicy policy,
    TimeProvider clock, Hangfire.IBackgroundJobClient jobs, UseCases.Matching.RegisterImporter registers, ILogger<DemoData> logger)
{
    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("citizen@demo.petitions", "Demo-Citizen-2026", Roles.Citizen, "王小明", null, null),
        new("officer@demo.petitions", "Demo-Officer-2026", Roles.Officer, "李承办", "衡阳市纪委监委信访室", "430400"),
        new("supervisor@demo.petitions", "Demo-Supervisor-2026", Roles.Supervisor, "张主任", "湖南省纪委监委信访室", "430000"),
        new("reviewer@demo.petitions", "Demo-Reviewer-2026", Roles.Officer, "陈复查", "湖南省纪委监委第一审查调查室", "430000"),
        new("oversight@demo.petitions", "Demo-Oversight-2026", Roles.Oversight, "赵审计", "湖南省审计厅", "430000"),
        new("admin@demo.petitions", "Demo-Admin-2026", Roles.Admin, "系统管理员", "平台运维", "430000"),
        new("analyst@demo.petitions", "Demo-Analyst-2026", Roles.Analyst, "钱分析", "湖南省人社厅基金监督处", "430000"),
    ];

    public async Task EnsureAsync()
    {
        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is null)
            {
                var user = new AppUser
                {
                    UserName = account.Email,
                    Email = account.Email,
                    EmailConfirmed = true,
                    DisplayName = account.Name,
                    Unit = account.Unit,
                };
                var result = await users.CreateAsync(user, account.Password);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException("Demo account could not be created: " + string.Join("; ", result.Errors.Select(e => e.Code)));
                }
                await users.AddToRoleAsync(user, account.Role);
                if (account.RegionCode is { } region)
                {
                    db.Jurisdictions.Add(new StaffJurisdiction { UserId = user.Id, RegionCode = region });
                    await db.SaveChangesAsync();
                }
            }
        }
        // Some reports to work on: made-up Hunan reports over the last 40 days, triaged by the real jobs.
        if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Reports))
        {
            var synthetic = new SyntheticReports(regions, policy);
            var now = clock.GetUtcNow();
            db.Reports.AddRange(Enumerable.Range(0, 60).Select(i => synthetic.Next(now.AddHours(-16 * (60 - i)))));
            await db.SaveChangesAsync();
            await Jobs.Triage.TriageSignal.RaiseAsync(db, jobs, CancellationToken.None);
        }
        // The province-wide history the oversight dashboard reads: 801 reports of 2012–2021, all answered, and the
        // campaign that re-examined them (its dashboard shows 801 and the overturned count).
        var campaignEnd = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Reports, r => r.SubmittedAt < campaignEnd))
        {
            var supervisor = await users.FindByEmailAsync("supervisor@demo.petitions");
            var reviewer = await users.FindByEmailAsync("reviewer@demo.petitions");
            var history = new HunanCampaign(regions, policy);
            var handlers = await HistoricalHandlersAsync(history);
            var (reports, campaign, items) = history.GenerateWithCampaign(code => handlers[code], [reviewer!.Id], supervisor!.Id);
            db.Reports.AddRange(reports);
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            db.CampaignItems.AddRange(items);
            await db.SaveChangesAsync();
            db.Rectifications.AddRange(HunanCampaign.RectificationsFor(items, reviewer.Id));
            await db.SaveChangesAsync();
        }
        // Hengnan's registers, imported as an analyst would (each import asks for a matching run).
        if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.RegisterImports, i => i.Source == Core.Matching.RegisterSource.PensionRoll))
        {
            foreach (var (source, name, content) in HengnanRegisters.Files())
            {
                using var stream = new MemoryStream(content);
                var result = await registers.ImportAsync(source, name, stream, null, CancellationToken.None);
                var first = result.Problems.Count > 0 ? result.Problems[0] : null;
                if (result.Import is null)
                {
                    throw new InvalidOperationException($"Demo register {source} refused: {result.ProblemCount} problems, first {first}");
                }
            }
        }
        Hangfire.BackgroundJobClientExtensions.Enqueue<Jobs.StatsRefreshJob>(jobs, j => j.RunAsync(CancellationToken.None));
        foreach (var account in Accounts)
        {
            logger.LogWarning("Demo account {Role}: {Email} / {Password}", account.Role, account.Email, account.Password);
        }
    }

    /// <summary>
    /// Who handled each county's reports before the campaign: one account per county bureau ("历史承办人", its unit the
    /// county's 人社局), disabled and in no role, so the campaign's "original unit" and the handler's unit agree.
    /// </summary>
    private async Task<Dictionary<string, Guid>> HistoricalHandlersAsync(HunanCampaign history)
    {
        var handlers = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var county in history.Counties)
        {
            var email = $"handler-{county.Code}@demo.petitions";
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new AppUser
                {
                    UserName = email, Email = email, EmailConfirmed = true, DisplayName = "历史承办人", Unit = history.UnitOf(county.Code),
                    Disabled = true, LockoutEnabled = true, LockoutEnd = DateTimeOffset.MaxValue,
                };
                var result = await users.CreateAsync(user);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException("Demo handler could not be created: " + string.Join("; ", result.Errors.Select(e => e.Code)));
                }
            }
            handlers[county.Code] = user.Id;
        }
        return handlers;
    }
}

public sealed record DemoAccount(string Email, string Password, string Role, string Name, string? Unit, string? RegionCode);
