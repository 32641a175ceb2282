using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Testing;
using Xunit.Abstractions;
using static Petitions.Web.Tests.Matching.MatchingRunTests;

namespace Petitions.Web.Tests.Matching;

/// <summary>
/// Every rule's precision and recall on a generated county with known truth (<see cref="GeneratedRegisters"/>): the
/// registers imported through the analyst's page as files, one run through Hangfire, and each rule's hits compared
/// with the people it should find. The target is the one set for paid after death, 0.99 each way, for every rule.
/// </summary>
public sealed class RuleAccuracyTests(PetitionsFactory factory, ITestOutputHelper output) : WebTest(factory)
{
    [Fact]
    public async Task EveryRule_FindsItsGeneratedTruth_WithPrecisionAndRecallOfAtLeast099()
    {
        var set = new GeneratedRegisters();
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        await ImportAsync(analyst, "PensionRoll", set.Roll, "名册.csv");
        await ImportAsync(analyst, "PaymentLedger", set.Ledger, "发放明细.csv");
        await ImportAsync(analyst, "StatusChange", set.Status, "状态变更.csv");
        await ImportAsync(analyst, "Cremation", set.Cremations, "火化.csv");
        await ImportAsync(analyst, "HouseholdDeregistration", set.Deregistrations, "户籍注销.csv");
        await ImportAsync(analyst, "DeathCertificate", set.Certificates, "死亡证明.csv");
        await ImportAsync(analyst, "Prison", set.Prison, "服刑人员.csv");
        await ImportAsync(analyst, "BankWithdrawal", set.Bank, "取款流水.csv");
        await Factory.RunRecurringAsync(Web.Jobs.MatchingRunJob.Id, TimeSpan.FromMinutes(3));

        var found = (await Factory.QueryAsync(db => db.MatchHits.Select(h => new { h.Rule, h.PersonNumber }).ToListAsync()))
            .ToLookup(h => h.Rule, h => h.PersonNumber);
        var failures = new List<string>();
        foreach (var rule in RiskRules.All)
        {
            var truth = set.Truth[rule.Code];
            var hits = found[rule.Code].ToHashSet(StringComparer.Ordinal);
            var right = hits.Count(truth.Contains);
            var (precision, recall) = (hits.Count == 0 ? 1 : right / (double)hits.Count, truth.Count == 0 ? 1 : right / (double)truth.Count);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{rule.Code}: {truth.Count} to find, {hits.Count} hits, {right} right: precision {precision:F3}, recall {recall:F3}; wrong {string.Join(" ", hits.Except(truth).Take(5))}; missed {string.Join(" ", truth.Except(hits).Take(5))}");
            output.WriteLine(line);
            Assert.True(truth.Count > 0, $"{rule.Code} has nothing to find");
            if (precision < 0.99 || recall < 0.99)
            {
                failures.Add(line);
            }
        }
        Assert.Empty(failures);
    }
}
