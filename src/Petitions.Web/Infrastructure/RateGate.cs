using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Petitions.Web.Infrastructure;

/// <summary>What a post is for; each purpose has its own budget per client.</summary>
public enum RatePurpose
{
    Filing,
    /// <summary>An anonymous report sent without script, on a waited form token.</summary>
    FilingWithoutScript,
    Navigation,
    TrackingKey,
    Reply,
    SignIn,
    Account,
    SecondFactor,
}

/// <summary>
/// Rate limits asked for by the handler itself, so a refusal is the same page with everything typed and a message
/// (status 429), never a bare error page. Clients are told apart by a keyed hash of their address (after the
/// forwarded-headers step, so behind the configured proxies it is the real client): held in memory only, never
/// stored or logged, and unlinkable across restarts. Budgets are per instance.
/// </summary>
public sealed class RateGate(IOptions<RateLimitOptions> options, IMemoryCache memory, TimeProvider clock, PetitionsMetrics metrics)
{
    private static readonly byte[] PartitionKey = RandomNumberGenerator.GetBytes(32);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<(RatePurpose Purpose, string Client)> _limiter =
        PartitionedRateLimiter.Create<(RatePurpose Purpose, string Client), (RatePurpose, string)>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.PermitsFor(k.Item1),
                Window = TimeSpan.FromMinutes(options.Value.WindowMinutes),
                QueueLimit = 0,
            }));

    /// <summary>
    /// The client's key: a hash of its address under a per-process secret. An IPv6 client is its /64 network: one
    /// subscriber is usually given a whole /64, so counting single addresses would give each an endless supply.
    /// </summary>
    public static string ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            bytes = bytes[..8];
        }
        return Convert.ToHexString(HMACSHA256.HashData(PartitionKey, bytes), 0, 8);
    }

    /// <summary>Takes one post from the client's budget for the purpose; false when it is spent.</summary>
    public bool TryPass(RatePurpose purpose, HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire((purpose, ClientOf(context)));
        if (!lease.IsAcquired)
        {
            metrics.RateLimited.Add(1, new KeyValuePair<string, object?>("purpose", purpose.ToString()));
        }
        return lease.IsAcquired;
    }

    /// <summary>How long this client must still wait before checking a key for this number again (zero: go ahead).</summary>
    public TimeSpan KeyWait(HttpContext context, string number) =>
        memory.TryGetValue(KeyFailuresKey(context, number), out KeyFailures? f) && f!.NextAllowed > clock.GetUtcNow()
            ? f.NextAllowed - clock.GetUtcNow() : TimeSpan.Zero;

    /// <summary>
    /// Records a failed check: after the free failures each further try waits twice as long as the one before.
    /// Only this client waits; the reporter, elsewhere, is never locked out by someone guessing.
    /// </summary>
    public void KeyFailed(HttpContext context, string number)
    {
        var key = KeyFailuresKey(context, number);
        var count = (memory.TryGetValue(key, out KeyFailures? f) ? f!.Count : 0) + 1;
        var over = count - options.Value.FreeKeyFailures;
        var wait = over <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(LongestWait.TotalSeconds, Math.Pow(2, Math.Min(over - 1, 20))));
        memory.Set(key, new KeyFailures(count, clock.GetUtcNow() + wait), TimeSpan.FromHours(1));
    }

    public void KeySucceeded(HttpContext context, string number) => memory.Remove(KeyFailuresKey(context, number));

    /// <summary>Wrong passwords for this account from this client so far (within the window).</summary>
    public int SignInFailures(HttpContext context, Guid account) =>
        memory.TryGetValue(SignInKey(context, account), out int count) ? count : 0;

    public bool SignInRefused(HttpContext context, Guid account) => SignInFailures(context, account) >= options.Value.SignInFailuresPerAccount;

    public void SignInFailed(HttpContext context, Guid account) =>
        memory.Set(SignInKey(context, account), SignInFailures(context, account) + 1, TimeSpan.FromMinutes(options.Value.WindowMinutes));

    public void SignInSucceeded(HttpContext context, Guid account) => memory.Remove(SignInKey(context, account));

    private static string KeyFailuresKey(HttpContext context, string number) => $"key-fail:{ClientOf(context)}:{number}";

    private static string SignInKey(HttpContext context, Guid account) => $"signin-fail:{ClientOf(context)}:{account:N}";

    private sealed record KeyFailures(int Count, DateTimeOffset NextAllowed);
}

/// <summary>
/// For simple forms (the account pages): a post over the purpose's budget shows the same page again, with what
/// was typed and a message, and status 429. Pages that must load more to show themselves call <see cref="RateGate"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RateLimitedAttribute(RatePurpose purpose) : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context,
        PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method) && !http.RequestServices.GetRequiredService<RateGate>().TryPass(purpose, http))
        {
            var l = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
            context.ModelState.AddModelError(string.Empty, l["RateLimit.KeepTyped"]);
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Result = new Microsoft.AspNetCore.Mvc.RazorPages.PageResult();
            return;
        }
        await next();
    }
}
