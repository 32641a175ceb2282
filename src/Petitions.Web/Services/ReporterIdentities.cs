using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Services;

/// <summary>
/// How a real-name reporter is kept apart from their report in storage. The identity they give is encrypted with
/// ASP.NET Core Data Protection, whose keys are in the database but encrypted with the key-protection certificate,
/// which is not; the link to their account is a keyed hash under the site's secret, which is not in the database
/// either. A copy of the database alone therefore reveals neither who filed a report nor any reporter's identity.
/// </summary>
public sealed class ReporterIdentities(IOptions<PetitionsOptions> options, IDataProtectionProvider protection)
{
    public const string Purpose = "Petitions.ReporterIdentity.v1";

    private readonly byte[] _linkKey = SHA256.HashData(Encoding.UTF8.GetBytes("Petitions.ReporterLink.v1\0" + options.Value.AccessKeySecret));
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>The report's link to the account: the same for every report of that account, meaningless without the secret.</summary>
    public byte[] LinkOf(Guid userId) => HMACSHA256.HashData(_linkKey, userId.ToByteArray());

    public string Seal(ReporterIdentity identity) => _protector.Protect(JsonSerializer.Serialize(identity));

    public ReporterIdentity? Open(string? sealedIdentity) =>
        sealedIdentity is null ? null : JsonSerializer.Deserialize<ReporterIdentity>(_protector.Unprotect(sealedIdentity));

    /// <summary>A reward claim (name, identity number, account), sealed with the same keys as an identity.</summary>
    public string SealClaim(Core.Rewards.RewardClaim claim) => _protector.Protect(JsonSerializer.Serialize(claim));

    public Core.Rewards.RewardClaim? OpenClaim(string? sealedClaim) =>
        sealedClaim is null ? null : JsonSerializer.Deserialize<Core.Rewards.RewardClaim>(_protector.Unprotect(sealedClaim));

    /// <summary>
    /// Start-up conversion of reports stored before links were sealed: each clear account id becomes its keyed
    /// hash, and citizens' names leave their accounts (a real-name report carries its own identity). Idempotent.
    /// </summary>
    public async Task SealLegacyAsync(AppDbContext db, CancellationToken ct = default)
    {
        var legacy = await db.Reports.Where(r => r.LegacyReporterId != null).Select(r => new { r.Id, r.LegacyReporterId }).ToListAsync(ct);
        foreach (var row in legacy)
        {
            var link = LinkOf(row.LegacyReporterId!.Value);
            await db.Reports.Where(r => r.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.ReporterKey, link).SetProperty(r => r.LegacyReporterId, (Guid?)null), ct);
        }
        var citizenRole = await db.Roles.Where(r => r.Name == Roles.Citizen).Select(r => r.Id).SingleOrDefaultAsync(ct);
        await db.Users.Where(u => u.DisplayName != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == citizenRole)
                && !db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId != citizenRole))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, (string?)null), ct);
    }
}
