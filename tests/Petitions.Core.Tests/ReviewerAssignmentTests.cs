using Petitions.Core.Campaigns;

namespace Petitions.Core.Tests;

/// <summary>Independent review over random staffing: never a handler, never the concluding unit, never an excluded person.</summary>
public sealed class ReviewerAssignmentTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(801)]
    public void NoItem_GoesToItsHandlers_TheirUnit_OrAnExcludedPerson_AndLoadIsBalanced(int seed)
    {
        var random = new Random(seed);
        string[] units = ["衡南县人社局", "衡阳市人社局", "长沙市人社局", "株洲市人社局", "省纪委监委"];
        var reviewers = Enumerable.Range(0, random.Next(2, 12))
            .Select(_ => new ReviewerAssignment.Reviewer(Guid.NewGuid(), random.Next(6) == 0 ? null : units[random.Next(units.Length)])).ToList();
        var staff = reviewers.Select(r => r.Id).Concat(Enumerable.Range(0, 5).Select(_ => Guid.NewGuid())).ToList();
        var items = Enumerable.Range(1, random.Next(50, 400)).Select(i => new ReviewerAssignment.Item(i,
            random.Next(5) == 0 ? null : units[random.Next(units.Length)],
            Enumerable.Range(0, random.Next(4)).Select(_ => staff[random.Next(staff.Count)]).ToHashSet(),
            Enumerable.Range(0, random.Next(3)).Select(_ => staff[random.Next(staff.Count)]).ToHashSet())).ToList();

        var assigned = ReviewerAssignment.Assign(items, reviewers);

        var byId = reviewers.ToDictionary(r => r.Id);
        foreach (var item in items)
        {
            var eligible = reviewers.Where(r => ReviewerAssignment.MayReview(r, item)).ToList();
            if (!assigned.TryGetValue(item.Id, out var reviewerId))
            {
                Assert.Empty(eligible);
                continue;
            }
            var reviewer = byId[reviewerId];
            Assert.DoesNotContain(reviewerId, item.Handlers);
            Assert.DoesNotContain(reviewerId, item.Excluded);
            Assert.False(item.ConcludingUnit is not null && reviewer.Unit == item.ConcludingUnit);
        }
        // Balanced: someone who could have taken an item never ends with two more than the one who got it had then.
        var load = assigned.Values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        var open = reviewers.Where(r => items.All(i => ReviewerAssignment.MayReview(r, i))).ToList();
        if (open.Count > 1)
        {
            var counts = open.Select(r => load.GetValueOrDefault(r.Id)).ToList();
            Assert.True(counts.Max() - counts.Min() <= 1, string.Join(",", counts));
        }
    }

    [Fact]
    public void AssignmentIsTheSame_OnEveryRun()
    {
        var reviewers = Enumerable.Range(0, 4).Select(i => new ReviewerAssignment.Reviewer(new Guid(i + 1, 0, 0, new byte[8]), "单位" + i)).ToList();
        var items = Enumerable.Range(1, 20).Select(i => new ReviewerAssignment.Item(i, "单位" + (i % 4), new HashSet<Guid>(), new HashSet<Guid>())).ToList();
        Assert.Equal(ReviewerAssignment.Assign(items, reviewers), ReviewerAssignment.Assign(items.AsEnumerable().Reverse(), reviewers));
    }
}
