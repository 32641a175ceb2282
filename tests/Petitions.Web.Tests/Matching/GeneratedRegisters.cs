using System.Globalization;
using System.Text;
using Petitions.Core.Matching;
using Petitions.Testing;

namespace Petitions.Web.Tests.Matching;

/// <summary>
/// A county's registers made up with known truth for every rule: 5,000 pensioners paid monthly for 2023–2024 (everyone
/// raised 3 % in July 2024 with the yearly adjustment recorded), and among them, each in one story, the people each rule
/// should find and the people who look like them but should not be found (stopped at the grace month, a back pay before
/// the death, a prisoner suspended at admission, a short stay, a certification between or just after, a raise with its
/// adjustment, a cut, a payment a few weeks early, eight cards at a night terminal, families sharing a phone or an
/// address). Deaths reach three registers as they do: every cremation (one in ten without the identity number, then
/// three in ten spelled in traditional characters, two in ten with the birth date a day or two off), half the household deregistrations
/// (twenty days later), three in ten death certificates (the day before); 150 cremations of people not on the roll but
/// named as a pensioner is, born years apart. The seed is fixed: the same files every run.
/// </summary>
internal sealed class GeneratedRegisters
{
    public const int People = 5000;
    private static readonly DateOnly First = new(2023, 1, 1), Last = new(2024, 12, 1), Adjusted = new(2024, 7, 1);
    private static readonly string[] Surnames = ["刘", "张", "陈", "王", "李", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] Given = [.. "伟华国明建秀英兰玉珍德顺志强军平桂芳春梅丽红文金生荣海云福仁贵清凤霞淑敏杰俊雪莲光辉永安长青宏宝祥玲娟翠芬美菊秋香".Select(c => c.ToString())];
    private static readonly Dictionary<char, char> Traditional = new()
    {
        ['刘'] = '劉', ['张'] = '張', ['陈'] = '陳', ['杨'] = '楊', ['黄'] = '黃', ['赵'] = '趙', ['吴'] = '吳',
        ['伟'] = '偉', ['华'] = '華', ['国'] = '國', ['兰'] = '蘭', ['顺'] = '順', ['强'] = '強', ['军'] = '軍',
    };

    private readonly Random _random = new(11);
    private readonly StringBuilder _roll = new("个人编号,姓名,身份证号,行政区划,社保卡号,联系电话,住址,月发放金额\n");
    private readonly StringBuilder _ledger = new("个人编号,社保卡号,待遇期,发放金额,发放类型,发放日期,审核人\n");
    private readonly StringBuilder _cremations = new("姓名,身份证号,出生日期,行政区划,火化日期\n");
    private readonly StringBuilder _deregistrations = new("姓名,身份证号,注销日期\n");
    private readonly StringBuilder _certificates = new("姓名,身份证号,死亡日期\n");
    private readonly StringBuilder _prison = new("姓名,身份证号,入监日期,释放日期\n");
    private readonly StringBuilder _status = new("个人编号,变更类型,变更日期,变更原因,经办人\n");
    private readonly StringBuilder _bank = new("社保卡号,交易时间,终端号,金额\n");

    /// <summary>For each rule, the people it should find.</summary>
    public Dictionary<string, HashSet<string>> Truth { get; } = RiskRules.All.ToDictionary(r => r.Code, _ => new HashSet<string>(StringComparer.Ordinal));

    public string Roll => _roll.ToString();
    public string Ledger => _ledger.ToString();
    public string Cremations => _cremations.ToString();
    public string Deregistrations => _deregistrations.ToString();
    public string Certificates => _certificates.ToString();
    public string Prison => _prison.ToString();
    public string Status => _status.ToString();
    public string Bank => _bank.ToString();

    private sealed record Person(string Number, string Name, string Id, DateOnly Born, string Card, string Phone, string Address, decimal Amount);

    private Person PersonOf(int i)
    {
        var born = new DateOnly(1940, 1, 1).AddDays(i * 7919 % 9000);
        var name = Surnames[_random.Next(Surnames.Length)] + Given[_random.Next(Given.Length)] + Given[_random.Next(Given.Length)];
        var id = TestFiles.IdNumber(string.Create(CultureInfo.InvariantCulture, $"430422{born:yyyyMMdd}{i % 1000:D3}"));
        return new(string.Create(CultureInfo.InvariantCulture, $"G{i:D5}"), name, id, born, string.Create(CultureInfo.InvariantCulture, $"621799{i:D10}"),
            string.Create(CultureInfo.InvariantCulture, $"1380734{i:D4}"), string.Create(CultureInfo.InvariantCulture, $"衡南县某镇{i}号"), 1000 + _random.Next(20) * 100);
    }

    public GeneratedRegisters()
    {
        var people = Enumerable.Range(0, People).Select(PersonOf).ToList();
        var order = people.OrderBy(_ => _random.Next()).ToList();
        var next = 0;
        List<Person> Take(int n) => order.GetRange((next += n) - n, n);
        var stories = new Dictionary<string, Action<Person>>(StringComparer.Ordinal);
        foreach (var p in Take(200))
        {
            // Dead and paid on to the end; one in three also back-paid after the death.
            var died = Died();
            Paid(p, First, Last, backPaidOn: _random.Next(3) == 0 ? died.AddDays(15 + _random.Next(60)) : null);
            Death(p, died);
            Truth[RiskRules.PaidAfterDeath].Add(p.Number);
        }
        foreach (var p in Take(120))
        {
            // Dead and stopped at the death's month or its grace month; one in five back-paid after the death all the same.
            var died = Died();
            var backPay = _random.Next(5) == 0;
            Paid(p, First, new DateOnly(died.Year, died.Month, 1).AddMonths(_random.Next(2)), backPaidOn: backPay ? died.AddDays(15 + _random.Next(60)) : null);
            Death(p, died);
        }
        foreach (var p in Take(60))
        {
            // Alive, back-paid arrears: nobody's death.
            Paid(p, First, Last, backPaidOn: new DateOnly(2023, 4, 20).AddMonths(_random.Next(12)));
        }
        Prisoners(Take(40), Take(20), Take(20));
        Resumptions(Take(40), Take(30), Take(10));
        Raises(Take(40), Take(20), Take(20));
        Early(Take(30), Take(40));
        Sharing(Take(12), Take(8), Take(40), Take(7), Take(60), Take(8), Take(9), Take(60));
        foreach (var p in order.Skip(next))
        {
            Paid(p, First, Last);
        }
        foreach (var p in people.Select(p => _changed.GetValueOrDefault(p.Number, p)))
        {
            _roll.Append(CultureInfo.InvariantCulture, $"{p.Number},{p.Name},{p.Id},430422,{p.Card},{p.Phone},{p.Address},{p.Amount}\n");
        }
        for (var k = 0; k < 150; k++)
        {
            // Namesakes: not on the roll, named as a pensioner is, born three to thirty years apart, no identity number.
            var like = people[_random.Next(People)];
            var born = like.Born.AddYears(_random.Next(3, 31) * (_random.Next(2) == 0 ? -1 : 1));
            _cremations.Append(CultureInfo.InvariantCulture, $"{like.Name},,{born:yyyy-MM-dd},430422,2024-{1 + _random.Next(12):D2}-{1 + _random.Next(28):D2}\n");
        }
    }

    /// <summary>A day of death between March 2023 and June 2024, between the 5th and the 25th (registers a few days apart stay in its month).</summary>
    private DateOnly Died() => new DateOnly(2023, 3, 5).AddMonths(_random.Next(16)).AddDays(_random.Next(21));

    private void Paid(Person p, DateOnly from, DateOnly to, DateOnly? backPaidOn = null, Func<DateOnly, decimal>? amount = null, Func<DateOnly, DateOnly>? paidOn = null)
    {
        for (var month = from; month <= to; month = month.AddMonths(1))
        {
            var regular = amount?.Invoke(month) ?? (month >= Adjusted ? Math.Round(p.Amount * 1.03m, 2) : p.Amount);
            _ledger.Append(CultureInfo.InvariantCulture, $"{p.Number},{p.Card},{month:yyyy-MM},{regular},正常发放,{paidOn?.Invoke(month) ?? month.AddDays(14):yyyy-MM-dd},周某\n");
            if (month == Adjusted && amount is null)
            {
                _ledger.Append(CultureInfo.InvariantCulture, $"{p.Number},{p.Card},{month:yyyy-MM},0,待遇调整,{month.AddDays(14):yyyy-MM-dd},周某\n");
            }
        }
        if (amount is null && from > Adjusted && from <= to)
        {
            // Paid again after the year's adjustment: the adjustment is recorded with the first payment.
            _ledger.Append(CultureInfo.InvariantCulture, $"{p.Number},{p.Card},{from:yyyy-MM},0,待遇调整,{from.AddDays(14):yyyy-MM-dd},周某\n");
        }
        if (backPaidOn is { } day)
        {
            // Arrears for December 2022, paid on the day given.
            _ledger.Append(CultureInfo.InvariantCulture, $"{p.Number},{p.Card},2022-12,{p.Amount},待遇补发,{day:yyyy-MM-dd},刘某\n");
            _backPaid[p.Number] = day;
        }
    }

    private readonly Dictionary<string, DateOnly> _backPaid = new(StringComparer.Ordinal);

    private void Death(Person p, DateOnly died)
    {
        if (_backPaid.TryGetValue(p.Number, out var backPaid) && backPaid > died)
        {
            Truth[RiskRules.BackPayAfterDeath].Add(p.Number);
        }
        if (_random.Next(10) == 0)
        {
            // No identity number: the name and birth date, in three of ten spelled in traditional characters, in two of
            // ten with the birth date a day or two off.
            var slip = _random.Next(10);
            var name = slip < 3 ? new string([.. p.Name.Select(c => Traditional.GetValueOrDefault(c, c))]) : p.Name;
            var born = slip is 3 or 4 ? p.Born.AddDays(_random.Next(2) == 0 ? -1 - _random.Next(2) : 1 + _random.Next(2)) : p.Born;
            _cremations.Append(CultureInfo.InvariantCulture, $"{name},,{born:yyyy-MM-dd},430422,{died.AddDays(2):yyyy-MM-dd}\n");
        }
        else
        {
            _cremations.Append(CultureInfo.InvariantCulture, $"{p.Name},{p.Id},,430422,{died.AddDays(2):yyyy-MM-dd}\n");
        }
        if (_random.Next(2) == 0)
        {
            _deregistrations.Append(CultureInfo.InvariantCulture, $"{p.Name},{p.Id},{died.AddDays(20):yyyy-MM-dd}\n");
        }
        if (_random.Next(10) < 3)
        {
            _certificates.Append(CultureInfo.InvariantCulture, $"{p.Name},{p.Id},{died.AddDays(-1):yyyy-MM-dd}\n");
        }
    }

    private void Prisoners(List<Person> paidInside, List<Person> suspended, List<Person> shortStay)
    {
        foreach (var p in paidInside.Concat(suspended).Concat(shortStay))
        {
            var admitted = new DateOnly(2023, 2, 5).AddMonths(_random.Next(12)).AddDays(_random.Next(21));
            var month = new DateOnly(admitted.Year, admitted.Month, 1);
            var released = shortStay.Contains(p) ? month.AddMonths(1).AddDays(9) : month.AddMonths(6 + _random.Next(7)).AddDays(9);
            _prison.Append(CultureInfo.InvariantCulture, $"{p.Name},{p.Id},{admitted:yyyy-MM-dd},{released:yyyy-MM-dd}\n");
            if (suspended.Contains(p))
            {
                // Paid to the grace month, suspended while inside, paid again from the month of release.
                Paid(p, First, month.AddMonths(1));
                Paid(p, new DateOnly(released.Year, released.Month, 1), Last);
            }
            else
            {
                Paid(p, First, Last);
            }
        }
        Truth[RiskRules.PaidInPrison].UnionWith(paidInside.Select(p => p.Number));
    }

    private void Resumptions(List<Person> uncertified, List<Person> certifiedBetween, List<Person> certifiedJustAfter)
    {
        foreach (var p in uncertified.Concat(certifiedBetween).Concat(certifiedJustAfter))
        {
            var suspended = new DateOnly(2023, 3, 1).AddMonths(_random.Next(12));
            var resumed = suspended.AddMonths(3);
            _status.Append(CultureInfo.InvariantCulture, $"{p.Number},暂停发放,{suspended:yyyy-MM-dd},未按期认证,陈某\n");
            if (certifiedBetween.Contains(p))
            {
                _status.Append(CultureInfo.InvariantCulture, $"{p.Number},认证通过,{resumed.AddDays(-10):yyyy-MM-dd},,陈某\n");
            }
            else if (certifiedJustAfter.Contains(p))
            {
                _status.Append(CultureInfo.InvariantCulture, $"{p.Number},认证通过,{resumed.AddDays(5):yyyy-MM-dd},,陈某\n");
            }
            else if (_random.Next(4) == 0)
            {
                // Certified three weeks after the resumption: too late to explain it.
                _status.Append(CultureInfo.InvariantCulture, $"{p.Number},认证通过,{resumed.AddDays(21):yyyy-MM-dd},,陈某\n");
            }
            _status.Append(CultureInfo.InvariantCulture, $"{p.Number},恢复发放,{resumed:yyyy-MM-dd},,陈某\n");
            Paid(p, First, suspended.AddMonths(-1));
            Paid(p, resumed, Last);
        }
        Truth[RiskRules.ResumedUncertified].UnionWith(uncertified.Select(p => p.Number));
    }

    private void Raises(List<Person> raisedBare, List<Person> cut, List<Person> raisedWithLocalAdjustment)
    {
        foreach (var p in raisedBare)
        {
            // Half raised by a fifth to a half in an ordinary month with nothing recorded; half raised 15 % in July with the adjustment.
            if (_random.Next(2) == 0)
            {
                var from = new DateOnly(2023, 3, 1).AddMonths(_random.Next(15));
                var raised = Math.Round(p.Amount * (1.2m + _random.Next(4) / 10m), 2);
                Paid(p, First, Last, amount: m => m >= from ? raised : p.Amount);
            }
            else
            {
                Paid(p, First, Last, amount: m => m >= Adjusted ? Math.Round(p.Amount * 1.15m, 2) : p.Amount);
                _ledger.Append(CultureInfo.InvariantCulture, $"{p.Number},{p.Card},2024-07,0,待遇调整,2024-07-15,周某\n");
            }
        }
        foreach (var p in cut)
        {
            Paid(p, First, Last, amount: m => m >= new DateOnly(2024, 3, 1) ? p.Amount - 100 : p.Amount);
        }
        foreach (var p in raisedWithLocalAdjustment)
        {
            // A local 5 % adjustment in January 2024, recorded.
            Paid(p, First, Last, amount: m => m >= new DateOnly(2024, 1, 1) ? Math.Round(p.Amount * 1.05m, 2) : p.Amount);
            _ledger.Append(CultureInfo.InvariantCulture, $"{p.Number},{p.Card},2024-01,0,待遇调整,2024-01-15,周某\n");
        }
        Truth[RiskRules.RaisedOutsideAdjustment].UnionWith(raisedBare.Select(p => p.Number));
    }

    private void Early(List<Person> weeksEarly, List<Person> daysEarly)
    {
        foreach (var p in weeksEarly.Concat(daysEarly))
        {
            var month = new DateOnly(2023, 2, 1).AddMonths(_random.Next(22));
            var before = weeksEarly.Contains(p) ? 35 + _random.Next(50) : 1 + _random.Next(28);
            Paid(p, First, Last, paidOn: m => m == month ? m.AddDays(-before) : m.AddDays(14));
        }
        Truth[RiskRules.PaidEarly].UnionWith(weeksEarly.Select(p => p.Number));
    }

    private void Sharing(List<Person> nightTwelve, List<Person> nightEight, List<Person> byDay, List<Person> onePhone, List<Person> familyPhones,
        List<Person> cardPairs, List<Person> oneAddress, List<Person> familyAddresses)
    {
        void Draw(List<Person> holders, string terminal, int hour)
        {
            foreach (var p in holders)
            {
                for (var m = 1; m <= 6; m++)
                {
                    _bank.Append(CultureInfo.InvariantCulture, $"{p.Card},2024-{m:D2}-{10 + _random.Next(10)} {hour + _random.Next(2):D2}:{_random.Next(60):D2}:00,{terminal},{p.Amount}\n");
                }
            }
        }
        Draw(nightTwelve, "ATM-0001", 2);
        Draw(nightEight, "ATM-0002", 1);
        Draw(byDay, "ATM-0003", 10);
        Truth[RiskRules.NightWithdrawals].UnionWith(nightTwelve.Select(p => p.Number));
        var people = new List<Person>();
        people.AddRange(onePhone.Select(p => p with { Phone = "13807349999" }));
        // Families of two to four share a phone or an address: under the thresholds (5 and 8).
        people.AddRange(familyPhones.Select((p, k) => p with { Phone = string.Create(CultureInfo.InvariantCulture, $"1390734{k / 3:D4}") }));
        people.AddRange(cardPairs.Select((p, k) => p with { Card = string.Create(CultureInfo.InvariantCulture, $"62179988{k / 2:D8}") }));
        people.AddRange(oneAddress.Select(p => p with { Address = "衡南县某村养老院旁3号" }));
        people.AddRange(familyAddresses.Select((p, k) => p with { Address = string.Create(CultureInfo.InvariantCulture, $"衡南县某镇家{k / 3}号") }));
        Truth[RiskRules.SharedPhone].UnionWith(onePhone.Select(p => p.Number));
        Truth[RiskRules.SharedCard].UnionWith(cardPairs.Select(p => p.Number));
        Truth[RiskRules.SharedAddress].UnionWith(oneAddress.Select(p => p.Number));
        foreach (var p in nightTwelve.Concat(nightEight).Concat(byDay))
        {
            Paid(p, First, Last);
        }
        foreach (var p in people)
        {
            Paid(p, First, Last);
            _changed[p.Number] = p;
        }
    }

    private readonly Dictionary<string, Person> _changed = new(StringComparer.Ordinal);
}
