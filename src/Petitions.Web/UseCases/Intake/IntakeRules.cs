using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Core.Reports;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Intake;

/// <summary>
/// What every report must be, whatever its source: the one place a submission is checked. Each refusal names the
/// submission's field and the message; the page puts it beside its own field for that value.
/// </summary>
public sealed partial class IntakeRules(ReportKindCatalogue kinds, RegionCatalogue regions, TimeLimitPolicy policy, TimeProvider clock,
    Services.Jurisdictions jurisdictions)
{
    public const int MaxPeople = 10;
    public const int DescriptionMin = 10;
    public const int DescriptionMax = 20_000;
    public const decimal AmountMax = 100_000_000_000m;
    public const int CardsMax = 10_000_000;

    /// <summary>Every refusal of the submission (none: it may be filed), and the region it is about when known.</summary>
    public async Task<(List<IntakeError> Errors, string? RegionCode)> CheckAsync(Submission s, CancellationToken ct)
    {
        var errors = new List<IntakeError>();
        void Refuse(string field, string key, params object[] args) => errors.Add(new IntakeError(field, key, args));

        if (string.IsNullOrWhiteSpace(s.KindCode))
        {
            Refuse(nameof(s.KindCode), "Validation.Required");
        }
        else if (!await kinds.IsEnabledAsync(s.KindCode, ct))
        {
            Refuse(nameof(s.KindCode), "Validation.Invalid");
        }
        var region = await RegionAsync(s, Refuse, ct);

        var today = policy.LocalDay(clock.GetUtcNow());
        if (s.PeriodFrom > today)
        {
            Refuse(nameof(s.PeriodFrom), "Report.Period.Future");
        }
        if (s.PeriodTo > today)
        {
            Refuse(nameof(s.PeriodTo), "Report.Period.Future");
        }
        if (s.PeriodFrom is { } from && s.PeriodTo is { } to && to < from)
        {
            Refuse(nameof(s.PeriodTo), "Report.Period.Order");
        }
        if (s.AmountYuan is < 0 or > AmountMax)
        {
            Refuse(nameof(s.AmountYuan), "Report.Amount.Range");
        }
        if (s.CardsOrPeople is < 0 or > CardsMax)
        {
            Refuse(nameof(s.CardsOrPeople), "Report.Cards.Range");
        }
        var description = s.Description?.Trim() ?? "";
        if (description.Length == 0)
        {
            Refuse(nameof(s.Description), "Validation.Required");
        }
        else if (description.Length is < DescriptionMin or > DescriptionMax)
        {
            Refuse(nameof(s.Description), "Report.Description.Length", DescriptionMin, DescriptionMax);
        }
        Text(nameof(s.Description), s.Description, DescriptionMax, Refuse);
        if (s.People.Count > MaxPeople)
        {
            Refuse(nameof(s.People), "Report.People.TooMany", MaxPeople);
        }
        for (var i = 0; i < s.People.Count; i++)
        {
            Text($"People[{i}].Name", s.People[i].Name, 100, Refuse);
            Text($"People[{i}].Unit", s.People[i].Unit, 200, Refuse);
            Text($"People[{i}].Position", s.People[i].Position, 100, Refuse);
        }
        Reporter(s.Reporter, Refuse);
        Source(s.From, today, Refuse);
        return (errors, region);
    }

    /// <summary>The region: known (by code or name), and inside the jurisdictions of the staff member registering it.</summary>
    private async Task<string?> RegionAsync(Submission s, Action<string, string, object[]> refuse, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(s.Region))
        {
            refuse(nameof(s.Region), "Report.Region.Required", []);
            return null;
        }
        if (regions.Resolve(s.Region) is not { } code)
        {
            refuse(nameof(s.Region), "Campaign.RegionUnknown", []);
            return null;
        }
        if (s.From.RegisteredById is { } staff)
        {
            if (!(await jurisdictions.OfAsync(staff, ct)).Covers(code))
            {
                refuse(nameof(s.Region), "Campaign.RegionOutside", []);
                return null;
            }
        }
        return code;
    }

    private static void Reporter(ReporterSupplied? reporter, Action<string, string, object[]> refuse)
    {
        if (reporter is null)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(reporter.Name))
        {
            refuse("ReporterName", "Intake.NameRequired", []);
        }
        Text("ReporterName", reporter.Name, 100, refuse);
        if (!string.IsNullOrWhiteSpace(reporter.IdNumber) && ChineseIdNumber.Normalize(reporter.IdNumber) is null)
        {
            refuse("ReporterIdNumber", "Report.Reporter.IdNumber.Invalid", []);
        }
        if (!string.IsNullOrWhiteSpace(reporter.Phone) && !Phone().IsMatch(reporter.Phone.Trim()))
        {
            refuse("ReporterPhone", "Report.Reporter.Phone.Invalid", []);
        }
        if (!string.IsNullOrWhiteSpace(reporter.Email) && (reporter.Email.Trim().Length > 254 || !new EmailAddressAttribute().IsValid(reporter.Email.Trim())))
        {
            refuse("ReporterEmail", "Intake.EmailInvalid", []);
        }
    }

    private void Source(IntakeSource from, DateOnly today, Action<string, string, object[]> refuse)
    {
        if (from.ReceivedAt is { } received && policy.LocalDay(received) > today)
        {
            refuse("ReceivedOn", "Intake.ReceivedInFuture", []);
        }
        if (from.Source != ReportSource.Citizen)
        {
            if (string.IsNullOrWhiteSpace(from.Reference))
            {
                refuse("Reference", "Validation.Required", []);
            }
            Text("Reference", from.Reference, 200, refuse);
            if (from.FoundOn is not { } found)
            {
                refuse("FoundOn", "Validation.Required", []);
            }
            else if (found > today)
            {
                refuse("FoundOn", "Clue.FoundInFuture", []);
            }
        }
    }

    /// <summary>Too long, or not valid text (invalid UTF-8 arrives as U+FFFD; lone surrogates and NUL cannot be stored).</summary>
    private static void Text(string field, string? value, int max, Action<string, string, object[]> refuse)
    {
        if (value is null)
        {
            return;
        }
        if (value.Length > max && field != "Description")
        {
            refuse(field, "Validation.TooLong", []);
        }
        if (value.Contains('\uFFFD', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal) || HasLoneSurrogate(value))
        {
            refuse(field, "Validation.InvalidText", []);
        }
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{5,24}$")]
    private static partial Regex Phone();
}
