using Petitions.Core.Reports;
using static Petitions.Core.Reports.ReportAction;

namespace Petitions.Core.Tests;

/// <summary>Two people means two people, for every two-person step and every role that could be the second.</summary>
public sealed class TwoPersonRuleTests
{
    private static readonly DateTimeOffset T0 = TestReports.T0;
    private static readonly Guid OfficerId = Guid.NewGuid();
    private static readonly Actor Officer = TestReports.Staff(ActorRole.Officer, OfficerId);
    private static readonly Actor Supervisor = TestReports.Staff(ActorRole.Supervisor, Guid.NewGuid());
    private static readonly Actor OtherSupervisor = TestReports.Staff(ActorRole.Supervisor, Guid.NewGuid());
    private static readonly Actor Admin = TestReports.Staff(ActorRole.Supervisor, Guid.NewGuid()) with { ManagesAccounts = true };

    private static Report Accepted()
    {
        var r = TestReports.New();
        r.Accept(OfficerId, T0, TestReports.Policy);
        return r;
    }

    private static IdentityDisclosure DisclosureAskedBy(Guid who) =>
        new() { ReportId = Guid.NewGuid(), RequestedBy = who, Reason = "call back", RequestedAt = T0 };

    [Fact]
    public void ASupervisorWhoAskedForAnExtension_MayNeitherApproveNorRefuseIt()
    {
        var r = Accepted();
        r.RequestExtension(Supervisor.UserId!.Value, 10, "bank records", T0, TestReports.Policy);
        var offered = ReportPermissions.Allowed(r, Supervisor, TestReports.Policy, T0);
        Assert.DoesNotContain(ApproveExtension, offered);
        Assert.DoesNotContain(RefuseExtension, offered);
        Assert.Throws<InvalidTransitionException>(() => r.ApproveExtension(Supervisor.UserId!.Value, T0, TestReports.Policy));
        Assert.Throws<InvalidTransitionException>(() => r.RefuseExtension(Supervisor.UserId!.Value, "no", T0));

        Assert.Contains(ApproveExtension, ReportPermissions.Allowed(r, OtherSupervisor, TestReports.Policy, T0));
        r.ApproveExtension(OtherSupervisor.UserId!.Value, T0, TestReports.Policy);
        Assert.Equal(10, r.ExtensionDays);
        Assert.Null(r.ExtensionRequestedBy);
    }

    [Fact]
    public void WhoeverAskedForADisclosure_MayNotDecideIt_ButAnotherSupervisorMay()
    {
        var asked = DisclosureAskedBy(Supervisor.UserId!.Value);
        Assert.False(asked.CanDecide(Supervisor));
        Assert.True(asked.CanDecide(OtherSupervisor));
    }

    [Fact]
    public void AnAdministrator_IsNeverTheSecondPerson()
    {
        var r = Accepted();
        r.RequestExtension(OfficerId, 10, "bank records", T0, TestReports.Policy);
        Assert.DoesNotContain(ApproveExtension, ReportPermissions.Allowed(r, Admin, TestReports.Policy, T0));
        Assert.DoesNotContain(RefuseExtension, ReportPermissions.Allowed(r, Admin, TestReports.Policy, T0));
        Assert.False(DisclosureAskedBy(OfficerId).CanDecide(Admin));
        Assert.True(DisclosureAskedBy(OfficerId).CanDecide(Supervisor));
    }

    [Fact]
    public void WhoeverCreatedOrChangedTheAskersAccount_MayNotDecide()
    {
        var voucher = Supervisor with { Vouched = new HashSet<Guid> { OfficerId } };
        var r = Accepted();
        r.RequestExtension(OfficerId, 10, "bank records", T0, TestReports.Policy);
        Assert.DoesNotContain(ApproveExtension, ReportPermissions.Allowed(r, voucher, TestReports.Policy, T0));
        Assert.False(DisclosureAskedBy(OfficerId).CanDecide(voucher));
    }

    [Fact]
    public void AnAccountNotYetInStanding_MayNeitherAskNorDecide()
    {
        var newOfficer = Officer with { InStanding = false };
        var newSupervisor = OtherSupervisor with { InStanding = false };
        var r = Accepted();
        Assert.DoesNotContain(RequestExtension, ReportPermissions.Allowed(r, newOfficer, TestReports.Policy, T0));
        r.IsAnonymous = false;
        r.IdentityProtected = "(encrypted)";
        Assert.False(IdentityDisclosure.CanRequest(r, newOfficer, []));
        Assert.True(IdentityDisclosure.CanRequest(r, Officer, []));

        r.RequestExtension(OfficerId, 10, "bank records", T0, TestReports.Policy);
        Assert.DoesNotContain(ApproveExtension, ReportPermissions.Allowed(r, newSupervisor, TestReports.Policy, T0));
        Assert.False(DisclosureAskedBy(OfficerId).CanDecide(newSupervisor));
    }

    [Fact]
    public void AnActorBuiltWithoutTheSeparationFacts_TakesNoPartInATwoPersonStep()
    {
        var bare = new Actor(ActorRole.Supervisor, Guid.NewGuid());
        Assert.False(TwoPersonRule.MayStart(bare));
        Assert.False(TwoPersonRule.MaySecond(bare, OfficerId));
        Assert.False(TwoPersonRule.MaySecond(Actor.Reporter, OfficerId));
    }
}
