using Microsoft.Extensions.DependencyInjection;
using Petitions.Data;

namespace Petitions.Testing;

/// <summary>A scoped DbContext for assertions on what the site stored.</summary>
public interface IDbContextFactoryLike
{
    DbScope Open();
}

public sealed class DbScope(IServiceScope scope) : IAsyncDisposable
{
    public AppDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<AppDbContext>();

    public ValueTask DisposeAsync()
    {
        scope.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed class DbAccess(IServiceScopeFactory scopes) : IDbContextFactoryLike
{
    public DbScope Open() => new(scopes.CreateScope());
}

public static class DbQueries
{
    /// <summary>Runs a query in a fresh scope, as another request would see the database.</summary>
    public static async Task<T> QueryAsync<T>(this PetitionsFactory factory, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = factory.Service<IDbContextFactoryLike>().Open();
        return await query(scope.Db);
    }
}
