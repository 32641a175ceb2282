using Petitions.Core.Policy;
using Petitions.Core.Reports;
using Petitions.Core.Triage;
using static Petitions.Core.Reports.ReportAction;

namespace Petitions.Core.Tests;

public sealed class ReportPermissionsTests
{
    private static readonly TimeLimitPolicy Policy = TestReports.Policy;
    private static readonly DateTimeOffset T0 = TestReports.T0;
    private static readonly Guid OfficerId = Guid.NewGuid();
    private static readonly Actor Officer = TestReports.Staff(ActorRole.Officer, OfficerId);
    private static readonly Actor Supervisor = TestReports.Staff(ActorRole.Supervisor, Guid.NewGuid());

    private static Report NewReport() => TestReports.New();

    [Fact]
    public void ANewReport_OffersEachPersonOnlyTheirOwnActions()
    {
        var r = NewReport();
        Assert.Equal([Claim, Accept, Decline, Merge, Transfer, TransferWithin], ReportPermissions.Allowed(r, Officer, Policy, T0));
        Assert.Equal([Claim, Assign, Accept, Decline, Merge, Transfer, TransferWithin], ReportPermissions.Allowed(r, Supervisor, Policy, T0));
        Assert.Equal([Reply, Withdraw], ReportPermissions.Allowed(r, Actor.Reporter, Policy, T0));
    }

    [Fact]
    public void Claim_IsOfferedOnlyWhileNobodyHoldsTheReport()
    {
        var r = NewReport();
        r.Claim(OfficerId, T0);
        Assert.DoesNotContain(Claim, ReportPermissions.Allowed(r, Officer, Policy, T0));
        // Nor to a supervisor: a report another officer holds moves by assignment, never by a claim.
        Assert.DoesNotContain(Claim, ReportPermissions.Allowed(r, Supervisor, Policy, T0));
        Assert.Contains(Assign, ReportPermissions.Allowed(r, Supervisor, Policy, T0));
    }

    [Fact]
    public void Accepting_AReportNobodyHolds_MakesTheAcceptorItsHandler()
    {
        var r = NewReport();
        r.Accept(OfficerId, T0, Policy);
        Assert.Equal(OfficerId, r.AssigneeId);
        Assert.Equal(ReportStatus.Assigned, r.Status);

        // A report already held keeps its handler when a supervisor accepts it.
        var held = NewReport();
        held.Claim(OfficerId, T0);
        held.Accept(Supervisor.UserId!.Value, T0, Policy);
        Assert.Equal(OfficerId, held.AssigneeId);
    }

    [Fact]
    public void Extension_IsRequestedByStaff_DecidedBySupervisorsOnly_AndOfferedOnlyWhilePending()
    {
        var r = NewReport();
        r.Accept(OfficerId, T0, Policy);
        Assert.Contains(RequestExtension, ReportPermissions.Allowed(r, Officer, Policy, T0));
        Assert.DoesNotContain(ApproveExtension, ReportPermissions.Allowed(r, Supervisor, Policy, T0));

        r.RequestExtension(OfficerId, 20, "bank records", T0, Policy);
        Assert.DoesNotContain(RequestExtension, ReportPermissions.Allowed(r, Officer, Policy, T0));
        Assert.DoesNotContain(ApproveExtension, ReportPermissions.Allowed(r, Officer, Policy, T0));
        Assert.Contains(ApproveExtension, ReportPermissions.Allowed(r, Supervisor, Policy, T0));
        Assert.Contains(RefuseExtension, ReportPermissions.Allowed(r, Supervisor, Policy, T0));

        var before = r.ConclusionDueAt;
        r.RefuseExtension(Supervisor.UserId!.Value, "not justified", T0);
        Assert.Equal(before, r.ConclusionDueAt);
        Assert.Null(r.RequestedExtensionDays);
        Assert.Contains(RequestExtension, ReportPermissions.Allowed(r, Officer, Policy, T0));

        r.RequestExtension(OfficerId, 10, "still waiting", T0, Policy);
        r.ApproveExtension(Supervisor.UserId!.Value, T0, Policy);
        Assert.Equal(before!.Value.AddDays(10), r.ConclusionDueAt);
        Assert.DoesNotContain(ApproveExtension, ReportPermissions.Allowed(r, Supervisor, Policy, T0));
        Assert.DoesNotContain(RequestExtension, ReportPermissions.Allowed(r, Officer, Policy, T0));
    }

    [Fact]
    public void TheExtensionLimit_IsTheRegimes()
    {
        static TimeLimitPolicy WithExtension(int days)
        {
            var policy = new TimeLimitPolicy();
            var regime = LegalRegime.LettersAndVisitsDefaults(extension: days);
            policy.UseRegimes([regime]);
            return policy;
        }
        var strict = WithExtension(10);
        var r = NewReport();
        r.Accept(OfficerId, T0, strict);
        Assert.Throws<InvalidTransitionException>(() => r.RequestExtension(OfficerId, 11, "x", T0, strict));
        var none = WithExtension(0);
        Assert.DoesNotContain(RequestExtension, ReportPermissions.Allowed(r, Officer, none, T0));
    }

    [Fact]
    public void Identity_CanBeRevealedOnlyOnRealNameReports()
    {
        var r = NewReport();
        r.IsAnonymous = true;
        Assert.False(ReportPermissions.CanRevealIdentity(r, Supervisor));
        r.IsAnonymous = false;
        r.IdentityProtected = "(encrypted)";
        Assert.True(ReportPermissions.CanRevealIdentity(r, Officer));
        Assert.False(ReportPermissions.CanRevealIdentity(r, Actor.Reporter));
    }

    [Fact]
    public void TheCurrentDeadline_FollowsTheStatus()
    {
        var r = NewReport();
        Assert.Equal((Deadline.Acceptance, r.AcceptanceDueAt!.Value), r.CurrentDeadline);
        r.Accept(OfficerId, T0.AddDays(1), Policy);
        Assert.Equal((Deadline.Conclusion, r.ConclusionDueAt!.Value), r.CurrentDeadline);
        r.StartVerification(OfficerId, T0.AddDays(2));
        r.RequestExtension(OfficerId, 30, "x", T0.AddDays(3), Policy);
        r.ApproveExtension(Supervisor.UserId!.Value, T0.AddDays(3), Policy);
        // Accepted 3 November (China time): 60 + 30 days run to the end of 1 February 2027.
        Assert.Equal(new DateTimeOffset(2027, 2, 2, 0, 0, 0, TimeSpan.FromHours(8)), r.CurrentDeadline!.Value.Due);
        r.RecordFinding(OfficerId, Finding.Verified, "ok", T0.AddDays(4));
        Assert.Null(r.CurrentDeadline);
    }

    [Fact]
    public void OpenStatuses_AreTheOnesThatStillOweAnAnswer()
    {
        foreach (var status in Enum.GetValues<ReportStatus>())
        {
            var owesAnswer = status is not (ReportStatus.Closed or ReportStatus.NotAccepted or ReportStatus.Merged or ReportStatus.Withdrawn or ReportStatus.Transferred);
            Assert.Equal(owesAnswer, status.IsOpen());
        }
        Assert.All(ReportStatuses.AwaitingAcceptance.Concat(ReportStatuses.AwaitingConclusion), s => Assert.True(s.IsOpen()));
    }

    [Fact]
    public void ADisclosure_IsDecidedByASupervisorWhoDidNotAsk_AndSeenByTheRequesterAlone()
    {
        var r = NewReport();
        r.IsAnonymous = false;
        r.IdentityProtected = "(encrypted)";
        Assert.True(IdentityDisclosure.CanRequest(r, Officer, []));
        var request = new IdentityDisclosure { ReportId = r.Id, RequestedBy = OfficerId, Reason = "need to call back", RequestedAt = T0 };
        Assert.False(IdentityDisclosure.CanRequest(r, Supervisor, [request]));

        var askingSupervisor = new IdentityDisclosure { ReportId = r.Id, RequestedBy = Supervisor.UserId!.Value, Reason = "x", RequestedAt = T0 };
        Assert.False(askingSupervisor.CanDecide(Supervisor));
        Assert.False(request.CanDecide(Officer));
        Assert.True(request.CanDecide(Supervisor));
        Assert.False(request.CanSee(Officer));

        request.Approve(Supervisor, T0.AddHours(1));
        Assert.True(request.CanSee(Officer));
        Assert.False(request.CanSee(Supervisor));
        Assert.False(request.CanDecide(Supervisor));
        Assert.Throws<InvalidOperationException>(() => request.Refuse(Supervisor, "too late", T0.AddHours(2)));

        r.IsAnonymous = true;
        Assert.False(IdentityDisclosure.CanRequest(r, Officer, []));
    }
}

public sealed class ChineseIdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X", "11010519491231002X")]
    [InlineData("110105 19491231 002x", "11010519491231002X")]
    [InlineData("440524188001010014", "440524188001010014")]
    [InlineData("110105194912310021", null)]
    [InlineData("11010519491231002", null)]
    [InlineData("1101051949123100AX", null)]
    public void TheCheckCharacter_IsVerified(string input, string? expected) =>
        Assert.Equal(expected, ChineseIdNumber.Normalize(input));
}
