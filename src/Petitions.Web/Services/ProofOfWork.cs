using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Services;

/// <summary>
/// ALTCHA proof of work (the v1 challenge format, which the npm widget solves in a worker): the
/// browser finds the number n with SHA-256(salt + n) = challenge; the signature proves the server
/// issued the challenge, the salt carries its expiry. No cookie, no tracking, no third party.
/// The registries hold no .NET verifier for ALTCHA, so this is the whole protocol.
/// </summary>
public sealed class ProofOfWork(IOptions<PetitionsOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(options.Value.AccessKeySecret), 32, info: "altcha-v1"u8.ToArray());
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private long _nextSweep;

    public int MaxNumber { get; } = options.Value.ProofOfWorkMaxNumber;

    public Challenge Create()
    {
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + "?expires=" + expires.ToString(CultureInfo.InvariantCulture);
        var number = RandomNumberGenerator.GetInt32(0, MaxNumber + 1);
        var challenge = Hash(salt, number);
        return new Challenge("SHA-256", challenge, MaxNumber, salt, Sign(challenge));
    }

    /// <summary>True for a solved, unexpired, unused challenge that this server signed; spends it (one solution, one submission).</summary>
    public bool Verify(string? payload) => IsSolved(payload, out var challenge, out var expires) && _used.TryAdd(challenge, expires);

    /// <summary>
    /// True for a solved, unexpired, unused challenge, without spending it: a form refused for another reason keeps its
    /// solution, so the reporter does not solve it again after fixing a field.
    /// </summary>
    public bool IsSolved(string? payload) => IsSolved(payload, out _, out _);

    private bool IsSolved(string? payload, out string challenge, out DateTimeOffset expiresAt)
    {
        challenge = "";
        expiresAt = default;
        if (string.IsNullOrEmpty(payload) || payload.Length > 2000)
        {
            return false;
        }
        Solution? solution;
        try
        {
            solution = JsonSerializer.Deserialize<Solution>(Convert.FromBase64String(payload));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
        if (solution is null || solution.Algorithm != "SHA-256" || solution.Salt is null || solution.Challenge is null || solution.Signature is null)
        {
            return false;
        }
        var now = clock.GetUtcNow();
        var query = solution.Salt.Split('?', 2);
        if (query.Length != 2 || !query[1].StartsWith("expires=", StringComparison.Ordinal)
            || !long.TryParse(query[1]["expires=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || DateTimeOffset.FromUnixTimeSeconds(expires) < now)
        {
            return false;
        }
        var ok = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(solution.Challenge)), Encoding.ASCII.GetBytes(solution.Signature))
            && Hash(solution.Salt, solution.Number) == solution.Challenge;
        if (!ok)
        {
            return false;
        }
        // Expired solutions are refused above, so forgetting them is safe; the sweep runs at most once a minute.
        SweepExpired(now);
        challenge = solution.Challenge;
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires);
        return !_used.ContainsKey(challenge);
    }

    private void SweepExpired(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweep, now.Add(SweepEvery).UtcTicks, due) != due)
        {
            return;
        }
        foreach (var (key, until) in _used)
        {
            if (until < now)
            {
                _used.TryRemove(key, out _);
            }
        }
    }

    /// <summary>
    /// The way without script: a signed form token that becomes valid <see cref="PetitionsOptions.NoScriptWaitSeconds"/>
    /// after it was issued (the page says when) and stays valid for a few hours; spent once, like a solution.
    /// </summary>
    public string IssueWaitToken()
    {
        var body = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        return body + "." + Sign("wait:" + body);
    }

    /// <summary>When a token this server issued (and nobody spent) becomes valid; null for anything else or an expired token.</summary>
    public DateTimeOffset? WaitTokenReadyAt(string? token)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var issued) || issued > 1L << 40
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign("wait:" + parts[0] + "." + parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(issued);
        return issuedAt + WaitLifetime < clock.GetUtcNow() || _used.ContainsKey("wait:" + parts[1])
            ? null
            : issuedAt.AddSeconds(options.Value.NoScriptWaitSeconds);
    }

    /// <summary>True when the token is valid now; spends it.</summary>
    public bool SpendWaitToken(string? token) =>
        WaitTokenReadyAt(token) is { } ready && ready <= clock.GetUtcNow()
        && _used.TryAdd("wait:" + token!.Split('.')[1], clock.GetUtcNow() + WaitLifetime);

    private static readonly TimeSpan WaitLifetime = TimeSpan.FromHours(3);

    /// <summary>Where an anonymous form stands: solved (script), waited long enough (no script), still waiting, or neither.</summary>
    public AnonymousProof Check(string? altcha, string? waitToken) =>
        IsSolved(altcha) ? AnonymousProof.Solved
        : WaitTokenReadyAt(waitToken) is { } ready ? (ready <= clock.GetUtcNow() ? AnonymousProof.Waited : AnonymousProof.Waiting)
        : AnonymousProof.Missing;

    /// <summary>Spends whichever proof the form carries (the solution first); false when neither is valid.</summary>
    public bool Spend(string? altcha, string? waitToken) => IsSolved(altcha) ? Verify(altcha) : SpendWaitToken(waitToken);

    public static string Hash(string salt, long number) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + number.ToString(CultureInfo.InvariantCulture))));

    private string Sign(string challenge) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(challenge)));

    public enum AnonymousProof
    {
        Solved,
        Waited,
        Waiting,
        Missing,
    }

    public sealed record Challenge(
        [property: JsonPropertyName("algorithm")] string Algorithm,
        [property: JsonPropertyName("challenge")] string ChallengeHash,
        [property: JsonPropertyName("maxnumber")] int MaxNumber,
        [property: JsonPropertyName("salt")] string Salt,
        [property: JsonPropertyName("signature")] string Signature);

    private sealed record Solution(
        [property: JsonPropertyName("algorithm")] string? Algorithm,
        [property: JsonPropertyName("challenge")] string? Challenge,
        [property: JsonPropertyName("number")] long Number,
        [property: JsonPropertyName("salt")] string? Salt,
        [property: JsonPropertyName("signature")] string? Signature);
}
