using System.Collections.Concurrent;

namespace Petitions.Benchmarks;

/// <summary>A job that only records that it ran.</summary>
public static class BenchJob
{
    public static readonly ConcurrentDictionary<Guid, bool> Seen = new();

    public static void Run(Guid marker) => Seen[marker] = true;
}
