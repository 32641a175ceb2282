using Petitions.Core.Policy;

namespace Petitions.Web.UseCases;

/// <summary>The clock and the time-limit policy together, for use cases that need both.</summary>
public sealed class TimePolicyClock(TimeProvider time, TimeLimitPolicy policy)
{
    public DateTimeOffset Now => time.GetUtcNow();
    public TimeLimitPolicy Policy => policy;
}
