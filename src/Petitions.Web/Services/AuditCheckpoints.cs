using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Petitions.Data;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Services;

public sealed class AuditCheckpointOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// Where checkpoints are appended, outside the database (empty: to the log only). Ship the file, or the log, to a
    /// place the site's host cannot rewrite (a log server, write-once storage): that copy is what the chain is checked against.
    /// </summary>
    public string CheckpointFile { get; set; } = "";
}

/// <summary>A checkpoint: the audit chain had reached entry <paramref name="Id"/> with <paramref name="Hash"/> at <paramref name="At"/>.</summary>
public sealed record AuditCheckpoint(DateTimeOffset At, long Id, byte[] Hash);

/// <summary>A checkpoint line that does not agree with the database, or could not be trusted.</summary>
public sealed record CheckpointProblem(int Line, long? Id, DateTimeOffset? At, CheckpointProblemKind Kind);

public enum CheckpointProblemKind
{
    /// <summary>The line's key does not match: not written by this site.</summary>
    Forged,
    /// <summary>The entry the checkpoint names is gone (the chain was cut back).</summary>
    Missing,
    /// <summary>The entry is there with another hash: the chain up to it was rewritten, however consistently.</summary>
    Rewritten,
}

/// <summary>
/// Anchors the hash chain outside the database. The chain alone shows an edit only if the editor did not recompute the
/// hashes after it; whoever holds the database connection can recompute them all. Every few minutes the chain's last
/// entry and hash are written, with a key the database never sees (derived from the access-key secret), to a file and
/// to the log. <c>./petitions audit-verify</c> then checks each checkpoint's key and that the database still has that
/// entry with that hash: a rewrite, consistent or not, before a checkpoint no longer matches it.
/// </summary>
public sealed partial class AuditCheckpoints(AppDbContext db, IOptions<PetitionsOptions> petitions, IOptions<AuditCheckpointOptions> options,
    TimeProvider clock, ILogger<AuditCheckpoints> logger)
{
    private const string Mark = "petitions-audit-checkpoint v1";
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(petitions.Value.AccessKeySecret), 32, info: "audit-checkpoint-v1"u8.ToArray());

    /// <summary>Writes a checkpoint of the chain's last entry (none for an empty log, nor twice for the same entry).</summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(ct);
        if (last is null || (await ReadAsync(ct)).LastOrDefault() is { Checkpoint.Id: var id } && id == last.Id)
        {
            return null;
        }
        var checkpoint = new AuditCheckpoint(clock.GetUtcNow(), last.Id, last.Hash);
        var line = Format(checkpoint);
        if (options.Value.CheckpointFile is { Length: > 0 } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(Encoding.ASCII.GetBytes(line + "\n"), ct);
            file.Flush(flushToDisk: true);
        }
        logger.LogInformation("{AuditCheckpoint}", line);
        return checkpoint;
    }

    /// <summary>Checks every checkpoint of the file (or of the given lines, such as a log export) against the database.</summary>
    public async Task<(int Matching, IReadOnlyList<CheckpointProblem> Problems)> VerifyAsync(IEnumerable<string>? lines, CancellationToken ct)
    {
        var problems = new List<CheckpointProblem>();
        var matching = 0;
        foreach (var (number, checkpoint) in lines is null ? await ReadAsync(ct) : Parse(lines))
        {
            if (checkpoint is null)
            {
                problems.Add(new(number, null, null, CheckpointProblemKind.Forged));
                continue;
            }
            var hash = await db.AuditEntries.AsNoTracking().Where(a => a.Id == checkpoint.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct);
            if (hash is null)
            {
                problems.Add(new(number, checkpoint.Id, checkpoint.At, CheckpointProblemKind.Missing));
            }
            else if (!hash.AsSpan().SequenceEqual(checkpoint.Hash))
            {
                problems.Add(new(number, checkpoint.Id, checkpoint.At, CheckpointProblemKind.Rewritten));
            }
            else
            {
                matching++;
            }
        }
        return (matching, problems);
    }

    private string Format(AuditCheckpoint c)
    {
        var body = $"{Mark} {c.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)} {c.Id} {Convert.ToHexStringLower(c.Hash)}";
        return body + " " + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body)));
    }

    private async Task<List<(int Line, AuditCheckpoint? Checkpoint)>> ReadAsync(CancellationToken ct) =>
        options.Value.CheckpointFile is { Length: > 0 } path && File.Exists(path) ? Parse(await File.ReadAllLinesAsync(path, ct)) : [];

    /// <summary>Checkpoint lines anywhere in the text (a log line carries its own prefix); a line whose key fails is null.</summary>
    private List<(int Line, AuditCheckpoint? Checkpoint)> Parse(IEnumerable<string> lines)
    {
        var found = new List<(int, AuditCheckpoint?)>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (!line.Contains(Mark, StringComparison.Ordinal))
            {
                continue;
            }
            var match = CheckpointLine().Match(line);
            AuditCheckpoint? checkpoint = null;
            if (match.Success && DateTimeOffset.TryParse(match.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                && long.TryParse(match.Groups["id"].Value, CultureInfo.InvariantCulture, out var id))
            {
                var candidate = new AuditCheckpoint(at, id, Convert.FromHexString(match.Groups["hash"].Value));
                // The key is checked on the line as written, so a changed time, id or hash fails it.
                var body = $"{Mark} {match.Groups["at"].Value} {id} {match.Groups["hash"].Value}";
                var mac = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body));
                checkpoint = CryptographicOperations.FixedTimeEquals(mac, Convert.FromHexString(match.Groups["mac"].Value)) ? candidate : null;
            }
            found.Add((number, checkpoint));
        }
        return found;
    }

    [GeneratedRegex(@"petitions-audit-checkpoint v1 (?<at>\S+) (?<id>\d{1,19}) (?<hash>[0-9a-f]{64}) (?<mac>[0-9a-f]{64})")]
    private static partial Regex CheckpointLine();
}
