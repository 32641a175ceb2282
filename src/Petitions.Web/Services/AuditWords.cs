using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Petitions.Core.Regions;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Services;

/// <summary>
/// Puts an audit entry's detail into the reader's language. Details are stored as the code wrote them, in fixed
/// English shapes, and are never rewritten (the hash chain covers them); this reads each shape back and says it in
/// the page's language, translating the words inside it (actions, findings, channels, roles, regions). A detail of no
/// known shape (a reason someone typed, an attachment's name) is shown as stored.
/// </summary>
public sealed partial class AuditWords(IStringLocalizer<SharedResource> localizer, RegionCatalogue catalogue)
{
    private readonly IStringLocalizer<SharedResource> l = localizer;
    private readonly RegionCatalogue regions = catalogue;

    /// <summary>How one captured part is said: as stored, through a resource key prefix, or as a region's name.</summary>
    private delegate string Part(AuditWords words, string value);

    private static Part AsIs => (_, v) => v;

    private static Part Key(string prefix) => (w, v) => w.Word(prefix + v, v);

    private static Part Region => (w, v) => w.regions.NameOf(v, CultureInfo.CurrentUICulture.IsChinese());

    private static Part Regions => (w, v) => string.Join(w.l["List.Separator"].Value, v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => Region(w, c)));

    private static Part Flags(string prefix) => (w, v) => string.Join(w.l["List.Separator"].Value, v.Split(", ").Select(f => w.Word(prefix + f, f)));

    private sealed record Shape(Regex Pattern, string Key, params Part[] Parts);

    /// <summary>Every shape the portal writes, with the resource that says it (tested: each has both languages).</summary>
    private static readonly Shape[] Shapes =
    [
        new(Exact("case file"), "AuditDetail.CaseFile"),
        new(Exact("case file zip"), "AuditDetail.CaseFileZip"),
        new(Exact("register numbers"), "AuditDetail.RegisterNumbers"),
        new(RegistersLookedUpRx(), "AuditDetail.RegistersLookedUp", AsIs),
        new(CampaignItemRx(), "AuditDetail.CampaignItem", AsIs),
        new(CampaignItemFileRx(), "AuditDetail.CampaignItemFile", AsIs, AsIs),
        new(RevealRequestRx(), "AuditDetail.RevealRequested", AsIs, AsIs),
        new(RevealApprovedRx(), "AuditDetail.RevealApproved", AsIs),
        new(RevealRefusedRx(), "AuditDetail.RevealRefused", AsIs, AsIs),
        new(RevealShownRx(), "AuditDetail.RevealShown", AsIs),
        new(DeskRx(), "AuditDetail.Desk", Key("Intake.Channel.")),
        new(ClueRx(), "AuditDetail.Clue", Key("Clue.Source.")),
        new(ReExaminationRx(), "AuditDetail.ReExamination", Key("Review.Verdict."), Key("Finding."), AsIs),
        new(RectificationAddedRx(), "AuditDetail.RectificationAdded", AsIs),
        new(RectificationRx(), "AuditDetail.Rectification", AsIs, Key("AuditDetail.Rectification.")),
        new(CampaignLaunchedRx(), "AuditDetail.CampaignLaunched", AsIs, Region, Flags("Campaign.Outcome."), AsIs),
        new(LessonRx(), "AuditDetail.Lesson", AsIs, AsIs, AsIs),
        new(LessonOffRx(), "AuditDetail.LessonOff", AsIs),
        new(CampaignExportRx(), "AuditDetail.CampaignExport", AsIs, AsIs),
        new(MatchingExportRx(), "AuditDetail.MatchingExport", AsIs),
        new(HitsExportRx(), "AuditDetail.HitsExport", AsIs),
        new(LinkDecidedRx(), "AuditDetail.LinkDecided", AsIs, Key("AuditDetail.LinkDecision.")),
        new(StatisticsExportRx(), "AuditDetail.StatisticsExport", AsIs, Region, AsIs, AsIs),
        new(RegimeSavedRx(), "AuditDetail.RegimeSaved", AsIs),
        new(MatchingRuleRx(), "AuditDetail.MatchingRule", Key("Matching.Rule."), AsIs, AsIs, Key("AuditDetail.RuleState.")),
        new(RegisterImportedRx(), "AuditDetail.RegisterImported", Key("Registers.Source."), AsIs, AsIs, AsIs),
        new(RegistersPurgedRx(), "AuditDetail.RegistersPurged", AsIs),
        new(HeadersMappedRx(), "AuditDetail.HeadersMapped", Key("Registers.Source."), AsIs),
        new(MatchingRunRx(), "AuditDetail.MatchingRun", AsIs, AsIs),
        new(MatchingCasesRx(), "AuditDetail.MatchingCases", AsIs),
        new(HitConfirmedRx(), "AuditDetail.HitConfirmed", AsIs, Key("Matching.Rule.")),
        new(HitDismissedRx(), "AuditDetail.HitDismissed", AsIs, Key("Matching.Rule."), Key("Hit.Reason.")),
        new(KindRegimesRx(), "AuditDetail.KindRegimes", AsIs),
        new(RewardRuleRx(), "AuditDetail.RewardRule", Region, AsIs),
        new(RewardEligibleRx(), "AuditDetail.RewardEligible", AsIs),
        new(RewardNotEligibleRx(), "AuditDetail.RewardNotEligible", Key("Reward.Refusal.")),
        new(Exact("reward approved"), "AuditDetail.RewardApproved"),
        new(RewardReturnedRx(), "AuditDetail.RewardReturned", AsIs),
        new(Exact("reward claimed"), "AuditDetail.RewardClaimed"),
        new(Exact("reward claim: reveal requested"), "AuditDetail.RewardRevealRequested"),
        new(Exact("reward claim: reveal approved"), "AuditDetail.RewardRevealApproved"),
        new(Exact("reward claim shown"), "AuditDetail.RewardClaimShown"),
        new(RewardPaidRx(), "AuditDetail.RewardPaid", AsIs, AsIs),
        new(NoticeSavedRx(), "AuditDetail.NoticeSaved", Key("Notice.Kind."), AsIs),
        new(RuleSavedRx(), "AuditDetail.RuleSaved", Key("AuditDetail.Rule."), AsIs, AsIs, Key("AuditDetail.Enabled.")),
        new(StaffCreatedRx(), "AuditDetail.StaffCreated", AsIs, Key("Role."), Regions),
        new(StaffChangedRx(), "AuditDetail.StaffChanged", AsIs, Key("Role."), Key("Role."), Regions),
        new(StaffConfirmedRx(), "AuditDetail.StaffConfirmed", AsIs),
        new(StaffInvitedRx(), "AuditDetail.StaffInvited", AsIs),
        new(AuthenticatorResetRx(), "AuditDetail.AuthenticatorReset", AsIs),
        new(StaffDisabledRx(), "AuditDetail.StaffDisabled", AsIs),
        new(StaffEnabledRx(), "AuditDetail.StaffEnabled", AsIs),
        new(CitizenDeletedRx(), "AuditDetail.CitizenDeleted", AsIs),
        new(Exact("two-factor authentication enabled"), "AuditDetail.TwoFactorEnabled"),
        new(Exact("password"), "AuditDetail.Password"),
        new(Exact("locked out"), "AuditDetail.LockedOut"),
        new(Exact("refused"), "AuditDetail.Refused"),
        new(Exact("second factor: authenticator"), "AuditDetail.SecondFactor"),
        new(Exact("second factor: recovery code"), "AuditDetail.RecoveryCode"),
        new(Exact("second factor refused"), "AuditDetail.SecondFactorRefused"),
        // A report action, alone or with what it chose ("Refer: DisciplineCommission", "TransferWithin: 430421").
        new(ActionRx(), "AuditDetail.Action", Key("Action.")),
        new(ActionWithRx(), "AuditDetail.ActionWith", Key("Action."), AsIs),
    ];

    /// <summary>The resource keys the shapes use (for the test that each exists in both languages).</summary>
    public static IEnumerable<string> Keys => Shapes.Select(s => s.Key);

    /// <summary>The detail in the page's language; as stored when it has no known shape.</summary>
    public string Say(string detail)
    {
        foreach (var shape in Shapes)
        {
            if (shape.Pattern.Match(detail) is { Success: true } match
                && (shape.Parts.Length == 0 || !shape.Key.StartsWith("AuditDetail.Action", StringComparison.Ordinal) || IsAction(match.Groups[1].Value)))
            {
                var args = shape.Parts.Select((part, i) => (object)part(this, match.Groups[i + 1].Value)).ToArray();
                if (shape.Key == "AuditDetail.ActionWith")
                {
                    args[1] = ActionArgument(match.Groups[1].Value, match.Groups[2].Value);
                }
                return l[shape.Key, args].Value;
            }
        }
        return detail;
    }

    /// <summary>What an action chose, in words: a finding, a referral, a region, a number of days.</summary>
    private string ActionArgument(string action, string value) => action switch
    {
        "RecordFinding" => Word("Finding." + value, value),
        "Refer" => Word("Referral." + value, value),
        "TransferWithin" => Region(this, value),
        _ => value,
    };

    private bool IsAction(string name) => !l["Action." + name].ResourceNotFound;

    private string Word(string key, string fallback) => l[key] is { ResourceNotFound: false } found ? found.Value : fallback;

    private static Regex Exact(string text) => new("^" + Regex.Escape(text) + "$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^campaign item (\d+)$")] private static partial Regex CampaignItemRx();
    [GeneratedRegex(@"^campaign item (\d+): (.+)$", RegexOptions.Singleline)] private static partial Regex CampaignItemFileRx();
    [GeneratedRegex(@"^request (\d+): (.*)$", RegexOptions.Singleline)] private static partial Regex RevealRequestRx();
    [GeneratedRegex(@"^request (\d+) by [0-9a-f-]+: approved$")] private static partial Regex RevealApprovedRx();
    [GeneratedRegex(@"^request (\d+) by [0-9a-f-]+: refused: (.*)$", RegexOptions.Singleline)] private static partial Regex RevealRefusedRx();
    [GeneratedRegex(@"^shown under request (\d+)$")] private static partial Regex RevealShownRx();
    [GeneratedRegex(@"^registered at the desk \((\w+)\)$")] private static partial Regex DeskRx();
    [GeneratedRegex(@"^clue registered \((\w+)\)$")] private static partial Regex ClueRx();
    [GeneratedRegex(@"^re-examination (\w+) (\w+) \(campaign item (\d+)\)$")] private static partial Regex ReExaminationRx();
    [GeneratedRegex(@"^rectification added \(campaign item (\d+)\)$")] private static partial Regex RectificationAddedRx();
    [GeneratedRegex(@"^rectification (\d+) (done|progress)$")] private static partial Regex RectificationRx();
    [GeneratedRegex(@"^campaign (\d+) launched: (\d+) (.+) (\d+) reviewers$")] private static partial Regex CampaignLaunchedRx();
    [GeneratedRegex(@"^campaign (\d+) lesson (\d+)% of ≥(\d+)$")] private static partial Regex LessonRx();
    [GeneratedRegex(@"^campaign (\d+) lesson off$")] private static partial Regex LessonOffRx();
    [GeneratedRegex(@"^campaign (\d+) (csv|xlsx)$")] private static partial Regex CampaignExportRx();
    [GeneratedRegex(@"^matching dashboard (csv|xlsx)$")] private static partial Regex MatchingExportRx();
    [GeneratedRegex(@"^matching hits csv: (\d+) rows$")] private static partial Regex HitsExportRx();
    [GeneratedRegex(@"^register link (\d+): (confirmed|rejected)$")] private static partial Regex LinkDecidedRx();
    [GeneratedRegex(@"^statistics (csv|xlsx) (\d+) (\S+)\.\.(\S+)$")] private static partial Regex StatisticsExportRx();
    [GeneratedRegex(@"^registers looked up: (\d+) identity numbers$")] private static partial Regex RegistersLookedUpRx();
    [GeneratedRegex(@"^LegalRegime (\S+) saved$")] private static partial Regex RegimeSavedRx();
    [GeneratedRegex(@"^matching rule ([a-z-]+): threshold (\d+) → (\d+), (on|off)$")] private static partial Regex MatchingRuleRx();
    [GeneratedRegex(@"^Kinds' regimes: (.+)$")] private static partial Regex KindRegimesRx();
    [GeneratedRegex(@"^NoticeTemplate (\w+) (\S+) saved$")] private static partial Regex NoticeSavedRx();
    [GeneratedRegex(@"^(PriorityRule|RoutingRule) (\d+) saved: (.*) \(enabled: (True|False)\)$", RegexOptions.Singleline)] private static partial Regex RuleSavedRx();
    [GeneratedRegex(@"^created (\S+) as (\w+) for (\S*); awaiting a second administrator$")] private static partial Regex StaffCreatedRx();
    [GeneratedRegex(@"^changed (\S+): (\w*) → (\w+) for (\S*)$")] private static partial Regex StaffChangedRx();
    [GeneratedRegex(@"^confirmed (\S+)$")] private static partial Regex StaffConfirmedRx();
    [GeneratedRegex(@"^invited (\S+) again$")] private static partial Regex StaffInvitedRx();
    [GeneratedRegex(@"^reset the authenticator of (\S+)$")] private static partial Regex AuthenticatorResetRx();
    [GeneratedRegex(@"^disabled (\S+)$")] private static partial Regex StaffDisabledRx();
    [GeneratedRegex(@"^register ([A-Za-z]+): (.+), (\d+) rows, sha256 ([0-9a-f]{16})$", RegexOptions.Singleline)] private static partial Regex RegisterImportedRx();
    [GeneratedRegex(@"^register imports purged: (\d+)$")] private static partial Regex RegistersPurgedRx();
    [GeneratedRegex(@"^register headers (\w+): (\d+) mapped$")] private static partial Regex HeadersMappedRx();
    [GeneratedRegex(@"^matching run: (\d+) hits found or refreshed, (\d+) held$")] private static partial Regex MatchingRunRx();
    [GeneratedRegex(@"^matching cases filed: (\d+)$")] private static partial Regex MatchingCasesRx();
    [GeneratedRegex(@"^hit (\d+) ([a-z-]+): confirmed$")] private static partial Regex HitConfirmedRx();
    [GeneratedRegex(@"^hit (\d+) ([a-z-]+): false positive \((\w+)\)$")] private static partial Regex HitDismissedRx();
    [GeneratedRegex(@"^reward rule (\d{6}) from (\d{4}-\d\d-\d\d) saved$")] private static partial Regex RewardRuleRx();
    [GeneratedRegex(@"^reward proposed: eligible, (\d+\.\d\d)$")] private static partial Regex RewardEligibleRx();
    [GeneratedRegex(@"^reward proposed: not eligible, ([A-Za-z]+)$")] private static partial Regex RewardNotEligibleRx();
    [GeneratedRegex(@"^reward returned: (.+)$", RegexOptions.Singleline)] private static partial Regex RewardReturnedRx();
    [GeneratedRegex(@"^reward paid: (\d+\.\d\d) on (\d{4}-\d\d-\d\d)$")] private static partial Regex RewardPaidRx();
    [GeneratedRegex(@"^enabled (\S+)$")] private static partial Regex StaffEnabledRx();
    [GeneratedRegex(@"^A citizen deleted their account; (\d+) reports unlinked$")] private static partial Regex CitizenDeletedRx();
    [GeneratedRegex(@"^([A-Z][A-Za-z]+)$")] private static partial Regex ActionRx();
    [GeneratedRegex(@"^([A-Z][A-Za-z]+)(?:: | → )(.+)$", RegexOptions.Singleline)] private static partial Regex ActionWithRx();
}
