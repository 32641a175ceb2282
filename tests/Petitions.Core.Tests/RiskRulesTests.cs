using Petitions.Core.Matching;
using Petitions.Core.Regions;

namespace Petitions.Core.Tests;

/// <summary>The rules' catalogue (kinds, thresholds' ranges) and the status and prison registers' rows.</summary>
public sealed class RiskRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Theory]
    [InlineData(new[] { "shared-phone", "paid-after-death" }, "deceased-pension")]
    [InlineData(new[] { "shared-card", "back-pay-after-death" }, "deceased-pension")]
    [InlineData(new[] { "paid-early", "paid-in-prison" }, "inflated-benefit")]
    [InlineData(new[] { "paid-early" }, "improper-payment")]
    [InlineData(new[] { "shared-phone", "shared-card" }, "card-not-owner")]
    [InlineData(new string[0], "other")]
    public void ACasesKind_IsTheWeightiestOfItsRules(string[] rules, string kind) => Assert.Equal(kind, RiskRules.KindOf(rules));

    [Theory]
    [InlineData("paid-after-death", 0, null)]
    [InlineData("paid-after-death", 12, null)]
    [InlineData("paid-after-death", 13, "Admin.MatchingRules.Range")]
    [InlineData("shared-phone", 1, "Admin.MatchingRules.Range")]
    [InlineData("raised-outside-adjustment", 100, null)]
    [InlineData("raised-outside-adjustment", null, "Validation.Required")]
    [InlineData("no-such-rule", 1, "Admin.MatchingRules.Unknown")]
    public void AThreshold_IsTakenOnlyInsideItsRulesRange(string code, int? threshold, string? problem) => Assert.Equal(problem, RiskRules.Check(code, threshold));

    [Fact]
    public void EveryRulesDefault_IsInsideItsRange() =>
        Assert.All(RiskRules.All, r => Assert.InRange(r.DefaultThreshold, r.Min, r.Max));

    private static (RegisterRecord Record, List<RowProblem> Problems) Row(RegisterSource source, params (RegisterField Field, string Value)[] cells) =>
        RegisterRow.Check(source, 2, cells.ToDictionary(c => c.Field, c => (c.Field.ToString(), c.Value)), RegionCatalogue.Default, Today);

    [Theory]
    [InlineData("暂停发放", StatusKind.Suspended)]
    [InlineData("恢复发放", StatusKind.Resumed)]
    [InlineData("认证通过", StatusKind.Certified)]
    [InlineData("resumed", StatusKind.Resumed)]
    public void AStatusChange_IsReadInChineseOrEnglish(string text, StatusKind kind)
    {
        var (record, problems) = Row(RegisterSource.StatusChange, (RegisterField.PersonNumber, "P1"), (RegisterField.Status, text), (RegisterField.EventDate, "2020-06-01"));
        Assert.Empty(problems);
        Assert.Equal(kind, record.Status);
    }

    [Fact]
    public void AnUnknownStatusChange_AndAReleaseBeforeItsAdmission_AreRefusedWithTheirColumn()
    {
        var (_, status) = Row(RegisterSource.StatusChange, (RegisterField.PersonNumber, "P1"), (RegisterField.Status, "停保"), (RegisterField.EventDate, "2020-06-01"));
        Assert.Equal([new RowProblem(2, "Status", RowProblemKind.BadStatus)], status);
        var id = Reports.ChineseIdNumber.Complete("43042219500101001");
        var (_, prison) = Row(RegisterSource.Prison, (RegisterField.Name, "王一"), (RegisterField.IdNumber, id), (RegisterField.EventDate, "2020-03-10"), (RegisterField.EndDate, "2019-09-20"));
        Assert.Equal([new RowProblem(2, "EndDate", RowProblemKind.EndBeforeStart)], prison);
    }

    [Fact]
    public void APrisonRow_MustHaveAValidIdentityNumber_ForItsRuleJoinsOnItExactly()
    {
        var (_, problems) = Row(RegisterSource.Prison, (RegisterField.Name, "王一"), (RegisterField.IdNumber, "430422195001010010"), (RegisterField.EventDate, "2020-03-10"));
        Assert.Contains(problems, p => p.Kind == RowProblemKind.BadIdNumber);
        Assert.Contains(RegisterField.IdNumber, RegisterLayout.Required(RegisterSource.Prison));
    }
}

/// <summary>The linking's m-probabilities, refined by the pairs people confirmed.</summary>
public sealed class LinkRefinementTests
{
    private static LinkEvidence Pair(NameAgreement name, FieldAgreement birth) =>
        new(new NameComparison(name, [], false), birth, FieldAgreement.Missing, FieldAgreement.Equal, FieldAgreement.Missing, 0);

    [Fact]
    public void WithNoConfirmedPair_TheMAreThePriors() => Assert.Equal(MProbabilities.Priors, MProbabilities.Refine([]));

    [Fact]
    public void APairThePriorsSendToAnAnalyst_IsLinked_OnceAnalystsConfirmedManySuch()
    {
        // A roll's u: a name shared one time in twenty thousand, a birth date one in fourteen thousand, one county.
        var weights = new LinkageWeights(5e-5, 1e-4, 7e-5, 1);
        var nameAndNearBirth = Pair(NameAgreement.Same, FieldAgreement.Near);
        Assert.InRange(weights.Of(nameAndNearBirth), weights.Lower, weights.Upper);

        // Analysts confirmed 200 pairs, a third of them with the birth date a few days off (the funeral home's habit).
        var confirmed = Enumerable.Range(0, 200).Select(i => Pair(NameAgreement.Same, i % 3 == 0 ? FieldAgreement.Near : FieldAgreement.Equal)).ToList();
        var refined = MProbabilities.Refine(confirmed);
        Assert.Equal((0.05 * 50 + 67) / 250, refined.BirthNear, 6);
        Assert.True((weights with { M = refined }).Of(nameAndNearBirth) >= weights.Upper);
        // A different birth date still weighs against.
        Assert.True((weights with { M = refined }).Of(Pair(NameAgreement.Same, FieldAgreement.Different)) < weights.Lower);
    }
}
