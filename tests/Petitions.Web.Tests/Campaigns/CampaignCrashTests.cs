using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Core.Campaigns;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Tests.Statistics;

namespace Petitions.Web.Tests.Campaigns;

/// <summary>A launch killed (SIGKILL) in the middle is finished by the next process: each report in the campaign once.</summary>
public sealed class CampaignCrashTests(PetitionsFactory factory) : WebTest(factory)
{
    private const int Copies = 100_000;

    [Fact]
    public async Task ALaunchKilledMidway_IsFinishedByTheNextProcess_WithEachReportOnce()
    {
        // Its own database, so only the processes started here run jobs on it.
        await using var database = await TestDatabase.CreateAsync("launch");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Petitions"] = database.ConnectionString,
            ["Petitions:MigrateOnStartup"] = "true",
            ["Jobs:CampaignLaunchSweep"] = "*/2 * * * * *",
        };
        var first = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), settings);
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(database.ConnectionString).Options;
        var campaignId = Guid.NewGuid();
        await using (var db = new AppDbContext(options))
        {
            var handler = new AppUser { UserName = "h@example.org", Email = "h@example.org", Unit = "衡南县人社局" };
            var reviewers = Enumerable.Range(0, 3).Select(i => new AppUser { UserName = $"r{i}@example.org", Email = $"r{i}@example.org", Unit = "复查组" + i }).ToList();
            db.Users.AddRange([handler, .. reviewers]);
            var template = StatsPages.Received(Factory, "430422", "deceased-pension", new DateOnly(2016, 4, 1));
            template.Claim(handler.Id, template.SubmittedAt.AddDays(1));
            template.Decline(handler.Id, "不予受理", template.SubmittedAt.AddDays(2));
            db.Reports.Add(template);
            await db.SaveChangesAsync();
            // 100,000 more like it, copied in the database (new ids and numbers).
            var columns = await db.Database.SqlQueryRaw<string>(
                "SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_name = 'reports' AND table_schema = 'public' AND is_generated = 'NEVER' ORDER BY ordinal_position").ToListAsync();
            var select = string.Join(", ", columns.Select(c => c switch
            {
                "Id" => "gen_random_uuid()",
                "TrackingNumber" => "'C' || lpad(i::text, 9, '0')",
                _ => "r.\"" + c + "\"",
            }));
            await using (var connection = new NpgsqlConnection(database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var copy = new NpgsqlCommand("INSERT INTO reports (" + string.Join(", ", columns.Select(c => "\"" + c + "\"")) + ") SELECT " + select
                    + " FROM reports r, generate_series(1, " + Copies + ") i WHERE r.\"Id\" = @id", connection) { CommandTimeout = 300 };
                copy.Parameters.AddWithValue("id", template.Id);
                await copy.ExecuteNonQueryAsync();
            }
            db.Campaigns.Add(new Campaign
            {
                Id = campaignId, Name = "崩溃测试", LegalBasis = "—", LeadBody = "—", Deadline = new DateOnly(2027, 1, 1), RegionCode = "430000",
                Outcomes = EarlierOutcome.All, Status = CampaignStatus.Launching, CreatedAt = Factory.Clock.GetUtcNow(),
                Reviewers = reviewers.Select(r => new CampaignReviewer { UserId = r.Id }).ToList(),
            });
            await db.SaveChangesAsync();
        }

        // The sweep starts the launch; as soon as it holds the campaign's lock (its transaction is open), SIGKILL.
        await using (var probe = new NpgsqlConnection(database.ConnectionString))
        {
            await probe.OpenAsync();
            await Wait.UntilAsync(async () =>
            {
                await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted", probe);
                return (long)(await command.ExecuteScalarAsync())! > 0;
            }, TimeSpan.FromSeconds(60));
        }
        first.Kill();
        await first.DisposeAsync();
        await using (var db = new AppDbContext(options))
        {
            Assert.Equal(CampaignStatus.Launching, await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Status).SingleAsync());
        }

        // The next process finishes it.
        await using var second = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), settings);
        await using (var db = new AppDbContext(options))
        {
            try
            {
                await Wait.UntilAsync(() => db.Campaigns.AnyAsync(c => c.Id == campaignId && c.Status == CampaignStatus.Active), TimeSpan.FromSeconds(120));
            }
            catch (TimeoutException)
            {
                Assert.Fail("The second process did not finish the launch:\n" + second.Output);
            }
            var items = db.CampaignItems.Where(i => i.CampaignId == campaignId);
            Assert.Equal(Copies + 1, await items.CountAsync());
            Assert.Equal(Copies + 1, await items.Select(i => i.ReportId).Distinct().CountAsync());
            Assert.Equal(0, await items.CountAsync(i => i.ReviewerId == null));
            // Balanced over the three reviewers.
            var loads = await items.GroupBy(i => i.ReviewerId).Select(g => g.Count()).ToListAsync();
            Assert.True(loads.Max() - loads.Min() <= 1, string.Join(",", loads));
            // The half a launch the first process committed and the rest the second did are each tallied once.
            await CampaignTallyCheck.AssertEqualAsync(database.ConnectionString);
        }
        NpgsqlConnection.ClearAllPools();
    }
}
