using Microsoft.EntityFrameworkCore;
using Petitions.Core.Matching;
using Petitions.Core.Regions;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Matching;

/// <summary>
/// One line of the matching dashboard: hits, how many were decided and how (the National Fraud Initiative's "outcome
/// for every match"), the precision that follows, and the money: paid after death (at stake), to recover and recovered.
/// </summary>
public sealed record HitFigures(string Key, int Hits, int Confirmed, int FalsePositives, decimal AtStake, decimal ToRecover, decimal Recovered)
{
    public int Decided => Confirmed + FalsePositives;
    public int Open => Hits - Decided;
    /// <summary>Confirmed among decided; null before any decision.</summary>
    public decimal? Precision => Decided == 0 ? null : Math.Round((decimal)Confirmed / Decided, 3);
}

/// <summary>
/// The dashboard's cuts (by rule, by county, by the month hits were found, by approver) over the hits within a reach,
/// and for each approver how many times the average rate their approvals carry payments made after death.
/// </summary>
public sealed record MatchingDashboard(HitFigures Total, IReadOnlyList<HitFigures> ByRule, IReadOnlyList<HitFigures> ByRegion, IReadOnlyList<HitFigures> ByMonth)
{
    public IReadOnlyList<HitFigures> ByApprover { get; init; } = [];
    public IReadOnlyDictionary<string, decimal> ApproverMultiple { get; init; } = new Dictionary<string, decimal>();
}

public sealed class MatchingFigures(AppDbContext db)
{
    public async Task<MatchingDashboard> ForAsync(Reach reach, CancellationToken ct)
    {
        var hits = db.MatchHits.AsNoTracking().Within(h => h.Region, reach);
        var byRule = await Cut(hits.GroupBy(h => h.Rule), ct);
        var byRegion = await Cut(hits.GroupBy(h => h.Region ?? ""), ct);
        var months = await hits.GroupBy(h => new { h.FoundAt.Year, h.FoundAt.Month }).Select(g => new
        {
            g.Key.Year, g.Key.Month, Hits = g.Count(),
            Confirmed = g.Count(h => h.Decision == HitDecision.Confirmed),
            FalsePositives = g.Count(h => h.Decision == HitDecision.FalsePositive),
            AtStake = g.Sum(h => h.Rule == MatchingRun.PaidAfterDeath ? h.Amount : 0),
            ToRecover = g.Sum(h => h.ToRecover ?? 0),
            Recovered = g.Sum(h => h.Recovered ?? 0),
        }).ToListAsync(ct);
        var byMonth = months.OrderByDescending(m => (m.Year, m.Month))
            .Select(m => new HitFigures($"{m.Year:D4}-{m.Month:D2}", m.Hits, m.Confirmed, m.FalsePositives, m.AtStake, m.ToRecover, m.Recovered)).ToList();
        var total = new HitFigures("", byRule.Sum(f => f.Hits), byRule.Sum(f => f.Confirmed), byRule.Sum(f => f.FalsePositives),
            byRule.Sum(f => f.AtStake), byRule.Sum(f => f.ToRecover), byRule.Sum(f => f.Recovered));
        var byApprover = await Cut(hits.Where(h => h.Approver != null).GroupBy(h => h.Approver!), ct);
        return new(total, byRule, byRegion.OrderByDescending(f => f.AtStake).ThenBy(f => f.Key, StringComparer.Ordinal).ToList(), byMonth)
        {
            ByApprover = byApprover.OrderByDescending(f => f.AtStake).ToList(),
            ApproverMultiple = await MultiplesAsync(hits, ct),
        };
    }

    /// <summary>
    /// For each approver: the share of their approvals that were payments after death, over the share among all
    /// approvals (1: as everyone; 20: twenty times the average rate). Payments after death are counted by the hits' months.
    /// </summary>
    private async Task<Dictionary<string, decimal>> MultiplesAsync(IQueryable<MatchHit> hits, CancellationToken ct)
    {
        var dead = await hits.Where(h => h.Rule == MatchingRun.PaidAfterDeath && h.Approver != null)
            .GroupBy(h => h.Approver!).Select(g => new { g.Key, Months = g.Sum(h => h.Months) }).ToDictionaryAsync(x => x.Key, x => x.Months, ct);
        if (dead.Count == 0)
        {
            return [];
        }
        var keys = dead.Keys.ToList();
        var all = await db.RegisterPayments.Where(e => e.Approver != null)
            .GroupBy(e => e.Approver!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var rate = (decimal)dead.Values.Sum() / Math.Max(all.Values.Sum(), 1);
        return keys.Where(k => all.GetValueOrDefault(k) > 0 && rate > 0)
            .ToDictionary(k => k, k => Math.Round((decimal)dead[k] / all[k] / rate, 1), StringComparer.Ordinal);
    }

    private static async Task<List<HitFigures>> Cut(IQueryable<IGrouping<string, MatchHit>> groups, CancellationToken ct) =>
        (await groups.Select(g => new
        {
            g.Key, Hits = g.Count(),
            Confirmed = g.Count(h => h.Decision == HitDecision.Confirmed),
            FalsePositives = g.Count(h => h.Decision == HitDecision.FalsePositive),
            AtStake = g.Sum(h => h.Rule == MatchingRun.PaidAfterDeath ? h.Amount : 0),
            ToRecover = g.Sum(h => h.ToRecover ?? 0),
            Recovered = g.Sum(h => h.Recovered ?? 0),
        }).ToListAsync(ct))
        .Select(g => new HitFigures(g.Key, g.Hits, g.Confirmed, g.FalsePositives, g.AtStake, g.ToRecover, g.Recovered))
        .OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
}
