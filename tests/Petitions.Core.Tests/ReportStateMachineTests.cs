using Petitions.Core.Policy;
using Petitions.Core.Reports;
using static Petitions.Core.Reports.ReportAction;
using static Petitions.Core.Reports.ReportStatus;

namespace Petitions.Core.Tests;

public sealed class ReportStateMachineTests
{
    // The life of a report as docs/domain.md tells it, written out by hand: every status with the
    // actions it allows. Everything not listed must be refused.
    private static readonly Dictionary<ReportStatus, ReportAction[]> Expected = new()
    {
        [Submitted] = [Claim, Assign, Accept, Decline, Merge, Transfer, TransferWithin, Reply, Withdraw],
        [Accepted] = [Claim, Assign, StartVerification, RequestExtension, ApproveExtension, RefuseExtension, Merge, Transfer, TransferWithin, Reply, Withdraw],
        [Assigned] = [Claim, Assign, StartVerification, RequestExtension, ApproveExtension, RefuseExtension, Merge, Transfer, TransferWithin, Reply, Withdraw],
        [UnderVerification] = [Claim, Assign, RequestExtension, ApproveExtension, RefuseExtension, RecordFinding, Merge, Reply, Withdraw],
        [NotAccepted] = [Reply, RequestReview],
        [Concluded] = [Refer, RecordOutcome, Close, Reply],
        [Referred] = [Refer, RecordOutcome, Close, Reply],
        [Closed] = [RecordOutcome, Reply, RequestReview],
        [ReviewRequested] = [Claim, Assign, Reopen, Reply],
        [Merged] = [],
        [Withdrawn] = [],
        // Sent to another agency: nothing more happens to it here.
        [ReportStatus.Transferred] = [],
    };

    public static TheoryData<ReportStatus, ReportAction, bool> EveryPair()
    {
        var data = new TheoryData<ReportStatus, ReportAction, bool>();
        foreach (var status in Enum.GetValues<ReportStatus>())
        {
            foreach (var action in Enum.GetValues<ReportAction>())
            {
                data.Add(status, action, Expected[status].Contains(action));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void CanApply_AllowsExactlyTheDocumentedTransitions(ReportStatus status, ReportAction action, bool allowed) =>
        Assert.Equal(allowed, ReportStateMachine.CanApply(status, action));

    private static readonly TimeLimitPolicy Policy = TestReports.Policy;
    private static readonly DateTimeOffset T0 = TestReports.T0;
    private static readonly Guid Officer = Guid.NewGuid();
    private static readonly Guid Supervisor = Guid.NewGuid();

    private static Report NewReport() => TestReports.New();

    [Fact]
    public void HappyPath_FromSubmittedToClosedWithFeedback()
    {
        var r = NewReport();
        Assert.Equal(new DateTimeOffset(2026, 11, 17, 16, 0, 0, TimeSpan.Zero), r.AcceptanceDueAt);
        r.Claim(Officer, T0.AddHours(1));
        r.Accept(Officer, T0.AddDays(1), Policy);
        Assert.Equal(Assigned, r.Status);
        Assert.NotNull(r.ConclusionDueAt);
        r.StartVerification(Officer, T0.AddDays(2));
        r.RecordFinding(Officer, Finding.PartiallyVerified, "Two of five cards confirmed.", T0.AddDays(20));
        r.Refer(Officer, Referral.DisciplineCommission, T0.AddDays(21));
        r.RecordOutcome(Officer, 120_000m, 80_000m, 2, 1, T0.AddDays(22));
        r.Close(Officer, "Thank you; part of your report was confirmed.", T0.AddDays(23));
        Assert.Equal(Closed, r.Status);
        Assert.Equal(Finding.PartiallyVerified, r.Finding);
        // The reporter sees status changes, never who claimed it or internal steps.
        Assert.DoesNotContain(r.Events, e => e.Public && e.Action is Claim or RecordOutcome);
    }

    [Fact]
    public void ImpossibleTransition_IsRefusedAndChangesNothing()
    {
        var r = NewReport();
        var ex = Assert.Throws<InvalidTransitionException>(() => r.RecordFinding(Officer, Finding.Verified, "x", T0));
        Assert.Equal(Submitted, ex.Status);
        Assert.Equal(Submitted, r.Status);
        Assert.Null(r.Finding);
    }

    [Fact]
    public void Extension_IsApprovedOnceAndAtMostThirtyDays()
    {
        var r = NewReport();
        r.Accept(Officer, T0, Policy);
        var before = r.ConclusionDueAt!.Value;
        Assert.Throws<InvalidTransitionException>(() => r.RequestExtension(Officer, 31, "too long", T0, Policy));
        r.RequestExtension(Officer, 30, "bank records pending", T0.AddDays(10), Policy);
        r.ApproveExtension(Supervisor, T0.AddDays(11), Policy);
        Assert.Equal(before.AddDays(30), r.ConclusionDueAt);
        Assert.Throws<InvalidTransitionException>(() => r.RequestExtension(Officer, 5, "again", T0.AddDays(12), Policy));
        Assert.Throws<InvalidTransitionException>(() => r.ApproveExtension(Supervisor, T0.AddDays(12), Policy));
    }

    [Fact]
    public void Review_IsPossibleWithinThirtyDaysOfTheAnswerOnly()
    {
        var r = NewReport();
        r.Decline(Officer, "Outside our competence.", T0);
        Assert.True(r.CanRequestReview(Policy, T0.AddDays(30)));
        Assert.False(r.CanRequestReview(Policy, T0.AddDays(32)));
        Assert.Throws<InvalidTransitionException>(() => r.RequestReview("I disagree", T0.AddDays(32), Policy));
        r.RequestReview("I disagree", T0.AddDays(5), Policy);
        Assert.Equal(ReviewRequested, r.Status);
        r.Reopen(Supervisor, T0.AddDays(6), Policy);
        Assert.Equal(UnderVerification, r.Status);
    }

    [Fact]
    public void Withdraw_AndMerge_AreFinal()
    {
        var a = NewReport();
        a.Withdraw(null, T0);
        Assert.Empty(ReportStateMachine.ActionsFrom(a.Status));
        var b = NewReport();
        Assert.Throws<InvalidTransitionException>(() => b.MergeInto(b.Id, Officer, T0));
        b.MergeInto(Guid.NewGuid(), Officer, T0);
        Assert.Equal(Merged, b.Status);
    }
}
