using Npgsql;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Tests.Foundation;

public sealed class ConnectionTuningTests
{
    [Fact]
    public void SiteConnections_SkipTheResetOnReuse_AndPrepareStatements_ButPlanEachRun_UnlessTheOperatorSaysOtherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DataSetup.Tuned("Host=db;Database=petitions;Username=site"));
        Assert.True(tuned.NoResetOnClose);
        // Parsed once per connection, but planned for each run's own values: generic plans are for triage only.
        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal("-c jit=off -c plan_cache_mode=force_custom_plan", tuned.Options);
        Assert.Equal("db", tuned.Host);

        var operators = new NpgsqlConnectionStringBuilder(DataSetup.Tuned(
            "Host=db;Database=petitions;Max Auto Prepare=20;No Reset On Close=false;Options=-c work_mem=64MB"));
        Assert.False(operators.NoResetOnClose);
        Assert.Equal(20, operators.MaxAutoPrepare);
        Assert.Equal("-c work_mem=64MB -c plan_cache_mode=force_custom_plan", operators.Options);

        var ownPlans = new NpgsqlConnectionStringBuilder(DataSetup.Tuned("Host=db;Options=-c plan_cache_mode=auto"));
        Assert.Equal("-c plan_cache_mode=auto", ownPlans.Options);
    }
}
