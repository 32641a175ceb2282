using System.Globalization;
using Petitions.Core.Regions;

namespace Petitions.Benchmarks;

/// <summary>
/// The people the benchmarks' reports name: in each county, 288 units (24 townships, each with six offices and six
/// village committees) with three officials each, every one with a made-up full name and the same name in every report
/// that names them, as in real reports, where a name is about one person in its county. The demo's generator names
/// people "王某" at eight units a county; at ten million reports every report of a busy county then named a namesake of
/// thousands and reached the cap of links for the same person and the same unit, which real reports would not.
/// Both the seed (in SQL, from <see cref="Pool"/>) and the triage bursts (<see cref="Pick"/>) draw from the same people.
/// </summary>
public static class Officials
{
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
        "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
        "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜",
    ];
    private static readonly string[] Given =
    [
        "建", "国", "华", "明", "伟", "军", "平", "秀", "英", "芳", "红", "玉", "兰", "志", "勇", "强", "文", "杰", "德", "林",
        "海", "春", "金", "成", "福", "荣", "生", "清", "云", "桂", "新", "光", "永", "立", "长", "顺", "泽", "宏", "良", "美",
    ];
    private static readonly string[] Townships =
    [
        "东湾", "西岭", "南塘", "北坪", "新桥", "河口", "山田", "石冲", "龙泉", "凤岗", "花桥", "松柏", "竹园", "湖边", "岭上", "泉塘",
        "白沙", "黄土", "青山", "长岭", "双江", "三塘", "五里", "九龙",
    ];
    private static readonly string[] Offices =
    [
        "镇劳动保障站", "镇财政所", "镇民政办", "镇社保服务站", "镇信用社", "镇经管站",
        "镇东村村委会", "镇西村村委会", "镇南村村委会", "镇北村村委会", "镇新村村委会", "镇中心村村委会",
    ];
    private static readonly string[] Positions = ["负责人", "会计", "经办员"];

    /// <summary>Units in a county.</summary>
    public static int UnitsPerCounty => Townships.Length * Offices.Length;

    /// <summary>Officials in a county: three at each unit.</summary>
    public static int PerCounty => UnitsPerCounty * Positions.Length;

    /// <summary>Official <paramref name="index"/> (0 to <see cref="PerCounty"/> − 1) of a county: name, unit, position.</summary>
    public static (string Name, string Unit, string Position) Of(string countyCode, string countyName, int index)
    {
        var h = Mix(long.Parse(countyCode, CultureInfo.InvariantCulture) * PerCounty + index);
        var given = Given[(int)(h % (ulong)Given.Length)] + ((h >> 20) % 3 == 0 ? "" : Given[(int)((h >> 24) % (ulong)Given.Length)]);
        var unit = index / Positions.Length;
        return (Surnames[(int)((h >> 40) % (ulong)Surnames.Length)] + given,
            countyName + Townships[unit / Offices.Length] + Offices[unit % Offices.Length], Positions[index % Positions.Length]);
    }

    /// <summary>One of the county's officials, drawn at random: what a triage burst's report names.</summary>
    public static (string Name, string Unit, string Position) Pick(Region county, Random random) => Of(county.Code, county.Name, random.Next(PerCounty));

    /// <summary>
    /// Every official of the given counties, in their order: names (<see cref="PerCounty"/> a county), units
    /// (<see cref="UnitsPerCounty"/> a county) and the positions, for the seed's SQL to index into.
    /// </summary>
    public static (string[] Names, string[] Units, string[] Positions) Pool(IReadOnlyList<string> codes, IReadOnlyList<string> names)
    {
        var people = new string[codes.Count * PerCounty];
        var units = new string[codes.Count * UnitsPerCounty];
        for (var c = 0; c < codes.Count; c++)
        {
            for (var i = 0; i < PerCounty; i++)
            {
                var (name, unit, _) = Of(codes[c], names[c], i);
                people[c * PerCounty + i] = name;
                units[c * UnitsPerCounty + i / Positions.Length] = unit;
            }
        }
        return (people, units, Positions);
    }

    private static ulong Mix(long key)
    {
        // SplitMix64's finaliser: neighbouring keys give unrelated names.
        var z = unchecked((ulong)key + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
