using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Petitions.Core.Policy;

/// <summary>
/// China's official working days: Monday to Friday, less the public holidays, plus the adjusted working weekend days
/// (调休上班) of the State Council General Office's yearly notice. Years come from the npm package chinese-days (built
/// into <c>calendar.json</c> by <c>scripts/build-calendar.mjs</c>) and from files an administrator adds for a year the
/// package does not have yet (<c>YYYY.json</c>, see docs/time-limits.md); both are validated when the site starts.
/// The calendar never guesses a year it does not have: <see cref="Covers"/> says so, and <see cref="AddWorkingDays"/>
/// counts every day of such a year as a working day and says the result is provisional (never later than the legal
/// date, since every working day is a calendar day).
/// </summary>
public sealed class WorkingCalendar
{
    private readonly FrozenDictionary<int, Year> years;

    private WorkingCalendar(IEnumerable<Year> loaded)
    {
        years = loaded.ToFrozenDictionary(y => y.Number);
    }

    /// <summary>One year's notice: the days off (with the holiday's name) and the weekend days worked.</summary>
    public sealed record Year(int Number, string Source, FrozenDictionary<DateOnly, string> Holidays, FrozenSet<DateOnly> Workdays);

    public IReadOnlyCollection<int> Years => years.Keys;

    public bool Covers(int year) => years.ContainsKey(year);

    /// <summary>The calendar built into the portal (from chinese-days), with no administrator's years.</summary>
    public static WorkingCalendar BuiltIn { get; } = new(ReadBuiltIn());

    /// <summary>The built-in years, plus (replacing any of the same year) each <c>YYYY.json</c> in <paramref name="folder"/>.</summary>
    public static WorkingCalendar Load(string? folder)
    {
        var all = ReadBuiltIn().ToDictionary(y => y.Number);
        if (!string.IsNullOrWhiteSpace(folder) && Directory.Exists(folder))
        {
            foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var year = ReadYearFile(path);
                all[year.Number] = year;
            }
        }
        return new WorkingCalendar(all.Values);
    }

    public bool IsWorkingDay(DateOnly day)
    {
        if (!years.TryGetValue(day.Year, out var year))
        {
            throw new CalendarYearMissingException(day.Year);
        }
        return year.Workdays.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !year.Holidays.ContainsKey(day));
    }

    /// <summary>The name of the holiday on <paramref name="day"/>, if it is one.</summary>
    public string? HolidayOn(DateOnly day) => years.TryGetValue(day.Year, out var year) && year.Holidays.TryGetValue(day, out var name) ? name : null;

    /// <summary>
    /// The <paramref name="count"/>-th working day after <paramref name="start"/> (the start day itself does not count).
    /// Provisional is true when a day of a year without an official calendar was counted (as a working day).
    /// </summary>
    public (DateOnly Day, bool Provisional) AddWorkingDays(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = start;
        var provisional = false;
        for (var left = count; left > 0;)
        {
            day = day.AddDays(1);
            if (!Covers(day.Year))
            {
                provisional = true;
                left--;
            }
            else if (IsWorkingDay(day))
            {
                left--;
            }
        }
        return (day, provisional);
    }

    private static IEnumerable<Year> ReadBuiltIn()
    {
        using var stream = typeof(WorkingCalendar).Assembly.GetManifestResourceStream("Petitions.Core.Policy.calendar.json")
            ?? throw new InvalidOperationException("The built-in calendar is missing.");
        using var doc = JsonDocument.Parse(stream);
        var source = doc.RootElement.GetProperty("source").GetString() ?? "";
        foreach (var year in doc.RootElement.GetProperty("years").EnumerateObject())
        {
            yield return Parse(int.Parse(year.Name, CultureInfo.InvariantCulture), source, year.Value, "calendar.json");
        }
    }

    /// <summary>Reads and checks an administrator's year file; a file that is not a sound calendar stops the site, naming it and why.</summary>
    public static Year ReadYearFile(string path)
    {
        var name = Path.GetFileName(path);
        if (!int.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 2000 || number > 2100)
        {
            throw new CalendarFileException(name, "the file name must be the year, e.g. 2027.json");
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var source = doc.RootElement.TryGetProperty("source", out var s) ? s.GetString() : null;
            if (string.IsNullOrWhiteSpace(source))
            {
                throw new CalendarFileException(name, "\"source\" must name the notice the days come from");
            }
            return Parse(number, source, doc.RootElement, name);
        }
        catch (JsonException ex)
        {
            throw new CalendarFileException(name, ex.Message);
        }
    }

    private static Year Parse(int number, string source, JsonElement element, string file)
    {
        FrozenDictionary<DateOnly, string> Days(string property)
        {
            if (!element.TryGetProperty(property, out var days) || days.ValueKind != JsonValueKind.Object)
            {
                throw new CalendarFileException(file, $"\"{property}\" must be an object of \"yyyy-MM-dd\": \"name\"");
            }
            var result = new Dictionary<DateOnly, string>();
            foreach (var day in days.EnumerateObject())
            {
                if (!DateOnly.TryParseExact(day.Name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year != number)
                {
                    throw new CalendarFileException(file, $"{day.Name} is not a day of {number}");
                }
                result[date] = day.Value.GetString() ?? "";
            }
            return result.ToFrozenDictionary();
        }
        var holidays = Days("holidays");
        var workdays = Days("workdays");
        if (holidays.Count == 0)
        {
            throw new CalendarFileException(file, $"{number} has no holidays");
        }
        foreach (var day in workdays.Keys)
        {
            if (holidays.ContainsKey(day))
            {
                throw new CalendarFileException(file, $"{day:yyyy-MM-dd} is both a holiday and a working day");
            }
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw new CalendarFileException(file, $"{day:yyyy-MM-dd} is a weekday: only a weekend day can be an adjusted working day");
            }
        }
        return new Year(number, source, holidays, workdays.Keys.ToFrozenSet());
    }
}

public sealed class CalendarYearMissingException(int year)
    : InvalidOperationException($"There is no official holiday calendar for {year}.")
{
    public int Year { get; } = year;
}

public sealed class CalendarFileException(string file, string problem)
    : InvalidOperationException($"Calendar file {file}: {problem}.");
