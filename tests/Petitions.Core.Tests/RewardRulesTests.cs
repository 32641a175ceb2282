using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Core.Rewards;

namespace Petitions.Core.Tests;

/// <summary>
/// Every starting province's rule at its edges, counted by hand: the minimum, the band switch, the cap and no loss;
/// who is the first reporter (joint, later, a matter already known); the notice and claim periods in working days.
/// </summary>
public sealed class RewardRulesTests
{
    private static RewardRule Rule(string province) => StartingRewardRules.All().Single(r => r.ProvinceCode == province);

    private static decimal? Amount(string province, decimal loss, ReportedParty party = ReportedParty.Individual) =>
        Rule(province).Compute(loss, party)?.Amount;

    [Fact]
    public void Hubei_TwoPercent_AtLeast200_AtMost100000_200WithoutLoss()
    {
        Assert.Equal(24_691.34m, Amount("420000", 1_234_567m));   // 1,234,567 × 2 % = 24,691.34
        Assert.Equal(200m, Amount("420000", 9_999m));             // 199.98 → the minimum
        Assert.Equal(200m, Amount("420000", 10_000m));            // exactly 200
        Assert.Equal(200.02m, Amount("420000", 10_001m));
        Assert.Equal(100_000m, Amount("420000", 5_000_000m));     // exactly the cap
        Assert.Equal(100_000m, Amount("420000", 6_000_000m));     // 120,000 → the cap
        Assert.Equal((200m, RewardBasis.NoLoss), (Rule("420000").Compute(0, ReportedParty.Individual)!.Amount, Rule("420000").Compute(0, ReportedParty.Individual)!.Basis));
        Assert.Equal(RewardBasis.Minimum, Rule("420000").Compute(9_999m, ReportedParty.Individual)!.Basis);
        Assert.Equal(RewardBasis.Maximum, Rule("420000").Compute(6_000_000m, ReportedParty.Individual)!.Basis);
    }

    [Fact]
    public void Shandong_TwoThreeOrFivePercent_ByWhoWasReported_500WithoutLoss()
    {
        Assert.Equal(2_000m, Amount("370000", 100_000m, ReportedParty.Individual));
        Assert.Equal(3_000m, Amount("370000", 100_000m, ReportedParty.Employer));
        Assert.Equal(5_000m, Amount("370000", 100_000m, ReportedParty.Agency));
        Assert.Equal(0.02m, Amount("370000", 1m));                // no minimum in the rule
        Assert.Equal(100_000m, Amount("370000", 2_000_000m, ReportedParty.Agency));   // 5 % of 2,000,000 = the cap
        Assert.Equal(100_000m, Amount("370000", 2_000_001m, ReportedParty.Agency));
        Assert.Equal(99_999.95m, Amount("370000", 1_999_999m, ReportedParty.Agency));
        Assert.Equal(500m, Amount("370000", 0));
    }

    [Fact]
    public void Hainan_FivePercent_AtLeast500_AtMost100000_NothingWithoutLoss()
    {
        Assert.Equal(500m, Amount("460000", 9_999m));             // 499.95 → 500
        Assert.Equal(500.05m, Amount("460000", 10_001m));
        Assert.Equal(100_000m, Amount("460000", 2_000_001m));
        Assert.Null(Amount("460000", 0));
    }

    [Fact]
    public void InnerMongolia_200UpTo20000_OnePercentAbove_200To2000WithoutLoss()
    {
        Assert.Equal(200m, Amount("150000", 1m));
        Assert.Equal(200m, Amount("150000", 20_000m));            // the last loss of the flat band
        Assert.Equal(200.01m, Amount("150000", 20_001m));         // 1 % of the whole loss above it
        Assert.Equal(1_000m, Amount("150000", 100_000m));
        Assert.Equal(100_000m, Amount("150000", 10_000_000m));
        Assert.Equal(100_000m, Amount("150000", 12_000_000m));
        var rule = Rule("150000");
        Assert.Equal((200m, 2_000m), (rule.Compute(0, ReportedParty.Individual)!.Amount, rule.NoLossMaximum!.Value));
    }

    [Fact]
    public void Tianjin_TenPercent_UpTo200000()
    {
        Assert.Equal(0.1m, Amount("120000", 1m));
        Assert.Equal(200_000m, Amount("120000", 2_000_000m));
        Assert.Equal(200_000m, Amount("120000", 3_000_000m));
        Assert.Null(Amount("120000", 0));
    }

    [Fact]
    public void JointFirstReporters_ShareOneReward_ToTheFen()
    {
        var rule = Rule("420000");
        Assert.Equal(12_345.67m, rule.Compute(1_234_567m, ReportedParty.Individual, 0.5m)!.Amount);
        Assert.Equal(8_230.45m, rule.Compute(1_234_567m, ReportedParty.Individual, 1m / 3)!.Amount);   // 24,691.34 / 3 = 8,230.446…
    }

    [Fact]
    public void TheRuleInForceOnTheDayOfConclusion_Applies()
    {
        var old = new RewardRule { Id = 1, ProvinceCode = "420000", InForceFrom = new(2023, 1, 1), Citation = "old", Bands = [new(0, 0, 2m)] };
        var next = new RewardRule { Id = 2, ProvinceCode = "420000", InForceFrom = new(2026, 7, 1), Citation = "new", Bands = [new(0, 0, 3m)] };
        Assert.Equal(1, RewardRule.InForce([old, next], "420000", new(2026, 6, 30))!.Id);
        Assert.Equal(2, RewardRule.InForce([old, next], "420000", new(2026, 7, 1))!.Id);
        Assert.Null(RewardRule.InForce([old, next], "420000", new(2022, 12, 31)));
        Assert.Null(RewardRule.InForce([old, next], "430000", new(2026, 7, 1)));
    }

    private static Report Verified(DateTimeOffset submitted, ReportSource source = ReportSource.Citizen)
    {
        var r = TestReports.New();
        r.SubmittedAt = submitted;
        r.Source = source;
        return r;
    }

    [Fact]
    public void OnlyTheFirstReporter_IsProposed_JointReportersShare_ALaterOneIsRefusedNamingTheFirst()
    {
        var t = TestReports.T0;
        var first = Verified(t);
        var later = Verified(t.AddDays(3));
        Assert.Equal(new RewardProposal(true, null, 1m, null), RewardEligibility.Propose(first, [new("HB-LATER", ReportSource.Citizen, t.AddDays(3))]));
        Assert.Equal(new RewardProposal(false, RewardRefusal.NotFirstReporter, 0, "HB-FIRST"),
            RewardEligibility.Propose(later, [new("HB-FIRST", ReportSource.Citizen, t)]));
        // Two citizens' reports on the matter received at the same moment: joint first reporters, half each.
        Assert.Equal(0.5m, RewardEligibility.Propose(first, [new("HB-JOINT", ReportSource.Citizen, t)]).Share);
    }

    [Fact]
    public void AMatchingCaseOrClueBeforeTheCitizen_MeansTheFactsWereKnown_AfterIt_TheCitizenIsStillFirst()
    {
        var t = TestReports.T0;
        var citizen = Verified(t);
        Assert.Equal(RewardRefusal.AlreadyKnown, RewardEligibility.Propose(citizen, [new("DM-1", ReportSource.DataMatching, t.AddDays(-1))]).Refusal);
        Assert.True(RewardEligibility.Propose(citizen, [new("DM-1", ReportSource.DataMatching, t.AddDays(1))]).Eligible);
        Assert.Equal(RewardRefusal.AlreadyKnown, RewardEligibility.Propose(citizen, [new("AU-1", ReportSource.Audit, t.AddHours(-1))]).Refusal);
        // The officer's own finding is a reason too.
        Assert.Equal(RewardRefusal.DutyOverFund, RewardEligibility.Propose(citizen, [], RewardRefusal.DutyOverFund).Refusal);
    }

    [Fact]
    public void MatchingCasesAndClues_NeverProposeAReward_NorDoUnverifiedReports()
    {
        var t = TestReports.T0;
        Assert.False(RewardEligibility.Applies(Verified(t, ReportSource.DataMatching)));
        Assert.False(RewardEligibility.Applies(Verified(t, ReportSource.InspectionTour)));
        Assert.False(RewardEligibility.Applies(Verified(t)));   // not concluded yet: no finding
    }

    [Fact]
    public void TheNoticeIsDueTenWorkingDaysAfterConclusion_AndTheClaimThirtyWorkingDaysAfterTheNotice()
    {
        var rule = Rule("420000");
        // Concluded Wednesday 30 September 2026: 1–7 October are the National Day holiday; Saturday 10 October is worked.
        // 8, 9, 10, 12, 13, 14, 15, 16, 19, 20 October: the tenth working day is Tuesday 20 October.
        Assert.Equal(new DateOnly(2026, 10, 20), RewardEligibility.NoticeDue(rule, new(2026, 9, 30), WorkingCalendar.BuiltIn));
        // Told on 20 October: 21–23, 26–30 October (8), 2–6, 9–13, 16–20, 23–27 November (28), 30 November, 1 December.
        Assert.Equal(new DateOnly(2026, 12, 1), RewardEligibility.ClaimBy(rule, new(2026, 10, 20), WorkingCalendar.BuiltIn));
        // Into a year without its official calendar yet (2027): Monday to Friday count, so weekends never shorten it.
        // Told Monday 21 December: 22–25, 28–31 December (8), 1, 4–8, 11–15, 18–22, 25–29 January (29), 1 February.
        Assert.Equal(new DateOnly(2027, 2, 1), RewardEligibility.ClaimBy(rule, new(2026, 12, 21), WorkingCalendar.BuiltIn));
    }

    [Fact]
    public void AClaimOneDayLate_IsRefused_OnTheLastDay_Taken()
    {
        var officer = Guid.NewGuid();
        var approver = TestReports.Staff(ActorRole.Supervisor, Guid.NewGuid());
        var reward = new RewardCase { Id = Guid.NewGuid(), ReportId = Guid.NewGuid(), RuleId = 1 };
        reward.Propose(officer, new RewardProposal(true, null, 1m, null), Rule("420000").Compute(1_234_567m, ReportedParty.Individual), 1_234_567m,
            ReportedParty.Individual, null, new(2026, 10, 20), TestReports.T0);
        reward.Approve(approver, new(2026, 10, 20), new(2026, 12, 1), TestReports.T0);
        Assert.Equal(RewardStatus.Granted, reward.Status);
        Assert.False(reward.MayClaim(new(2026, 12, 2)));
        Assert.True(reward.LapsedOn(new(2026, 12, 2)));
        Assert.Throws<InvalidOperationException>(() => reward.Claim("sealed", new(2026, 12, 2), TestReports.T0));
        reward.Claim("sealed", new(2026, 12, 1), TestReports.T0);
        Assert.Equal(RewardStatus.Claimed, reward.Status);
    }

    [Fact]
    public void TheProposerMayNotApprove_NorMayAnAdministrator_AndOnlyTheAskerSeesTheClaimOnceASecondApproved()
    {
        var proposer = TestReports.Staff(ActorRole.Supervisor, Guid.NewGuid());
        var other = TestReports.Staff(ActorRole.Supervisor, Guid.NewGuid());
        var admin = TestReports.Staff(ActorRole.Supervisor, Guid.NewGuid()) with { ManagesAccounts = true };
        var reward = new RewardCase { Id = Guid.NewGuid(), ReportId = Guid.NewGuid(), RuleId = 1 };
        reward.Propose(proposer.UserId!.Value, new RewardProposal(true, null, 1m, null), Rule("420000").Compute(50_000m, ReportedParty.Individual), 50_000m,
            ReportedParty.Individual, null, new(2026, 10, 20), TestReports.T0);
        Assert.False(reward.CanDecide(proposer));
        Assert.False(reward.CanDecide(admin));
        Assert.Throws<InvalidOperationException>(() => reward.Approve(proposer, new(2026, 10, 20), new(2026, 12, 1), TestReports.T0));
        // Nor whoever created or last changed the proposer's account.
        Assert.False(reward.CanDecide(TestReports.Staff(ActorRole.Supervisor, Guid.NewGuid()) with { Vouched = new HashSet<Guid> { proposer.UserId!.Value } }));
        Assert.True(reward.CanDecide(other));
        reward.Approve(other, new(2026, 10, 20), new(2026, 12, 1), TestReports.T0);
        reward.Claim("sealed", new(2026, 11, 2), TestReports.T0);

        reward.RequestReveal(other);
        // The asker cannot approve their own request, nor can an administrator (who manages accounts).
        Assert.False(reward.CanApproveReveal(other));
        Assert.False(reward.CanApproveReveal(admin));
        Assert.Throws<InvalidOperationException>(() => reward.ApproveReveal(other, TestReports.T0));
        Assert.False(reward.CanSeeClaim(other));
        reward.ApproveReveal(proposer, TestReports.T0);
        Assert.True(reward.CanSeeClaim(other));
        Assert.False(reward.CanSeeClaim(proposer));
        Assert.Throws<InvalidOperationException>(() => reward.RecordPayment(proposer, new(2026, 11, 5), "PAY-1", 1_000m));
        reward.RecordPayment(other, new(2026, 11, 5), "PAY-1", 1_000m);
        Assert.Equal(RewardStatus.Paid, reward.Status);
    }
}

public sealed class RewardRuleTextTests
{
    [Fact]
    public void BandsReadAsTyped_AndWriteBackTheSame()
    {
        var shandong = RewardRuleText.Parse("0 0 2 3 5")!;
        Assert.Equal([new RewardBand(0, 0, 2, 3, 5)], shandong);
        var mongolia = RewardRuleText.Parse("0 200 0\n20000 0 1")!;
        Assert.Equal([new RewardBand(0, 200, 0), new RewardBand(20_000, 0, 1)], mongolia);
        Assert.Equal("0 200 0\n20000 0 1", RewardRuleText.Format(mongolia));
        Assert.Equal("0 0 2 3 5", RewardRuleText.Format(shandong));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0 0")]
    [InlineData("100 0 2")]                 // the first band must start at 0
    [InlineData("0 0 2\n0 0 3")]            // not rising
    [InlineData("0 0 120")]                 // over 100 %
    [InlineData("0 0 二")]
    public void BandsThatCannotBeRead_AreRefused(string text) => Assert.Null(RewardRuleText.Parse(text));
}
