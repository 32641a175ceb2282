using Npgsql;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Tests.Foundation;

public sealed class ConnectionTuningTests
{
    [Fact]
    public void SiteConnections_KeepPreparedStatements_UnlessTheOperatorSaysOtherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DataSetup.Tuned("Host=db;Database=petitions;Username=site"));
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal("db", tuned.Host);

        var operators = new NpgsqlConnectionStringBuilder(DataSetup.Tuned("Host=db;Database=petitions;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.False(operators.NoResetOnClose);
        Assert.Equal(0, operators.MaxAutoPrepare);
    }
}
