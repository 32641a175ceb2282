using Microsoft.EntityFrameworkCore;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Rewards;
using Petitions.Web.Services;

namespace Petitions.Web.Statistics;

/// <summary>One line of the rewards table: how many and how much, by the year the reward was proposed (China time).</summary>
public sealed record RewardLine(string Key, IReadOnlyDictionary<int, (int Count, decimal Sum)> ByYear)
{
    public (int Count, decimal Sum) Total => (ByYear.Values.Sum(v => v.Count), ByYear.Values.Sum(v => v.Sum));
}

/// <summary>
/// Rewards for oversight, complete (no suppression: oversight readers see every figure of their jurisdictions): proposed,
/// awaiting the second person, granted, refused (by reason), claimed, lapsed and paid, with their sums, for a region
/// and everything inside it, by year. Read from the primary, like the cases they belong to.
/// </summary>
public sealed class RewardFigures(Data.AppDbContext db, TimeLimitPolicy policy, TimeProvider clock)
{
    public async Task<IReadOnlyList<RewardLine>> ForAsync(string region, CancellationToken ct)
    {
        var rows = await db.Rewards.AsNoTracking()
            .Join(db.Reports.Within(r => r.RegionCode, new Reach([region])), w => w.ReportId, r => r.Id, (w, r) => w)
            .Select(w => new Row(w.Status, w.Eligible, w.Refusal, w.Amount, w.PaidAmount, w.ProposedAt, w.ClaimedAt, w.ClaimBy))
            .ToListAsync(ct);
        var today = policy.LocalDay(clock.GetUtcNow());
        var withYear = rows.Select(r => (Row: r, Year: policy.LocalDay(r.ProposedAt).Year)).ToList();
        RewardLine Line(string key, Func<Row, bool> take, Func<Row, decimal> sum) => new(key,
            withYear.Where(x => take(x.Row)).GroupBy(x => x.Year).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(x => sum(x.Row)))));
        var lines = new List<RewardLine>
        {
            Line("Proposed", _ => true, r => r.Eligible ? r.Amount : 0m),
            Line("Awaiting", r => r.Status is RewardStatus.Proposed or RewardStatus.Returned, r => r.Eligible ? r.Amount : 0m),
            Line("Granted", r => r.Status is RewardStatus.Granted or RewardStatus.Claimed or RewardStatus.Paid, r => r.Amount),
            Line("Refused", r => r.Status == RewardStatus.Refused, _ => 0m),
        };
        lines.AddRange(Enum.GetValues<RewardRefusal>().Select(reason =>
            Line("Refused." + reason, r => r.Status == RewardStatus.Refused && r.Refusal == reason, _ => 0m)));
        lines.Add(Line("Claimed", r => r.ClaimedAt != null, r => r.Amount));
        lines.Add(Line("Lapsed", r => r.Status == RewardStatus.Granted && r.ClaimBy != null && today > r.ClaimBy, r => r.Amount));
        lines.Add(Line("Paid", r => r.Status == RewardStatus.Paid, r => r.PaidAmount ?? 0m));
        return lines;
    }

    private sealed record Row(RewardStatus Status, bool Eligible, RewardRefusal? Refusal, decimal Amount, decimal? PaidAmount,
        DateTimeOffset ProposedAt, DateTimeOffset? ClaimedAt, DateOnly? ClaimBy);
}
