using Microsoft.EntityFrameworkCore;
using Petitions.Core.Reports;
using Petitions.Data;

namespace Petitions.Web.Services;

/// <summary>
/// The kinds a reporter may choose, read from the database at most once a minute. The filing form shows
/// them and the form post checks against them on every submission, so neither waits on a query; a kind
/// switched off in the database leaves the form within a minute.
/// </summary>
public sealed class ReportKindCatalogue(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private volatile Snapshot? _current;

    /// <summary>Requests arriving together as the minute runs out may each read the kinds once: harmless.</summary>
    public async Task<IReadOnlyList<ReportKind>> EnabledAsync(CancellationToken ct = default)
    {
        if (_current is { } current && clock.GetUtcNow() < current.Until)
        {
            return current.Kinds;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var kinds = await db.ReportKinds.AsNoTracking().Where(k => k.Enabled).OrderBy(k => k.SortOrder).ToListAsync(ct);
        _current = new Snapshot(kinds, clock.GetUtcNow().Add(Lifetime));
        return kinds;
    }

    public async Task<bool> IsEnabledAsync(string code, CancellationToken ct = default) =>
        (await EnabledAsync(ct)).Any(k => k.Code == code);

    /// <summary>The legal regime reports of this kind follow (Letters and Visits for a kind not enabled).</summary>
    public async Task<string> RegimeOfAsync(string code, CancellationToken ct = default) =>
        (await EnabledAsync(ct)).FirstOrDefault(k => k.Code == code)?.RegimeCode ?? Core.Policy.LegalRegime.LettersAndVisits;

    /// <summary>Reads the kinds again on next use (tests, after resetting the database).</summary>
    public void Forget() => _current = null;

    private sealed record Snapshot(IReadOnlyList<ReportKind> Kinds, DateTimeOffset Until);
}
