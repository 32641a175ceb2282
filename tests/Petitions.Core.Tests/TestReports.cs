using Petitions.Core.Policy;
using Petitions.Core.Reports;

namespace Petitions.Core.Tests;

/// <summary>A freshly submitted report and the default policy, as the domain tests start from.</summary>
internal static class TestReports
{
    public static readonly TimeLimitPolicy Policy = new();
    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    public static Report New(TimeLimitPolicy? policy = null)
    {
        var report = new Report { TrackingNumber = "AAAAA-BBBBB", AccessKeyHash = new byte[32], KindCode = "other", RegionCode = "430422", Description = "x" };
        report.MarkSubmitted(T0, policy ?? Policy);
        return report;
    }

    /// <summary>A staff member in standing, who vouched for nobody and manages no accounts.</summary>
    public static Actor Staff(ActorRole role, Guid id) => new(role, id) { InStanding = true, Vouched = new HashSet<Guid>() };
}
