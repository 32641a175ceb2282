using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Core.Tracking;

namespace Petitions.Web.Seeding;

/// <summary>
/// Plausible reports made up from parts (kinds, Hunan regions, people, sentences), for demo data and
/// benchmarks. Deterministic for a given seed. No real person is named: names are "surname + 某" (a benchmark may give its
/// own made-up people, <c>named</c>).
/// </summary>
public sealed class SyntheticReports(RegionCatalogue regions, TimeLimitPolicy policy, int seed = 2020,
    Func<Region, Random, (string Name, string Unit, string Position)>? named = null)
{
    private static readonly string[] Kinds =
        ["deceased-pension", "duplicate-claims", "card-not-owner", "inflated-benefit", "improper-payment", "staff-embezzlement", "dereliction", "subsidy-card", "other"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] Units =
        ["人社局农保中心", "乡镇劳动保障站", "村民委员会", "社保服务中心", "乡财政所", "民政局", "信用社营业所", "街道社区服务中心"];
    private static readonly string[] Positions = ["站长", "会计", "协管员", "村主任", "股长", "出纳", "经办员"];
    private static readonly string[] Openings =
    [
        "{0}{1}的{2}{3}长期持有多张社保卡。", "我反映{0}{1}{2}{3}的问题。", "{0}一带有人冒领养老金，涉及{1}。",
        "听说{0}{1}的工作人员{3}把已故老人的卡留在手里。", "{0}{1}发放补贴时存在问题，经手人是{2}{3}。",
    ];
    private static readonly string[] Middles =
    [
        "有的老人已经去世多年，卡上每月照样到账，钱被取走。", "同一个人在两个地方领取待遇，至今没有停发。", "补贴发到了不相干的人的账户上。",
        "村里很多人的卡不在本人手里，取钱要找{0}。", "去年有人反映过，但没有下文。", "账面上的人数比实际多出好几十人。",
        "钱由信用社直接转到私人账户。", "审核时没有核对死亡信息，一直发放。",
    ];
    private static readonly string[] Closings =
    [
        "希望尽快核查。", "我可以提供部分名单。", "请不要透露我的身份。", "相关凭证我保存了照片。", "涉及金额估计不小。", "",
    ];

    private static readonly string[] Syllables =
        ["东", "西", "南", "北", "新", "河", "山", "塘", "桥", "湾", "坪", "岭", "冲", "田", "湖", "岗", "竹", "石", "龙", "凤", "花", "松", "柏", "泉"];

    private readonly Random _random = new(seed);

    /// <summary>The particulars every real report has: a village, years (all before it was received), sums, how it was noticed.</summary>
    private string Particulars(string person, int receivedYear)
    {
        var village = $"{Syllables[_random.Next(Syllables.Length)]}{Syllables[_random.Next(Syllables.Length)]}村";
        var from = receivedYear - 3 - _random.Next(5);
        var cards = _random.Next(2, 60);
        var monthly = _random.Next(8, 30) * 10;
        var seen = _random.Next(4) switch
        {
            0 => $"我在{from + 2}年{_random.Next(1, 13)}月去信用社时看见{person}一次取了{_random.Next(3, 20)}张卡的钱",
            1 => $"{village}第{_random.Next(1, 12)}组的{Surnames[_random.Next(Surnames.Length)]}家老人去世{_random.Next(2, 9)}年了还在领",
            2 => $"名单上有{_random.Next(10, 90)}个人我认识其中{_random.Next(2, 9)}个早已不在人世",
            _ => $"村民{Surnames[_random.Next(Surnames.Length)]}某的母亲{from - 1}年去世，{from + 3}年卡上还有{monthly}元到账",
        };
        return $"地点在{village}，从{from}年起，约{cards}张卡，每张每月{monthly}元左右。{seen}。";
    }
    private readonly List<Region> _counties = regions.ChildrenOf("430000").SelectMany(c => regions.ChildrenOf(c.Code)).ToList();

    /// <summary>The person a report names unless the caller chose its own people: "surname + 某", at one of eight units of the county.</summary>
    private (string Name, string Unit, string Position) NamedByDefault(Region county)
    {
        var person = Surnames[_random.Next(Surnames.Length)] + "某" + (_random.Next(3) == 0 ? "某" : "");
        var unit = county.Name + Units[_random.Next(Units.Length)];
        return (person, unit, Positions[_random.Next(Positions.Length)]);
    }

    /// <summary>Every Hunan county (and district), in code order.</summary>
    public IReadOnlyList<Region> Counties => _counties;

    /// <summary>A new report, submitted at <paramref name="at"/>, not yet triaged; about a random county unless one is given.</summary>
    public Report Next(DateTimeOffset at, Region? about = null)
    {
        var county = about ?? _counties[_random.Next(_counties.Count)];
        var (person, unit, position) = named?.Invoke(county, _random) ?? NamedByDefault(county);
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Openings[_random.Next(Openings.Length)], county.Name, Units[_random.Next(Units.Length)], position, person)
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, Middles[_random.Next(Middles.Length)], person)
            + Particulars(person, at.Year)
            + Middles[_random.Next(Middles.Length)].Replace("{0}", person, StringComparison.Ordinal)
            + Closings[_random.Next(Closings.Length)];
        var report = new Report
        {
            Id = Guid.CreateVersion7(at),
            TrackingNumber = TrackingCodes.NewTrackingNumber(),
            AccessKeyHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
            IsAnonymous = _random.Next(4) != 0,
            KindCode = Kinds[_random.Next(Kinds.Length)],
            RegionCode = county.Code,
            AmountYuan = _random.Next(3) == 0 ? null : _random.Next(1, 400) * 1000m,
            CardsOrPeople = _random.Next(2) == 0 ? null : _random.Next(1, 120),
            PeriodFrom = DateOnly.FromDateTime(at.UtcDateTime).AddYears(-_random.Next(1, 6)),
            Description = text,
            People = [new NamedPerson { Name = person, Unit = unit, Position = position }],
        };
        report.MarkSubmitted(at, policy);
        return report;
    }
}
