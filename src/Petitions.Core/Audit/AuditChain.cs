using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Petitions.Core.Audit;

public enum AuditAction
{
    SignIn,
    SignInFailed,
    ViewReport,
    RevealIdentity,
    ReportAction,
    Download,
    RuleChanged,
    AccountChanged,
    /// <summary>A reporter's reply, review request or withdrawal (no actor: the reporter is never identified here).</summary>
    ReporterAction,
    /// <summary>An officer asked to see a real-name reporter's identity (with the reason).</summary>
    RevealRequested,
    /// <summary>A second person approved or refused such a request.</summary>
    RevealDecided,
    /// <summary>A re-examination campaign was created or launched.</summary>
    Campaign,
    /// <summary>Statistics or a campaign's figures were exported (CSV or XLSX); not an attachment.</summary>
    Export,
    /// <summary>A register (a pension roll, a payment ledger, a death register) was imported or deleted.</summary>
    RegisterImported,
    /// <summary>The matching ran over the registers (how many hits it found or refreshed).</summary>
    MatchingRun,
    /// <summary>A reward proposed, decided, claimed, its claim seen, or its payment recorded.</summary>
    Reward,
}

/// <summary>One entry of the append-only audit log. <see cref="Hash"/> covers the previous entry's hash.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public AuditAction Action { get; set; }
    public Guid? ReportId { get; set; }
    /// <summary>What happened, in words an auditor reads (an action name, a reason); never report text.</summary>
    public string Detail { get; set; } = "";
    public required byte[] PreviousHash { get; set; }
    public required byte[] Hash { get; set; }
}

/// <summary>The hash chain: each entry's hash is SHA-256 over the previous hash and the entry's fields.</summary>
public static class AuditChain
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Compute(byte[] previousHash, long id, DateTimeOffset at, Guid? actorId, AuditAction action, Guid? reportId, string detail)
    {
        // Unambiguous: fixed order, a separator that cannot occur in the fields' text forms except Detail, which is last.
        var text = string.Join('\u001f',
            id.ToString(CultureInfo.InvariantCulture),
            at.UtcTicks.ToString(CultureInfo.InvariantCulture),
            actorId?.ToString("N") ?? "-",
            action.ToString(),
            reportId?.ToString("N") ?? "-",
            detail);
        var bytes = Encoding.UTF8.GetBytes(text);
        var buffer = new byte[previousHash.Length + bytes.Length];
        previousHash.CopyTo(buffer, 0);
        bytes.CopyTo(buffer, previousHash.Length);
        return SHA256.HashData(buffer);
    }

    public static byte[] Compute(AuditEntry e) => Compute(e.PreviousHash, e.Id, e.At, e.ActorId, e.Action, e.ReportId, e.Detail);

    /// <summary>Checks entries in id order, continuing from <paramref name="previous"/>; the first broken id, or null.</summary>
    public static long? FirstBroken(IEnumerable<AuditEntry> entries, ref byte[] previous)
    {
        foreach (var e in entries)
        {
            if (!e.PreviousHash.AsSpan().SequenceEqual(previous) || !Compute(e).AsSpan().SequenceEqual(e.Hash))
            {
                return e.Id;
            }
            previous = e.Hash;
        }
        return null;
    }
}
