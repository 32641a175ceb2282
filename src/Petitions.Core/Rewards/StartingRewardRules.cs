namespace Petitions.Core.Rewards;

/// <summary>
/// The provincial rules the portal starts with, from public summaries of each document. None is marked confirmed:
/// an administrator checks each against its official text (and its day of entry into force where a summary gives
/// none) and edits it on the rules page. Where a summary is silent the rule says nothing (no minimum, or no fixed
/// amount when there was no loss) rather than guess.
/// </summary>
public static class StartingRewardRules
{
    public static IReadOnlyList<RewardRule> All() =>
    [
        // Hubei: 2 % of the loss, at least 200, at most 100,000; a verified report without loss 200.
        new()
        {
            ProvinceCode = "420000", InForceFrom = new DateOnly(2023, 1, 1),
            Citation = "湖北省人力资源和社会保障厅 湖北省财政厅《湖北省社会保险基金监督举报奖励实施办法》（鄂人社发〔2022〕51号）",
            Bands = [new(0, 0, 2m)], Minimum = 200, Maximum = 100_000, NoLossMinimum = 200, NoLossMaximum = 200,
        },
        // Shandong (from 2023-03-01): 2 %, 3 % or 5 % by who was reported, at most 100,000; no loss 500. Which party
        // takes which rate is not in the summaries: individual 2 %, employer or institution 3 %, agency or its staff 5 %
        // is this portal's reading, to be checked against the text.
        new()
        {
            ProvinceCode = "370000", InForceFrom = new DateOnly(2023, 3, 1),
            Citation = "山东省人力资源和社会保障厅 山东省财政厅《山东省社会保险基金监督举报奖励办法》",
            Bands = [new(0, 0, 2m, EmployerPercent: 3m, AgencyPercent: 5m)], Minimum = 0, Maximum = 100_000, NoLossMinimum = 500, NoLossMaximum = 500,
        },
        // Hainan (2023): 5 %, at least 500, at most 100,000; the summaries give no amount for a report without loss.
        new()
        {
            ProvinceCode = "460000", InForceFrom = new DateOnly(2023, 1, 1),
            Citation = "海南省人力资源和社会保障厅 海南省财政厅 社会保险基金监督举报奖励办法（2023）",
            Bands = [new(0, 0, 5m)], Minimum = 500, Maximum = 100_000,
        },
        // Inner Mongolia (from 2023-02-01): 200 up to 20,000 of loss, 1 % of the loss above that, at most 100,000; no
        // loss 200 to 2,000 (the department chooses within the range; the proposal starts at 200).
        new()
        {
            ProvinceCode = "150000", InForceFrom = new DateOnly(2023, 2, 1),
            Citation = "内蒙古自治区人力资源和社会保障厅 内蒙古自治区财政厅 社会保险基金监督举报奖励办法",
            Bands = [new(0, 200, 0), new(20_000, 0, 1m)], Minimum = 0, Maximum = 100_000, NoLossMinimum = 200, NoLossMaximum = 2_000,
        },
        // Tianjin: 10 % of a loss of up to 2 million, so at most 200,000 (above the national 100,000, as its rule says).
        new()
        {
            ProvinceCode = "120000", InForceFrom = new DateOnly(2023, 1, 1),
            Citation = "天津市人力资源和社会保障局 天津市财政局 社会保险基金监督举报奖励办法",
            Bands = [new(0, 0, 10m)], Minimum = 0, Maximum = 200_000,
        },
    ];
}
