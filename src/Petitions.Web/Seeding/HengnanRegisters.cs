using System.Globalization;
using System.Text;
using Petitions.Core.Matching;
using Petitions.Core.Reports;

namespace Petitions.Web.Seeding;

/// <summary>
/// Development demo of the Hengnan pattern, made up but shaped like the case: 3,000 rural pensioners of 衡南县 paid
/// monthly from 2015 to 2021; 930 of them died between 2015 and 2017 (cremated; some also struck off the household
/// register) and were paid on regardless, 612 of those behind one clerk's phone and their payments approved by the same
/// person; 90 others died and were stopped properly. The first matching run shows the 930 with the money, about
/// ¥17 million as in the case, and opens a case for each in the county's queue. Fixed seed: the same figures every time.
/// </summary>
public static class HengnanRegisters
{
    public const string County = "430422";
    private const int People = 3000, DeadPaid = 930, BehindClerk = 612, DeadStopped = 90;
    private static readonly DateOnly First = new(2015, 1, 1), Last = new(2021, 12, 1);
    /// <summary>Living pensioners in prison from mid-2018 (paid on throughout), and those suspended in March 2019 for a missed certification.</summary>
    private const int PrisonFrom = 1500, InPrison = 4, SuspendedFrom = 1600, Suspended = 10, ResumedUncertified = 6;
    private static readonly DateOnly SuspendedOn = new(2019, 3, 1), ResumedOn = new(2019, 9, 1);

    private sealed record Person(string Number, string Name, string Id, string Card, string Phone, decimal Monthly, DateOnly? Died, bool PaidAfter, bool Clerk);

    private static List<Person> Generate()
    {
        var random = new Random(20_210_601);
        const string surnames = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
        const string given = "秀英桂兰玉梅德顺国华建国淑珍秀兰凤英明福春生冬梅金花志强长发桂芝玉兰兰英福生";
        var people = new List<Person>(People);
        for (var i = 0; i < People; i++)
        {
            // One birth date per person (three days apart): every identity number differs.
            var born = new DateOnly(1925, 1, 1).AddDays(i * 3 + random.Next(0, 3));
            var id = ChineseIdNumber.Complete(string.Create(CultureInfo.InvariantCulture, $"{County}{born:yyyyMMdd}{i % 1000:D3}"));
            var name = $"{surnames[random.Next(surnames.Length)]}{given[random.Next(given.Length)]}{given[random.Next(given.Length)]}";
            var clerk = i < BehindClerk;
            var paidAfter = i < DeadPaid;
            DateOnly? died = i < DeadPaid + DeadStopped ? new DateOnly(2015, 1, 1).AddDays(random.Next(0, 365 * 3)) : null;
            var phone = clerk ? "13907348612" : string.Create(CultureInfo.InvariantCulture, $"1{random.Next(30, 90)}{random.Next(0, 100_000_000):D8}");
            people.Add(new(string.Create(CultureInfo.InvariantCulture, $"HN{i + 1:D6}"), name, id, string.Create(CultureInfo.InvariantCulture, $"62170043{i + 1:D11}"),
                phone, 150m + random.Next(0, 31) * 10m, died, paidAfter, clerk));
        }
        return people;
    }

    public static byte[] Roll()
    {
        var text = new StringBuilder("个人编号,姓名,身份证号,行政区划,社保卡号,联系电话,月发放金额\n");
        foreach (var p in Generate())
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.Number},{p.Name},{p.Id},{County},{p.Card},{p.Phone},{p.Monthly}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Ledger()
    {
        var text = new StringBuilder("个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人\n");
        foreach (var (p, index) in Generate().Select((p, i) => (p, i)))
        {
            var suspended = index is >= SuspendedFrom and < SuspendedFrom + Suspended;
            // Stopped properly: the month after death is the last paid. Paid after death: to the end, whatever the registers said.
            var end = p.Died is { } died && !p.PaidAfter ? new DateOnly(died.Year, died.Month, 1).AddMonths(1) : Last;
            for (var month = First; month <= end; month = month.AddMonths(1))
            {
                if (suspended && month >= SuspendedOn && month < ResumedOn)
                {
                    continue;
                }
                var approver = p.Clerk && p.Died is { } d && month > d ? "刘某某" : "周某";
                text.Append(CultureInfo.InvariantCulture, $"{p.Number},{p.Card},{month:yyyy-MM},{p.Monthly},正常发放,{month.AddDays(9):yyyy-MM-dd},{approver}\n");
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The dead, as civil affairs' cremation register has them (all), and public security's (every third).</summary>
    public static (byte[] Cremation, byte[] Deregistration) Deaths()
    {
        var cremation = new StringBuilder("姓名,身份证号,出生日期,行政区划,火化日期\n");
        var deregistration = new StringBuilder("姓名,身份证号,注销日期\n");
        var i = 0;
        foreach (var p in Generate().Where(p => p.Died is not null))
        {
            // As funeral homes write them: one in ten without the identity number (the birth date instead), one in forty
            // without it and with the birth date a few days off (an analyst confirms those on the links page).
            var born = DateOnly.ParseExact(p.Id[6..14], "yyyyMMdd", CultureInfo.InvariantCulture);
            var row = (i % 40) switch
            {
                7 => $"{p.Name},,{born.AddDays(3):yyyy-MM-dd},{County}",
                _ when i % 10 == 3 => $"{p.Name},,{born:yyyy-MM-dd},{County}",
                _ => $"{p.Name},{p.Id},,{County}",
            };
            cremation.Append(CultureInfo.InvariantCulture, $"{row},{p.Died!.Value.AddDays(2):yyyy-MM-dd}\n");
            if (i++ % 3 == 0)
            {
                deregistration.Append(CultureInfo.InvariantCulture, $"{p.Name},{p.Id},{p.Died!.Value.AddDays(20):yyyy-MM-dd}\n");
            }
        }
        return (Encoding.UTF8.GetBytes(cremation.ToString()), Encoding.UTF8.GetBytes(deregistration.ToString()));
    }

    /// <summary>Justice's prison register: four living pensioners admitted in 2018, two released in 2020, paid on throughout.</summary>
    public static byte[] Prison()
    {
        var text = new StringBuilder("姓名,身份证号,入监日期,释放日期\n");
        foreach (var (p, k) in Generate().Skip(PrisonFrom).Take(InPrison).Select((p, k) => (p, k)))
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.Name},{p.Id},2018-0{k + 5}-1{k},{(k < 2 ? "2020-04-30" : "")}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The roll's status changes: ten suspended for a missed certification; four certified before resuming, six not.</summary>
    public static byte[] StatusChanges()
    {
        var text = new StringBuilder("个人编号,变更类型,变更日期,变更原因,经办人\n");
        foreach (var (p, k) in Generate().Skip(SuspendedFrom).Take(Suspended).Select((p, k) => (p, k)))
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.Number},暂停发放,{SuspendedOn:yyyy-MM-dd},未按期资格认证,周某\n");
            if (k >= ResumedUncertified)
            {
                text.Append(CultureInfo.InvariantCulture, $"{p.Number},认证通过,{ResumedOn.AddDays(-10):yyyy-MM-dd},,周某\n");
            }
            text.Append(CultureInfo.InvariantCulture, $"{p.Number},恢复发放,{ResumedOn:yyyy-MM-dd},,{(k < ResumedUncertified ? "刘某某" : "周某")}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// A bank's withdrawals in 2021: the clerk drawing each of the 612 cards once a month at one ATM between two and
    /// four in the morning (what the bank's night alarm caught), and 300 living pensioners drawing their own by day.
    /// </summary>
    public static byte[] Withdrawals()
    {
        var text = new StringBuilder("社保卡号,交易时间,终端号,金额\n");
        var people = Generate();
        for (var month = new DateOnly(2021, 1, 1); month <= Last; month = month.AddMonths(1))
        {
            foreach (var (p, k) in people.Take(BehindClerk).Select((p, k) => (p, k)))
            {
                var at = month.AddDays(9 + k % 3).ToDateTime(new TimeOnly(2 + k % 2, k % 60));
                text.Append(CultureInfo.InvariantCulture, $"{p.Card},{at:yyyy-MM-dd HH:mm:ss},ATM-43042201,{p.Monthly}\n");
            }
            foreach (var (p, k) in people.Skip(2000).Take(300).Select((p, k) => (p, k)))
            {
                var at = month.AddDays(10 + k % 15).ToDateTime(new TimeOnly(9 + k % 8, k % 60));
                text.Append(CultureInfo.InvariantCulture, $"{p.Card},{at:yyyy-MM-dd HH:mm:ss},ATM-4304220{k % 9 + 2},{p.Monthly}\n");
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The seven files, in the order an analyst would bring them.</summary>
    public static IEnumerable<(RegisterSource Source, string Name, byte[] Content)> Files()
    {
        yield return (RegisterSource.PensionRoll, "衡南县城乡居民养老金领取名册.csv", Roll());
        yield return (RegisterSource.PaymentLedger, "衡南县养老金发放明细2016-2021.csv", Ledger());
        var (cremation, deregistration) = Deaths();
        yield return (RegisterSource.Cremation, "衡南县殡仪馆火化数据.csv", cremation);
        yield return (RegisterSource.HouseholdDeregistration, "衡南县公安户籍死亡注销.csv", deregistration);
        yield return (RegisterSource.StatusChange, "衡南县待遇状态变更记录.csv", StatusChanges());
        yield return (RegisterSource.Prison, "衡阳市服刑人员信息.csv", Prison());
        yield return (RegisterSource.BankWithdrawal, "衡南县农商银行社保卡取款流水2021.csv", Withdrawals());
    }
}
