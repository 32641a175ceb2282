using System.Globalization;
using System.Text.RegularExpressions;
using Petitions.Testing;
using Petitions.Web.Services;

namespace Petitions.Web.Tests.Foundation;

/// <summary>Audit details are stored in fixed English shapes and read back in the page's language.</summary>
public sealed class AuditWordsTests(PetitionsFactory factory) : WebTest(factory)
{
    /// <summary>One detail of every shape the portal writes (each written by the code named beside it).</summary>
    public static TheoryData<string> Written() =>
    [
        "case file", "case file zip", "register numbers", "registers looked up: 2 identity numbers", "campaign item 12", "campaign item 12: 流水.pdf", "request 3: 核实资金去向",
        "request 3 by 0b5a7c8e-0000-4000-8000-000000000001: approved", "request 3 by 0b5a7c8e-0000-4000-8000-000000000001: refused: 理由不足",
        "shown under request 3", "registered at the desk (Letter)", "clue registered (InspectionTour)",
        "re-examination Overturned Verified (campaign item 12)", "rectification added (campaign item 12)", "rectification 4 done",
        "campaign 2 launched: 430422 Closed, NotAccepted 3 reviewers", "campaign 2 lesson 30% of ≥10", "campaign 2 lesson off",
        "campaign 2 xlsx", "matching dashboard xlsx", "matching hits csv: 12 rows", "register link 44: confirmed", "register link 45: rejected", "statistics csv 430000 2024-01..2024-12", "LegalRegime mohrss-order-49 saved", "matching rule paid-in-prison: threshold 1 → 2, off", "Kinds' regimes: other → mohrss-order-49",
        "NoticeTemplate Acceptance zh-CN saved", "PriorityRule 5 saved: 已故人员 (enabled: True)",
        "created @ as Officer for 430422; awaiting a second administrator", "changed @: Officer → Supervisor for 430422,430400",
        "confirmed @", "invited @ again", "reset the authenticator of @", "disabled @", "enabled @",
        "A citizen deleted their account; 2 reports unlinked", "register Cremation: 火化数据.csv, 2 rows, sha256 0123456789012345", "register imports purged: 3", "register headers DeathCertificate: 2 mapped", "matching run: 2 hits found or refreshed, 5 held", "matching cases filed: 4", "hit 7 paid-after-death: confirmed", "hit 8 shared-phone: false positive (Namesake)", "two-factor authentication enabled", "password", "locked out", "refused",
        "second factor: authenticator", "second factor: recovery code", "second factor refused",
        "reward rule 420000 from 2023-01-01 saved", "reward proposed: eligible, 24691.34", "reward proposed: not eligible, NotFirstReporter", "reward approved", "reward returned: 损失金额有误",
        "reward claimed", "reward claim: reveal requested", "reward claim: reveal approved", "reward claim shown", "reward paid: 24691.34 on 2026-12-06",
        "Claim", "Reply", "RequestExtension: 10", "RecordFinding: Verified", "Refer: DisciplineCommission", "TransferWithin: 430421",
    ];

    [Theory]
    [MemberData(nameof(Written))]
    public void EveryShapeTheCodeWrites_ReadsInChinese_WithNoEnglishWordLeft(string written)
    {
        var detail = written.Replace("@", "zhou@example.org", StringComparison.Ordinal);
        var words = Factory.Service<AuditWords>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            var zh = words.Say(detail).Replace("zhou@example.org", "", StringComparison.Ordinal);
            // Codes that stay as they are: regime codes, file kinds, the rule's own name.
            var left = Regex.Replace(zh, "mohrss-order-49|other|csv|xlsx|ZIP|zh-CN|\\.pdf", "");
            Assert.DoesNotMatch("[A-Za-z]{3,}", left);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.NotEqual("", words.Say(detail));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void ADetailOfNoKnownShape_IsShownAsStored()
    {
        Assert.Equal("scan of the ledger.jpg", Factory.Service<AuditWords>().Say("scan of the ledger.jpg"));
        Assert.Equal("Scan", Factory.Service<AuditWords>().Say("Scan"));
    }
}
