using System.Text;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Petitions.Core.Audit;
using Petitions.Core.Matching;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Data;
using Petitions.Web.Infrastructure;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Matching;

public sealed class RegisterOptions
{
    public const string Section = "Registers";

    /// <summary>How long an import and its rows are kept before they are purged (records of people who reported nothing).</summary>
    [Range(1, 3650)] public int KeepDays { get; set; } = 400;

    /// <summary>The most problems listed for a refused file (the rest are counted).</summary>
    [Range(1, 100_000)] public int MaxProblemsListed { get; set; } = 1000;
}

/// <summary>The result of an import: the import, or the problems that refused it (none stored), or the earlier import of the same file.</summary>
public sealed record ImportResult(RegisterImport? Import, IReadOnlyList<RowProblem> Problems, int ProblemCount, RegisterImport? Duplicate);

/// <summary>
/// Imports a register file all or nothing. The file is copied aside while its SHA-256 is computed (the same file twice
/// is refused), read once to check the header and every row, and, only when nothing is wrong, read again into
/// PostgreSQL's binary COPY inside one transaction with its audit entry. Rows are never held in memory together.
/// </summary>
public sealed class RegisterImporter(AppDbContext db, Transaction transaction, AuditLog audit, RegisterSealing sealing, RegionCatalogue regions,
    TimeLimitPolicy policy, TimeProvider clock, IOptions<RegisterOptions> options, IWorkQueue work, IConfiguration configuration)
{
    private const string Copy = """
        COPY register_entries ("ImportId", "Source", "Line", "PersonNumber", "Name", "IdHash", "IdSealed", "Sex", "BirthDate", "Region",
            "CardHash", "CardSealed", "PhoneHash", "PhoneSealed", "MonthlyAmount", "Period", "Amount", "PaymentKind", "PaidOn", "Approver", "EventDate",
            "Status", "Reason", "EndDate", "WithdrawnAt", "Terminal", "AddressHash", "AddressSealed")
        FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>A payment ledger's rows go to their own narrow table (<see cref="RegisterPayment"/>).</summary>
    private const string CopyPayments = """
        COPY register_payments ("ImportId", "Line", "PersonNumber", "CardHash", "Period", "Amount", "PaymentKind", "PaidOn", "Approver")
        FROM STDIN (FORMAT BINARY)
        """;

    public async Task<ImportResult> ImportAsync(RegisterSource source, string fileName, Stream content, Guid? by, CancellationToken ct)
    {
        var path = Path.GetTempFileName();
        try
        {
            byte[] sha;
            // One pass over the file as it arrives: copied aside, hashed, and checked for valid UTF-8 (else GB18030).
            var utf8 = new RegisterFile.Utf8Check();
            await using (var copy = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    utf8.Add(buffer.AsSpan(0, read));
                    await copy.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                sha = hash.GetHashAndReset();
            }
            var encoding = utf8.Result();
            if (await db.RegisterImports.AsNoTracking().FirstOrDefaultAsync(i => i.Sha256 == sha, ct) is { } earlier)
            {
                return new(null, [], 0, earlier);
            }
            var now = clock.GetUtcNow();
            var import = new RegisterImport
            {
                Id = Guid.NewGuid(), Source = source, FileName = DisplayNames.Sanitize(fileName, null), Sha256 = sha,
                ImportedById = by, ImportedAt = now, ExpiresAt = now.AddDays(options.Value.KeepDays),
            };
            Checked result = new([], 0, 0);
            await transaction.RunAsync(async token =>
            {
                db.RegisterImports.Add(import);
                await db.SaveChangesAsync(token);
                var remembered = await db.RegisterHeaderMaps.AsNoTracking().Where(m => m.Source == source)
                    .ToDictionaryAsync(m => m.Header, m => m.Field, token);
                result = await CopyCheckedAsync(source, path, encoding, import.Id, remembered, token);
                if (result.Count > 0)
                {
                    // Rolled back: nothing of a refused file stays.
                    return Outcome.Invalid("Upload", "Registers.Refused", result.Count);
                }
                import.Rows = result.Rows;
                await db.SaveChangesAsync(token);
                await audit.AppendAsync(by, AuditAction.RegisterImported, null, $"register {source}: {import.FileName}, {result.Rows} rows, sha256 {Convert.ToHexStringLower(sha)[..16]}", token);
                return Outcome.Done("Registers.Imported");
            }, ct);
            if (result.Count > 0)
            {
                return new(null, result.Listed, result.Count, null);
            }
            await SettleAsync(source == RegisterSource.PaymentLedger ? "register_payments" : "register_entries", ct);
            work.MatchingOwed();
            return new(import, [], 0, null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// A bulk load leaves the planner's statistics behind, and its rows unmarked as visible to all: the run that follows
    /// would plan its joins for an empty register, set every new row's hint bits as it reads them, and share the machine
    /// with autovacuum doing the same (a province's first run took 25 % longer). So the import settles its table itself,
    /// VACUUM (ANALYZE), as the role that owns it (the site's own role owns nothing and may not): only the pages the load
    /// added are visited, about 15 s for 24 million payments, a fraction of a second for a month's.
    /// </summary>
    private async Task SettleAsync(string table, CancellationToken ct)
    {
        await using var owner = new NpgsqlConnection(configuration.OwnerConnectionString());
        await owner.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"VACUUM (ANALYZE) {table}", owner) { CommandTimeout = 3600 };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Deletes every import past its keeping period, with its rows, in one transaction with its audit entry.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        var purged = 0;
        await transaction.RunAsync(async token =>
        {
            var now = clock.GetUtcNow();
            // The rows first (no foreign key ties them to their import: a per-row check would halve a bulk import's
            // speed), then the imports, in one transaction; links to the rows go with them.
            var expired = db.RegisterImports.Where(i => i.ExpiresAt <= now).Select(i => i.Id);
            await db.RegisterEntries.Where(e => expired.Contains(e.ImportId)).ExecuteDeleteAsync(token);
            await db.Database.ExecuteSqlAsync($"DELETE FROM register_payments WHERE \"ImportId\" IN (SELECT \"Id\" FROM register_imports WHERE \"ExpiresAt\" <= {now})", token);
            purged = await db.RegisterImports.Where(i => i.ExpiresAt <= now).ExecuteDeleteAsync(token);
            if (purged > 0)
            {
                await audit.AppendAsync(null, AuditAction.RegisterImported, null, $"register imports purged: {purged}", token);
            }
            return Outcome.Done("Registers.Purged");
        }, ct);
        return purged;
    }

    private sealed record Checked(List<RowProblem> Listed, int Count, int Rows);

    /// <summary>
    /// One pass: the header, then every row checked and, while none was wrong, written to the binary COPY. At the first
    /// problem the COPY is abandoned (the caller rolls back) and the rest is only checked, so the whole file's problems
    /// are listed (at most <see cref="RegisterOptions.MaxProblemsListed"/>, all counted).
    /// </summary>
    private async Task<Checked> CopyCheckedAsync(RegisterSource source, string path, Encoding encoding, Guid importId, IReadOnlyDictionary<string, RegisterField?> remembered,
        CancellationToken ct)
    {
        var listed = new List<RowProblem>();
        var count = 0;
        var rows = 0;
        void Add(RowProblem p)
        {
            count++;
            if (listed.Count < options.Value.MaxProblemsListed)
            {
                listed.Add(p);
            }
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var rowWriter = new RegisterRowWriter(sealing);
        NpgsqlBinaryImporter? writer = null;
        try
        {
            Dictionary<int, (RegisterField Field, string Column)>? columns = null;
            var values = new Dictionary<RegisterField, (string Column, string Value)>();
            var today = policy.LocalDay(clock.GetUtcNow());
            foreach (var (line, cells) in RegisterFile.Rows(path, encoding))
            {
                if (columns is null)
                {
                    columns = RegisterColumns.Header(source, cells, remembered, Add);
                    if (count > 0)
                    {
                        return new(listed, count, 0);
                    }
                    writer = await connection.BeginBinaryImportAsync(source == RegisterSource.PaymentLedger ? CopyPayments : Copy, ct);
                    continue;
                }
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                rows++;
                var (r, problems) = RegisterRow.Check(source, line, RegisterColumns.Values(columns, cells, values), regions, today);
                problems.ForEach(Add);
                if (count > 0)
                {
                    if (writer is not null)
                    {
                        // Abandons the COPY (the transaction is rolled back by the caller).
                        await writer.DisposeAsync();
                        writer = null;
                    }
                    continue;
                }
                rowWriter.Write(writer!, source, importId, line, r);
            }
            if (columns is null)
            {
                Add(new RowProblem(1, "", RowProblemKind.MissingColumn));
            }
            if (writer is not null && count == 0)
            {
                await writer.CompleteAsync(ct);
            }
            return new(listed, count, rows);
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }
}
