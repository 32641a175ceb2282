using System.Globalization;
using Petitions.Core.Matching;
using Petitions.Core.Reports;
using Xunit.Abstractions;

namespace Petitions.Core.Tests;

/// <summary>
/// Linking death records that carry no valid identity number to the roll: names compared after folding and by reading,
/// the evidence said field by field, and on a generated province-like set with known truth (traditional characters,
/// homophones, dates a few days off, one wrong digit, namesakes who are not the pensioner) F1 at least 0.95.
/// </summary>
public sealed class RecordLinkageTests(ITestOutputHelper output)
{
    [Fact]
    public void Names_AreComparedAfterFolding_AndByReading()
    {
        Assert.Equal(NameAgreement.Same, ChineseNames.Compare("劉德華", "刘德华").Agreement);
        Assert.True(ChineseNames.Compare("劉德華", "刘德华").Folded);
        var sound = ChineseNames.Compare("王玮", "王伟");
        Assert.Equal((NameAgreement.SameSound, "wei"), (sound.Agreement, sound.Pairs[0].Reading));
        Assert.Equal(NameAgreement.AllButOne, ChineseNames.Compare("张秀英", "张秀兰").Agreement);
        Assert.Equal(NameAgreement.Different, ChineseNames.Compare("张秀英", "李明").Agreement);
        Assert.True(RecordLinkage.OneOff("430422194803150019", "430422194803150018"));
        Assert.True(RecordLinkage.OneOff("430422194803150019", "430422194830150019"));
        Assert.False(RecordLinkage.OneOff("430422194803150019", "430422194803151118"));
    }

    [Fact]
    public void ANameAlone_IsForAnAnalyst_ANamesakeBornElsewhen_IsNothing_NameAndBirthDate_AreALink()
    {
        var roll = new[]
        {
            new LinkRecord("P1", "王德顺", new(1948, 3, 15), 'M', "430422", ChineseIdNumber.Complete("43042219480315001")),
            new LinkRecord("P2", "李秀英", new(1952, 6, 7), 'F', "430422", null),
        };
        var weights = LinkageWeights.Estimate(Synthetic.Roll(5000, 1).Select(p => p.Record).Concat(roll).ToList());
        var index = new LinkIndex(roll);
        LinkBand Band(LinkRecord r) => RecordLinkage.Best(r, index.Candidates(r), weights).Band;
        Assert.Equal(LinkBand.Link, Band(new("D1", "王德順", new(1948, 3, 15), 'M', "430422", null)));
        Assert.Equal(LinkBand.Review, Band(new("D2", "王德顺", null, null, "430422", null)));
        Assert.Equal(LinkBand.None, Band(new("D3", "王德顺", new(1961, 11, 2), 'M', "430422", null)));
        Assert.Equal(LinkBand.Link, Band(new("D4", "李绣英", new(1952, 6, 7), 'F', "430422", null)));
        // Two slips at once (a homophone and a date two days off): an analyst decides.
        Assert.Equal(LinkBand.Review, Band(new("D5", "李绣英", new(1952, 6, 9), 'F', "430422", null)));
        // One wrong digit of the identity number, no birth date: the digits carry it.
        var slip = roll[0].IdDigits![..10] + "9" + roll[0].IdDigits![11..];
        Assert.Equal(LinkBand.Link, Band(new("D6", "王德顺", null, null, "430422", slip)));
    }

    [Fact]
    public void TheVariantsOfANumber_AreEveryOneCharacterSlipAndEverySwapOfNeighbours_SoASealedRollCanBeSearchedForThem()
    {
        var id = ChineseIdNumber.Complete("43042219480315001");
        var variants = RecordLinkage.OneOffVariants(id).ToList();
        Assert.All(variants, v => Assert.True(RecordLinkage.OneOff(id, v), v));
        Assert.Contains(id[..10] + "9" + id[11..], variants);
        Assert.Contains(id[..6] + id[7] + id[6] + id[8..], variants);
        Assert.DoesNotContain(id, variants);
        // 17 digits × 9 + the check character × 10, and one swap for each pair of unequal neighbours.
        Assert.Equal(17 * 9 + 10 + Enumerable.Range(0, 17).Count(i => id[i] != id[i + 1]), variants.Count);
    }

    [Fact]
    public void TheLinkThreshold_GrowsWithTheRoll_SoAMillionPeopleNeedMoreThanNameAndANearBirthDate()
    {
        Assert.Equal(20, new LinkageWeights(1e-4, 1e-4, 1e-4, 1, 5_000).Upper);
        Assert.Equal(20, new LinkageWeights(1e-4, 1e-4, 1e-4, 1, 20_000).Upper);
        var province = new LinkageWeights(1.0 / 160_000, 1.0 / 40_000, 1.0 / 25_000, 1, 1_000_000);
        Assert.Equal(24.93, province.Upper, 2);
        var nameAndNearBirth = new LinkEvidence(new NameComparison(NameAgreement.Same, [], false), FieldAgreement.Near, FieldAgreement.Missing, FieldAgreement.Equal, FieldAgreement.Missing, 0);
        Assert.InRange(province.Of(nameAndNearBirth), province.Lower, province.Upper);
        Assert.True(province.Of(nameAndNearBirth with { Birth = FieldAgreement.Equal }) >= province.Upper);
    }

    [Fact]
    public void OnAGeneratedSet_WithKnownTruth_LinksWithF1OfAtLeast095()
    {
        var roll = Synthetic.Roll(20_000, 7);
        var weights = LinkageWeights.Estimate(roll.Select(p => p.Record).ToList());
        var index = new LinkIndex(roll.Select(p => p.Record));
        var deaths = Synthetic.Deaths(roll, 1500, 7);
        var (tp, fp, fn) = (0, 0, 0);
        foreach (var (record, truth) in deaths)
        {
            var (band, person, _) = RecordLinkage.Best(record, index.Candidates(record), weights);
            var linked = band == LinkBand.Link ? person!.Key : null;
            if (linked is not null && linked == truth)
            {
                tp++;
            }
            else
            {
                fp += linked is not null ? 1 : 0;
                fn += truth is not null ? 1 : 0;
            }
        }
        var precision = tp / (double)(tp + fp);
        var recall = tp / (double)(tp + fn);
        var f1 = 2 * precision * recall / (precision + recall);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"precision {precision:F3}, recall {recall:F3}, F1 {f1:F3} (tp {tp}, fp {fp}, fn {fn})"));
        Assert.True(f1 >= 0.95 && precision >= 0.99, string.Create(CultureInfo.InvariantCulture, $"precision {precision:F3}, recall {recall:F3}, F1 {f1:F3} (tp {tp}, fp {fp}, fn {fn})"));
    }
}

/// <summary>A made-up roll and death registers with the noise real ones have, and the truth of who is who.</summary>
internal static class Synthetic
{
    private const string Surnames = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
    private const string Given = "秀英桂兰玉梅德顺国华建明淑珍凤春生冬金花志强长发芝福海云霞红军平丽伟芳敏静刚勇杰涛斌超娟燕艳玲鹏辉俊峰磊洋亮";
    // Characters with a traditional form a register may still write.
    private static readonly Dictionary<char, char> Traditional = new()
    {
        ['刘'] = '劉', ['陈'] = '陳', ['张'] = '張', ['黄'] = '黃', ['赵'] = '趙', ['杨'] = '楊', ['吴'] = '吳', ['郑'] = '鄭', ['冯'] = '馮',
        ['华'] = '華', ['国'] = '國', ['兰'] = '蘭', ['凤'] = '鳳', ['伟'] = '偉', ['丽'] = '麗', ['军'] = '軍', ['红'] = '紅', ['长'] = '長',
    };
    // A character written for another of the same reading.
    private static readonly Dictionary<char, char> Homophone = new()
    {
        ['英'] = '瑛', ['伟'] = '玮', ['秀'] = '绣', ['兰'] = '岚', ['芳'] = '方', ['明'] = '鸣', ['华'] = '桦', ['梅'] = '玫', ['珍'] = '真', ['云'] = '芸',
        ['平'] = '萍', ['丽'] = '莉', ['静'] = '婧', ['杰'] = '洁', ['峰'] = '锋', ['军'] = '君', ['强'] = '蔷', ['春'] = '椿', ['玲'] = '铃', ['燕'] = '艳',
    };
    private static readonly string[] Counties = ["430421", "430422", "430423", "430424", "430426", "430481", "430482"];

    public sealed record Person(LinkRecord Record, string Id);

    public static List<Person> Roll(int count, int seed)
    {
        var random = new Random(seed);
        var people = new List<Person>(count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; people.Count < count; i++)
        {
            var born = new DateOnly(1930, 1, 1).AddDays(random.Next(0, 365 * 30));
            var county = Counties[random.Next(Counties.Length)];
            var sex = random.Next(2) == 0 ? 'M' : 'F';
            var id = ChineseIdNumber.Complete(string.Create(CultureInfo.InvariantCulture, $"{county}{born:yyyyMMdd}{random.Next(0, 99):D2}{(sex == 'M' ? 1 : 2)}"));
            if (!used.Add(id))
            {
                continue;
            }
            var name = $"{Surnames[random.Next(Surnames.Length)]}{Given[random.Next(Given.Length)]}{(random.Next(4) == 0 ? "" : Given[random.Next(Given.Length)])}";
            people.Add(new(new LinkRecord("P" + i.ToString(CultureInfo.InvariantCulture), name, born, sex, county, id), id));
        }
        return people;
    }

    /// <summary>Death records: most of roll people with noise (truth: their key), namesakes and strangers (truth: null).</summary>
    public static List<(LinkRecord Record, string? Truth)> Deaths(List<Person> roll, int count, int seed)
    {
        var random = new Random(seed + 1);
        var deaths = new List<(LinkRecord, string?)>();
        for (var i = 0; i < count; i++)
        {
            var (p, id) = roll[random.Next(roll.Count)];
            var name = p.Name!;
            DateOnly? born = p.BirthDate;
            string? digits = null;
            // Each record has up to two of the slips real registers have (a third of them two at once).
            var slips = random.Next(3) == 0 ? new[] { random.Next(5), random.Next(5) } : [random.Next(6)];
            foreach (var slip in slips.Distinct())
            {
                switch (slip)
                {
                    case 0:
                        name = new string(name.Select(c => Traditional.GetValueOrDefault(c, c)).ToArray());
                        break;
                    case 1:
                        var at = Enumerable.Range(1, name.Length - 1).FirstOrDefault(k => Homophone.ContainsKey(name[k]));
                        name = at > 0 ? name[..at] + Homophone[name[at]] + name[(at + 1)..] : name;
                        break;
                    case 2:
                        born = born?.AddDays(random.Next(1, 6) * (random.Next(2) == 0 ? 1 : -1));
                        break;
                    case 3:
                        // The identity number with one wrong digit (its check fails), and no birth date written.
                        var k = random.Next(0, 17);
                        digits = id[..k] + (char)('0' + ((id[k] - '0' + 1) % 10)) + id[(k + 1)..];
                        born = null;
                        break;
                }
            }
            deaths.Add((new LinkRecord("D" + i.ToString(CultureInfo.InvariantCulture), name, born, p.Sex, p.Region, digits), p.Key));
        }
        // Namesakes: the same name, another person not on the roll, born the same year or within a few, in the same county or the next.
        for (var i = 0; i < count / 5; i++)
        {
            var p = roll[random.Next(roll.Count)].Record;
            var born = p.BirthDate!.Value.AddDays(random.Next(30, 365 * 5) * (random.Next(2) == 0 ? 1 : -1));
            var county = random.Next(2) == 0 ? p.Region : Counties[random.Next(Counties.Length)];
            deaths.Add((new LinkRecord("N" + i.ToString(CultureInfo.InvariantCulture), p.Name, born, p.Sex, county, null), null));
        }
        // Strangers: nobody on the roll.
        foreach (var stranger in Roll(count / 2, seed + 99))
        {
            deaths.Add((stranger.Record with { Key = "S" + stranger.Record.Key }, null));
        }
        return deaths;
    }
}
