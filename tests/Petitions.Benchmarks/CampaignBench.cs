using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Petitions.Core.Campaigns;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Benchmarks;

/// <summary>Launching a campaign over 100,000+ closed reports, and its dashboard, on the queue bench's table.</summary>
public static class CampaignBench
{
    /// <summary>Launches a province-wide campaign over every closed report (through the code the launch job runs); returns the items and seconds.</summary>
    public static async Task<(int Items, double Seconds, Guid Id)> LaunchAsync(PetitionsFactory factory, int reviewers)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < reviewers; i++)
        {
            ids.Add((await factory.CreateStaffAsync($"{QueueBench.Run}reviewer{i}@bench", Roles.Officer, $"复查员{i}", $"复查组{i}", "430000")).Id);
        }
        var campaign = new Campaign
        {
            Id = Guid.NewGuid(), Name = "bench", LegalBasis = "—", LeadBody = "—", Deadline = new DateOnly(2030, 1, 1), RegionCode = "430000",
            Outcomes = EarlierOutcome.Closed, Status = CampaignStatus.Launching, CreatedAt = DateTimeOffset.UtcNow,
            Reviewers = ids.Select(id => new CampaignReviewer { UserId = id }).ToList(),
        };
        await factory.QueryAsync(db => { db.Campaigns.Add(campaign); return db.SaveChangesAsync(); });
        var watch = Stopwatch.StartNew();
        using var scope = factory.Services.CreateScope();
        var (items, _) = await scope.ServiceProvider.GetRequiredService<Web.UseCases.Reexamination.Campaigns>().LaunchAsync(campaign.Id, CancellationToken.None);
        return (items, watch.Elapsed.TotalSeconds, campaign.Id);
    }

    /// <summary>Records a review on about a third of the items (a quarter of those overturned, with money), in SQL.</summary>
    public static async Task ReviewSomeAsync(PetitionsFactory factory, Guid campaignId)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            UPDATE campaign_items SET "ReviewedAt" = now(), "Reasons" = 'bench',
                "Verdict" = CASE WHEN "Id" % 4 = 0 THEN 'Overturned' ELSE 'Upheld' END,
                "NewFinding" = CASE WHEN "Id" % 4 = 0 THEN 'Verified' ELSE 'Unfounded' END,
                "MoneyToStopYuan" = CASE WHEN "Id" % 4 = 0 THEN ("Id" % 100) * 1000 ELSE 0 END,
                "MoneyToRecoverYuan" = CASE WHEN "Id" % 4 = 0 THEN ("Id" % 100) * 1500 ELSE 0 END
            WHERE "CampaignId" = @id AND "Id" % 3 = 0;
            ANALYZE campaign_items;
            """, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("id", campaignId);
        await command.ExecuteNonQueryAsync();
    }
}
