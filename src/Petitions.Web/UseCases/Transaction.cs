using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Web.UseCases;

/// <summary>
/// One use case, one transaction: the change, its audit entry and any outbox rows commit together or not at
/// all. The work runs inside the retrying execution strategy (a transient failure replays all of it, loading
/// included), and commits only when it succeeded; a refused outcome rolls back whatever it had staged.
/// </summary>
public sealed class Transaction(AppDbContext db)
{
    public Task<Outcome> RunAsync(Func<CancellationToken, Task<Outcome>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var outcome = await work(token);
            if (outcome.Succeeded)
            {
                await tx.CommitAsync(token);
            }
            else
            {
                await tx.RollbackAsync(token);
                db.ChangeTracker.Clear();
            }
            return outcome;
        });
}
