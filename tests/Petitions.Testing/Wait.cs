namespace Petitions.Testing;

/// <summary>Waiting for a condition with a timeout, never for a fixed time.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout) =>
        await UntilAsync(() => Task.FromResult(condition()), timeout);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Condition not met within {timeout.TotalSeconds:F1} s.");
            }
            await Task.Yield();
            try
            {
                // Polling interval, not a sleep for an outcome: the loop re-checks the condition.
                await Task.Delay(10, cts.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
