namespace Petitions.Testing;

/// <summary>
/// The site's clock in tests: real time until a test sets it, then frozen where it was set (and moved on
/// by <see cref="Advance"/>). Reset puts it back on real time.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? _frozen;

    public override DateTimeOffset GetUtcNow() => _frozen ?? System.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Set(DateTimeOffset now) => _frozen = now;

    public void Advance(TimeSpan by) => _frozen = GetUtcNow() + by;

    public void Release() => _frozen = null;
}
