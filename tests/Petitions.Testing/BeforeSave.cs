using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Petitions.Testing;

/// <summary>
/// Lets a test act in the moment between a request loading data and saving it (another writer's save, say),
/// once: the next SaveChanges of the site runs <see cref="Once"/> first.
/// </summary>
public sealed class BeforeSave : SaveChangesInterceptor
{
    private Func<Task>? _once;

    public void Once(Func<Task> action) => Interlocked.Exchange(ref _once, action);

    public void Clear() => Interlocked.Exchange(ref _once, null);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _once, null) is { } action)
        {
            await action();
        }
        return result;
    }
}
