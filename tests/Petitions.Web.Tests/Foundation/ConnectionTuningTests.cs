using Npgsql;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Tests.Foundation;

public sealed class ConnectionTuningTests
{
    [Fact]
    public void SiteConnections_SkipTheResetOnReuse_UnlessTheOperatorSaysOtherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DataSetup.Tuned("Host=db;Database=petitions;Username=site"));
        Assert.True(tuned.NoResetOnClose);
        // Not auto-prepared: generic plans slowed the triage's similarity queries.
        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.Equal("db", tuned.Host);

        var operators = new NpgsqlConnectionStringBuilder(DataSetup.Tuned("Host=db;Database=petitions;Max Auto Prepare=20;No Reset On Close=false"));
        Assert.False(operators.NoResetOnClose);
        Assert.Equal(20, operators.MaxAutoPrepare);
    }
}
