using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Core.Reports;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Web.UseCases.Intake;

namespace Petitions.Web.UseCases.Matching;

/// <summary>
/// Hits become cases: one case per person with all of that person's undecided hits, filed through the one intake
/// use case (<see cref="FileReport"/>) as the source "data matching", so it lands in the county's queue under the kind's
/// legal regime and time limits, is triaged, audited and counted like every other report. A new hit of a person whose
/// case is still being handled joins that case. Resumable: a case's reference names its person and first hit, a
/// unique index refuses it twice, and a run that died between filing and linking links it the next time.
/// </summary>
public sealed class MatchingCases(AppDbContext db, IServiceScopeFactory scopes, TimeProvider clock, Core.Policy.TimeLimitPolicy policy, ILogger<MatchingCases> logger)
{
    /// <summary>The kind a case is filed under: money paid after death first, then the rules on shared details.</summary>
    public static string KindOf(IEnumerable<string> rules) => Core.Matching.RiskRules.KindOf(rules);

    private const string JoinOpenSql = """
        UPDATE match_hits h SET "ReportId" = o.report
        FROM (SELECT DISTINCT ON (x."PersonNumber") x."PersonNumber" AS person, r."Id" AS report
              FROM match_hits x JOIN reports r ON r."Id" = x."ReportId"
              WHERE r."Status" = ANY(@working)
              ORDER BY x."PersonNumber", r."SubmittedAt" DESC) o
        WHERE h."PersonNumber" = o.person AND h."ReportId" IS NULL AND h."Decision" IS NULL
        """;

    /// <summary>Files the cases the hits owe; returns how many were filed now.</summary>
    public async Task<int> FileOwedAsync(CancellationToken ct)
    {
        string[] working = [.. ReportStatuses.AwaitingAcceptance.Concat(ReportStatuses.AwaitingConclusion).Select(s => s.ToString())];
        await db.Database.ExecuteSqlRawAsync(JoinOpenSql, [new NpgsqlParameter("working", working)], ct);
        // Every hit still owed a case, in one read, by person; and the cases a killed run already filed for them.
        var owed = (await db.MatchHits.AsNoTracking().Where(h => h.ReportId == null && h.Decision == null)
                .Where(h => db.MatchHits.Any(x => x.PersonNumber == h.PersonNumber && x.ReportId == null && x.Decision == null && x.Region != null))
                .OrderBy(h => h.PersonNumber).ThenBy(h => h.Id).ToListAsync(ct))
            .GroupBy(h => h.PersonNumber).Select(g => (Reference: ReferenceOf(g.First()), Hits: g.ToList())).ToList();
        var references = owed.Select(o => o.Reference).ToList();
        var already = await db.Reports.Where(r => r.Source == ReportSource.DataMatching && references.Contains(r.SourceReference!))
            .ToDictionaryAsync(r => r.SourceReference!, r => r.Id, ct);
        // Filed on twice as many connections as the machine has cores (while one waits for PostgreSQL, another runs):
        // each case is its own intake transaction.
        var filed = 0;
        var parts = owed.Select((o, i) => (o, i)).GroupBy(x => x.i % (2 * Environment.ProcessorCount), x => x.o).ToList();
        await Parallel.ForEachAsync(parts, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parts.Count), CancellationToken = ct }, async (part, token) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var partDb = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var partIntake = scope.ServiceProvider.GetRequiredService<FileReport>();
            foreach (var (reference, hits) in part)
            {
                partDb.ChangeTracker.Clear();
                if (!already.TryGetValue(reference, out var reportId))
                {
                    var result = await partIntake.FileAsync(SubmissionFor(hits, reference), token);
                    if (!result.Filed)
                    {
                        // A kind switched off or a region no longer in the catalogue: the hit stays on the analysts' list.
                        logger.LogWarning("Matching case not filed: {Problems}", string.Join(", ", result.Errors.Select(e => $"{e.Field} {e.MessageKey}")));
                        continue;
                    }
                    reportId = result.ReportId!.Value;
                    Interlocked.Increment(ref filed);
                }
                var ids = hits.Select(h => h.Id).ToList();
                await partDb.MatchHits.Where(h => ids.Contains(h.Id) && h.ReportId == null).ExecuteUpdateAsync(u => u.SetProperty(h => h.ReportId, reportId), token);
            }
        });
        return filed;
    }

    /// <summary>A case's reference: the roll's person number and the first of the hits it was filed for ("HN000004/hit-29").</summary>
    private static string ReferenceOf(MatchHit first) => $"{first.PersonNumber}/hit-{first.Id.ToString(CultureInfo.InvariantCulture)}";

    private Submission SubmissionFor(List<MatchHit> hits, string reference)
    {
        // The case's money and period: paid after death when that is among the hits, else the largest sum paid wrongly.
        var paid = hits.FirstOrDefault(h => h.Rule == RiskRules.PaidAfterDeath) ?? hits.Where(h => h.Months > 0).MaxBy(h => h.Amount);
        var first = hits[0];
        return new Submission
        {
            From = new IntakeSource(ReportChannel.OtherAgency, ReportSource.DataMatching, Reference: reference, FoundOn: policy.LocalDay(clock.GetUtcNow())),
            KindCode = KindOf(hits.Select(h => h.Rule)),
            Region = first.Region,
            PeriodFrom = paid?.FirstPeriod,
            PeriodTo = paid?.LastPeriod,
            AmountYuan = paid?.Amount,
            CardsOrPeople = 1,
            Description = Describe(hits),
            Culture = "zh-CN",
        };
    }

    /// <summary>What the registers show, in the words of the case's description (the hits' own table is on the case page).</summary>
    public static string Describe(IReadOnlyList<MatchHit> hits)
    {
        var text = new StringBuilder();
        var first = hits[0];
        text.Append(CultureInfo.InvariantCulture, $"数据比对发现：养老金名册人员 {first.PersonNumber}（{first.Name}）。\n\n");
        foreach (var hit in hits)
        {
            text.Append("- ");
            text.Append(hit.Rule switch
            {
                MatchingRun.PaidAfterDeath => string.Create(CultureInfo.InvariantCulture,
                    $"死亡后仍发放：死亡登记日期 {hit.DeathDate:yyyy-MM-dd}（{Sources(hit.DeathSources)}），此后发放 {hit.Months} 个月（{hit.FirstPeriod:yyyy-MM} 至 {hit.LastPeriod:yyyy-MM}），共 {hit.Amount:N2} 元{(hit.BackPay ? "，其中含待遇补发" : "")}。"),
                RiskRules.SharedPhone => string.Create(CultureInfo.InvariantCulture,
                    $"一个联系电话对应名册上 {hit.SharedWith} 人，其中 {hit.SharedWithDead} 人已登记死亡；本人月发放 {hit.Amount:N2} 元。"),
                RiskRules.SharedCard => string.Create(CultureInfo.InvariantCulture,
                    $"一个卡号（账户）对应名册上 {hit.SharedWith} 人，其中 {hit.SharedWithDead} 人已登记死亡；本人月发放 {hit.Amount:N2} 元。"),
                RiskRules.SharedAddress => string.Create(CultureInfo.InvariantCulture,
                    $"一个住址对应名册上 {hit.SharedWith} 人，其中 {hit.SharedWithDead} 人已登记死亡；本人月发放 {hit.Amount:N2} 元。"),
                RiskRules.BackPayAfterDeath => string.Create(CultureInfo.InvariantCulture,
                    $"死亡后补发待遇：死亡登记日期 {hit.DeathDate:yyyy-MM-dd}（{Sources(hit.DeathSources)}），此后支付待遇补发 {hit.Months} 笔（首笔 {hit.FactFrom:yyyy-MM-dd}），共 {hit.Amount:N2} 元。"),
                RiskRules.PaidInPrison => string.Create(CultureInfo.InvariantCulture,
                    $"服刑期间领取待遇：{hit.FactFrom:yyyy-MM-dd} 入监{(hit.FactTo is { } released ? $"，{released:yyyy-MM-dd} 释放" : "，尚未释放")}，其间发放 {hit.Months} 个月（{hit.FirstPeriod:yyyy-MM} 至 {hit.LastPeriod:yyyy-MM}），共 {hit.Amount:N2} 元。"),
                RiskRules.ResumedUncertified => string.Create(CultureInfo.InvariantCulture,
                    $"暂停后未经认证恢复发放：{hit.FactFrom:yyyy-MM-dd} 暂停，{hit.FactTo:yyyy-MM-dd} 恢复，其间无资格认证记录；此后发放 {hit.Months} 个月，共 {hit.Amount:N2} 元。"),
                RiskRules.RaisedOutsideAdjustment => string.Create(CultureInfo.InvariantCulture,
                    $"调整外提高待遇：{hit.FactFrom:yyyy-MM} 起月发放提高 {hit.Percent:0.##}%，无待遇调整记录或超过调整幅度；{hit.Months} 个月多发 {hit.Amount:N2} 元。"),
                RiskRules.NightWithdrawals => string.Create(CultureInfo.InvariantCulture,
                    $"夜间集中取款：{hit.FactFrom:yyyy-MM-dd} 至 {hit.FactTo:yyyy-MM-dd}，本人社保卡在 0 时至 5 时于同一终端被取款（该终端夜间共取用名册上 {hit.SharedWith} 张卡，其中 {hit.SharedWithDead} 张属已登记死亡人员），{hit.Months} 个月共 {hit.Amount:N2} 元。"),
                RiskRules.PaidEarly => string.Create(CultureInfo.InvariantCulture,
                    $"提前发放：{hit.Months} 笔在所属期之前支付（首笔 {hit.FactFrom:yyyy-MM-dd}，所属期 {hit.FirstPeriod:yyyy-MM} 至 {hit.LastPeriod:yyyy-MM}），共 {hit.Amount:N2} 元。"),
                _ => hit.Rule,
            });
            if (hit.PreviousHitId is not null)
            {
                text.Append("（此人同一规则的疑点处理后出现新情况，再次发现。）");
            }
            text.Append('\n');
        }
        text.Append("\n依《社会保险经办条例》第二十六条，比对结果须经核实；确认丧失待遇资格后方可停发。");
        return text.ToString();
    }

    private static string Sources(string? sources) => string.Join("、", (sources ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => s switch
    {
        "Cremation" => "民政火化",
        "HouseholdDeregistration" => "公安户籍注销",
        "DeathCertificate" => "卫健死亡证明",
        _ => s,
    }));
}
