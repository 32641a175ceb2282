using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Matching;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Matching;

/// <summary>
/// Remembers what an analyst said a file's unknown headers mean, per source, for every later file of that source: a
/// field the source has, or a column to leave out. Saved with its audit entry; a header saved again takes the new meaning.
/// </summary>
public sealed class RegisterHeaders(AppDbContext db, Transaction transaction, AuditLog audit, TimeProvider clock)
{
    public const int MaxHeaders = 50;

    public Task<Outcome> SaveAsync(RegisterSource source, IReadOnlyList<(string Header, RegisterField? Field)> meanings, Guid by, CancellationToken ct)
    {
        var wanted = meanings.Where(m => !string.IsNullOrWhiteSpace(m.Header) && RegisterLayout.KeyOf(m.Header).Length is > 0 and <= 100)
            .Take(MaxHeaders).ToList();
        if (wanted.Count == 0 || wanted.Any(m => m.Field is { } f && !RegisterLayout.Accepts(source, f)))
        {
            return Task.FromResult(Outcome.Invalid("Headers", "Registers.Map.Invalid"));
        }
        return transaction.RunAsync(async token =>
        {
            var now = clock.GetUtcNow();
            foreach (var (header, field) in wanted)
            {
                var key = RegisterLayout.KeyOf(header);
                var map = await db.RegisterHeaderMaps.SingleOrDefaultAsync(m => m.Source == source && m.Header == key, token);
                if (map is null)
                {
                    db.RegisterHeaderMaps.Add(map = new RegisterHeaderMap { Source = source, Header = key });
                }
                (map.Field, map.SavedById, map.SavedAt) = (field, by, now);
            }
            await db.SaveChangesAsync(token);
            await audit.AppendAsync(by, AuditAction.RegisterImported, null, $"register headers {source}: {wanted.Count} mapped", token);
            return Outcome.Done("Registers.Map.Saved", wanted.Count);
        }, ct);
    }
}
