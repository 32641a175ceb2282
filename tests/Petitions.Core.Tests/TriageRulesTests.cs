using Petitions.Core.Regions;
using Petitions.Core.Triage;

namespace Petitions.Core.Tests;

public sealed class RouterTests
{
    private static readonly RegionCatalogue Regions = RegionCatalogue.Default;
    private static IReadOnlyList<Region> Hengnan => Regions.Lineage("430422");

    private static readonly RoutingRule Default = new() { Id = 1, Name = "default", Target = RoutingTarget.OwnCounty };
    private static readonly RoutingRule EmbezzlementToCity = new() { Id = 2, Name = "embezzlement", KindCode = "staff-embezzlement", Target = RoutingTarget.OwnCity };

    [Fact]
    public void DefaultRule_SendsToTheCounty()
    {
        var d = Router.Route([Default, EmbezzlementToCity], Hengnan, "deceased-pension");
        Assert.Equal(new RoutingDecision("430422", 1, "default"), d);
    }

    [Fact]
    public void AKindRule_BeatsAnAnyKindRuleOfTheSameScope()
    {
        Assert.Equal("430400", Router.Route([Default, EmbezzlementToCity], Hengnan, "staff-embezzlement").QueueRegionCode);
    }

    [Fact]
    public void ADeeperScope_BeatsAKindRuleEverywhere()
    {
        var hunanTeam = new RoutingRule { Id = 3, Name = "hunan", ScopeRegionCode = "430000", Target = RoutingTarget.Fixed, TargetRegionCode = "430000" };
        Assert.Equal("430000", Router.Route([Default, EmbezzlementToCity, hunanTeam], Hengnan, "staff-embezzlement").QueueRegionCode);
        // The rule does not reach outside its scope: a Guangdong report keeps the default.
        Assert.Equal("440106", Router.Route([Default, hunanTeam], Regions.Lineage("440106"), "other").QueueRegionCode);
    }

    [Fact]
    public void NoRuleOrOnlyDisabledRules_SendToTheProvince_NeverNowhere()
    {
        Assert.Equal("430000", Router.Route([], Hengnan, "other").QueueRegionCode);
        var disabled = new RoutingRule { Id = 4, Name = "off", Target = RoutingTarget.OwnCounty, Enabled = false };
        Assert.Equal(new RoutingDecision("430000", null, null), Router.Route([disabled], Hengnan, "other"));
    }

    [Fact]
    public void AReportFiledAtCityLevel_StaysWithTheCity_ForACountyRule()
    {
        Assert.Equal("430400", Router.Route([Default], Regions.Lineage("430400"), "other").QueueRegionCode);
        Assert.Equal("430000", Router.Route([Default], Regions.Lineage("430000"), "other").QueueRegionCode);
    }
}

public sealed class PriorityScorerTests
{
    private static readonly PriorityRule[] Rules =
    [
        new() { Id = 1, Name = "deceased", Condition = PriorityCondition.TextContainsAny, Parameter = "死亡|已故|deceased", Points = 30 },
        new() { Id = 2, Name = "amount", Condition = PriorityCondition.AmountAtLeast, Parameter = "100000", Points = 20 },
        new() { Id = 3, Name = "cards", Condition = PriorityCondition.CardsAtLeast, Parameter = "10", Points = 20 },
        new() { Id = 4, Name = "real-name", Condition = PriorityCondition.RealName, Points = 10 },
        new() { Id = 5, Name = "ss staff", Condition = PriorityCondition.NamesUnitMatching, Parameter = "社保|人社", Points = 25 },
        new() { Id = 6, Name = "repeated", Condition = PriorityCondition.RepeatedPerson, Parameter = "2", Points = 15 },
        new() { Id = 7, Name = "disabled", Condition = PriorityCondition.RealName, Points = 99, Enabled = false },
    ];

    [Fact]
    public void EveryMatchingRule_ContributesItsPoints_WithAReason()
    {
        var facts = new PriorityFacts("900多张已故人员的社保卡仍在领取养老金", 17_000_000m, 900, IsAnonymous: false, ["衡南县人社局农保中心"], 2);
        var items = PriorityScorer.Score(Rules, facts);
        Assert.Equal([1, 2, 3, 4, 5, 6], items.Select(i => i.RuleId));
        Assert.Equal(120, items.Sum(i => i.Points));
        Assert.Equal("“已故”", items[0].Reason);
        Assert.Equal("衡南县人社局农保中心", items.Single(i => i.RuleId == 5).Reason);
    }

    [Fact]
    public void NothingMatching_ScoresZero()
    {
        var facts = new PriorityFacts("某人多领了补贴", 500m, 1, IsAnonymous: true, ["某村委会"], 1);
        Assert.Empty(PriorityScorer.Score(Rules, facts));
    }

    [Fact]
    public void ThresholdsAreInclusive_AndUnknownAmountsDoNotCount()
    {
        Assert.Single(PriorityScorer.Score([Rules[1]], new PriorityFacts("", 100_000m, null, true, [], 0)));
        Assert.Empty(PriorityScorer.Score([Rules[1]], new PriorityFacts("", 99_999.99m, null, true, [], 0)));
        Assert.Empty(PriorityScorer.Score([Rules[1], Rules[2]], new PriorityFacts("", null, null, true, [], 0)));
    }

    [Theory]
    [InlineData(PriorityCondition.AmountAtLeast, "100000", true)]
    [InlineData(PriorityCondition.AmountAtLeast, "lots", false)]
    [InlineData(PriorityCondition.AmountAtLeast, "-5", false)]
    [InlineData(PriorityCondition.TextContainsAny, " | ", false)]
    [InlineData(PriorityCondition.TextContainsAny, "死亡|已故", true)]
    [InlineData(PriorityCondition.RealName, null, true)]
    public void Parameters_AreCheckedForTheirCondition(PriorityCondition condition, string? parameter, bool valid) =>
        Assert.Equal(valid, PriorityScorer.IsValidParameter(condition, parameter));
}

public sealed class ConflictCheckerTests
{
    private static readonly Guid Li = Guid.NewGuid(), Zhao = Guid.NewGuid(), Wang = Guid.NewGuid(), NoUnit = Guid.NewGuid();

    private static readonly StaffIdentity[] Staff =
    [
        new(Li, "李 明", "衡南县人社局"),
        new(Zhao, "赵强", "衡阳市人社局稽核科"),
        new(Wang, "王芳", "省纪委"),
        new(NoUnit, null, null),
    ];

    [Fact]
    public void ANamedPerson_ExcludesTheStaffMemberOfThatName()
    {
        var found = ConflictChecker.Find(Staff, [new NamedParty("李明", null)]);
        Assert.Equal(Li, Assert.Single(found).UserId);
    }

    [Fact]
    public void ANamedUnit_ExcludesItsStaff_AndStaffOfAUnitContainingIt()
    {
        var found = ConflictChecker.Find(Staff, [new NamedParty("张某", "衡南县人社局农保中心")]);
        Assert.Equal(Li, Assert.Single(found).UserId);
        Assert.StartsWith("unit:", found[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortOrMissingValues_ExcludeNobody()
    {
        Assert.Empty(ConflictChecker.Find(Staff, [new NamedParty(null, "人社"), new NamedParty("", "")]));
    }

    [Fact]
    public void FullWidthAndSpacing_DoNotHideAMatch()
    {
        var found = ConflictChecker.Find([new StaffIdentity(Wang, "Wang Fang", "ABC Office")], [new NamedParty("ＷＡＮＧ　ＦＡＮＧ", null)]);
        Assert.Single(found);
    }
}
