using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Petitions.Data;
using Petitions.Testing;
using Petitions.Web.Jobs;
using Petitions.Web.Statistics;
using Petitions.Web.Tests.Matching;
using static Petitions.Web.Tests.Statistics.StatsPages;

namespace Petitions.Web.Tests.Statistics;

/// <summary>
/// The figures are kept by folding each report's change into them, never by counting everything again. Reports moved
/// through the use cases read the same folded as counted from scratch; a fold that dies leaves the figures as they
/// were and the changes noted; a change the dying process never folded is folded by the next one.
/// </summary>
public sealed class IncrementalStatsTests(PetitionsFactory factory) : WebTest(factory)
{
    private async Task<int> DifferencesAsync()
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StatsFolding>().CompareAsync(CancellationToken.None);
    }

    private async Task<Dictionary<string, long?>> StatusesOnOversightAsync(FormClient oversight)
    {
        await Factory.RunRecurringAsync(StatsFoldJob.Id);
        return Breakdown(await oversight.GetPageAsync("/Oversight?region=430422", "en"), "status");
    }

    [Fact]
    public async Task ReportsMovedThroughTheUseCases_ReadTheSameFolded_AsCountedFromScratch()
    {
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var oversight = await SignedInStaffAsync("auditor@example.org", Roles.Oversight, "钱审计", "湖南省审计厅", "430000");
        var filed = new List<(Guid Id, string Number, string Key)>();
        for (var i = 0; i < 7; i++)
        {
            filed.Add(await Filing.FileAndTriageAsync(Factory, NewClient(), Filing.ValidFields($"第{i}件：乡镇劳动保障站持有已故老人的社保卡，按月取款。")));
        }
        Assert.Equal(0, await DifferencesAsync());
        Assert.Equal(7, (await StatusesOnOversightAsync(oversight))["Submitted"]);

        // Worked to its end: accepted, verified, found, referred, its money recorded, closed.
        var page = await officer.GetPageAsync($"/Staff/Report/{filed[0].Id}", "en");
        foreach (var action in new[] { "Claim", "Accept", "StartVerification" })
        {
            page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, action)));
        }
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Finding"] = "Verified", ["Input.Text"] = "属实。" }, formAction: ActionOf(page, "RecordFinding")));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Referral"] = "DisciplineCommission" }, formAction: ActionOf(page, "Refer")));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.MoneyStopped"] = "120000", ["Input.MoneyRecovered"] = "85000", ["Input.PeopleSanctioned"] = "2", ["Input.PeopleReferred"] = "1",
        }, formAction: ActionOf(page, "RecordOutcome")));
        Assert.Equal(0, await DifferencesAsync());
        await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Text"] = "已移送纪委，追回部分资金。" }, formAction: ActionOf(page, "Close"));

        // Declined, transferred, merged into another, withdrawn by its reporter.
        page = await officer.GetPageAsync($"/Staff/Report/{filed[1].Id}", "en");
        await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Reason"] = "不属于本单位职责范围" }, formAction: ActionOf(page, "Decline"));
        page = await officer.GetPageAsync($"/Staff/Report/{filed[2].Id}", "en");
        await officer.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.TransferTo"] = "MedicalInsurance", ["Input.Receiver"] = "衡阳市医疗保障局", ["Input.Reason"] = "反映的是医保报销问题。",
        }, formAction: ActionOf(page, "Transfer"));
        page = await officer.GetPageAsync($"/Staff/Report/{filed[3].Id}", "en");
        await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.MergeInto"] = filed[4].Number }, formAction: ActionOf(page, "Merge"));
        var tracker = NewClient(followRedirects: true);
        var track = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = filed[5].Number, ["Input.AccessKey"] = filed[5].Key }));
        var confirm = await tracker.GetPageAsync(track.QuerySelector("#withdraw")!.GetAttribute("href")!);
        await tracker.SubmitAsync(confirm, new Dictionary<string, string?>(), formAction: HandlerButton(confirm, "Withdraw", "#confirm-withdrawal"));
        Assert.Equal(0, await DifferencesAsync());

        // A data-matching case, its hit confirmed with money to recover.
        var matched = await MatchingCase.OneAsync(Factory);
        var fundOfficer = await SignedInStaffAsync("fund@example.org", Roles.Officer, "王敏", "衡南县人社局", "430422");
        page = await fundOfficer.GetPageAsync($"/Staff/Report/{matched}", "en");
        foreach (var action in new[] { "Claim", "Accept" })
        {
            page = await FormClient.ParseAsync(await fundOfficer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, action)));
        }
        await fundOfficer.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["HitInput.Decision"] = "Confirmed", ["HitInput.StoppedOn"] = "2021-01-05", ["HitInput.ToRecover"] = "36000", ["HitInput.Recovered"] = "12000",
        }, formAction: page.QuerySelector(".hit-form")!.GetAttribute("action"));
        Assert.Equal(0, await DifferencesAsync());

        var statuses = await StatusesOnOversightAsync(oversight);
        Assert.Equal((1L, 1L, 1L, 1L, 1L, 1L), (statuses["Closed"]!.Value, statuses["NotAccepted"]!.Value, statuses["Transferred"]!.Value,
            statuses["Merged"]!.Value, statuses["Withdrawn"]!.Value, statuses["Accepted"]!.Value + statuses["Assigned"]!.Value));
        Assert.Equal(2, statuses["Submitted"]);

        // Time passes: the sweep marks the untouched reports late, and the figures say so.
        Factory.Clock.Advance(TimeSpan.FromDays(40));
        await Factory.RunRecurringAsync(TimeLimitSweepJob.Id);
        Assert.Equal(0, await DifferencesAsync());
        await Factory.RunRecurringAsync(StatsFoldJob.Id);
        Assert.Equal(0, await Factory.QueryAsync(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM stats_changes").SingleAsync()));
        Assert.Equal(0, await DifferencesAsync());
        // (Signed in again: forty days end any session.)
        var later = await SignedInStaffAsync("auditor2@example.org", Roles.Oversight, "孙审计", "湖南省审计厅", "430000");
        Assert.True(int.Parse(Figure(await later.GetPageAsync("/Oversight?region=430422", "en"), "Overdue"), System.Globalization.CultureInfo.InvariantCulture) >= 2);
    }

    [Fact]
    public async Task AFoldThatDies_LeavesTheFiguresAsTheyWere_AndTheNextFoldCountsTheChange()
    {
        await Filing.FileAndTriageAsync(Factory, NewClient());
        await Factory.RunRecurringAsync(StatsFoldJob.Id);
        await Filing.FileAndTriageAsync(Factory, NewClient());
        var connectionString = Factory.Services.GetRequiredService<AppDbContext>().Database.GetConnectionString();

        // A fold runs to its last statement, and its connection is cut before it commits (the process died).
        await using (var dying = new NpgsqlConnection(connectionString))
        {
            await dying.OpenAsync();
            await using var tx = await dying.BeginTransactionAsync();
            await using (var fold = new NpgsqlCommand("SELECT stats_fold()", dying, tx))
            {
                Assert.Equal(1, (int)(await fold.ExecuteScalarAsync())!);
            }
            await using var killer = new NpgsqlConnection(connectionString);
            await killer.OpenAsync();
            await using var kill = new NpgsqlCommand($"SELECT pg_terminate_backend({dying.ProcessID})", killer);
            await kill.ExecuteScalarAsync();
        }
        Assert.Equal(1, await TotalFoldedAsync());
        Assert.Equal(0, await DifferencesAsync());
        await Factory.RunRecurringAsync(StatsFoldJob.Id);
        Assert.Equal(2, await TotalFoldedAsync());
    }

    [Fact]
    public async Task AChangeTheKilledSiteNeverFolded_IsFoldedByTheNextProcess()
    {
        // Its own database, so only the processes started here run jobs on it; the first never folds.
        await using var database = await TestDatabase.CreateAsync("fold");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Petitions"] = database.ConnectionString,
            ["Petitions:MigrateOnStartup"] = "true",
            ["Jobs:StatsFold"] = Hangfire.Cron.Never(),
            ["Jobs:StatsRefresh"] = Hangfire.Cron.Never(),
        };
        var first = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), settings);
        var client = new FormClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = first.Root });
        var fields = Filing.ValidFields();
        fields["altcha"] = await Altcha.SolveAsync(client.Http);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.SubmitAsync(await client.GetPageAsync("/Report"), fields, extraContent: new MultipartFormDataContent())).StatusCode);
        Assert.Equal(0L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM stats_cube"));
        first.Kill();

        settings["Jobs:StatsFold"] = "*/2 * * * * *";
        await using var second = await SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), settings);
        await Wait.UntilAsync(async () => await ScalarAsync(database.ConnectionString,
            "SELECT coalesce(sum(n), 0) FROM stats_cube WHERE region = '430000' AND dim = 'all'") == 1, TimeSpan.FromSeconds(60));
        Assert.Equal(0L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM stats_changes"));
    }

    private Task<long> TotalFoldedAsync() => Factory.QueryAsync(db => db.Database.SqlQueryRaw<long>(
        "SELECT coalesce(sum(n), 0)::bigint AS \"Value\" FROM stats_cube WHERE region = '430000' AND dim = 'all'").SingleAsync());

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
