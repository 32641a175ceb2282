using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Petitions.Core.Audit;
using Petitions.Core.Matching;
using Petitions.Core.Policy;
using Petitions.Core.Regions;
using Petitions.Data;
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
    TimeLimitPolicy policy, TimeProvider clock, IOptions<RegisterOptions> options, IWorkQueue work)
{
    private const string Copy = """
        COPY register_entries ("ImportId", "Source", "Line", "PersonNumber", "Name", "IdHash", "IdSealed", "Sex", "BirthDate", "Region",
            "CardHash", "CardSealed", "PhoneHash", "PhoneSealed", "MonthlyAmount", "Period", "Amount", "PaymentKind", "PaidOn", "Approver", "EventDate")
        FROM STDIN (FORMAT BINARY)
        """;

    public async Task<ImportResult> ImportAsync(RegisterSource source, string fileName, Stream content, Guid? by, CancellationToken ct)
    {
        var path = Path.GetTempFileName();
        try
        {
            byte[] sha;
            await using (var copy = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await copy.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                sha = hash.GetHashAndReset();
            }
            if (await db.RegisterImports.AsNoTracking().FirstOrDefaultAsync(i => i.Sha256 == sha, ct) is { } earlier)
            {
                return new(null, [], 0, earlier);
            }
            var (problems, count, rows) = Check(source, path);
            if (count > 0)
            {
                return new(null, problems, count, null);
            }
            var now = clock.GetUtcNow();
            var import = new RegisterImport
            {
                Id = Guid.NewGuid(), Source = source, FileName = DisplayNames.Sanitize(fileName, null), Sha256 = sha, Rows = rows,
                ImportedById = by, ImportedAt = now, ExpiresAt = now.AddDays(options.Value.KeepDays),
            };
            await transaction.RunAsync(async token =>
            {
                db.RegisterImports.Add(import);
                await db.SaveChangesAsync(token);
                await CopyAsync(source, path, import.Id, token);
                await audit.AppendAsync(by, AuditAction.RegisterImported, null, $"register {source}: {import.FileName}, {rows} rows, sha256 {Convert.ToHexStringLower(sha)[..16]}", token);
                return Outcome.Done("Registers.Imported");
            }, ct);
            work.MatchingOwed();
            return new(import, [], 0, null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Deletes every import past its keeping period, with its rows, in one transaction with its audit entry.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        var purged = 0;
        await transaction.RunAsync(async token =>
        {
            var now = clock.GetUtcNow();
            purged = await db.RegisterImports.Where(i => i.ExpiresAt <= now).ExecuteDeleteAsync(token);
            if (purged > 0)
            {
                await audit.AppendAsync(null, AuditAction.RegisterImported, null, $"register imports purged: {purged}", token);
            }
            return Outcome.Done("Registers.Purged");
        }, ct);
        return purged;
    }

    /// <summary>The header, then every row; at most <see cref="RegisterOptions.MaxProblemsListed"/> problems listed, all counted.</summary>
    private (List<RowProblem> Listed, int Count, int Rows) Check(RegisterSource source, string path)
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
        Dictionary<int, (RegisterField Field, string Column)>? columns = null;
        var today = policy.LocalDay(clock.GetUtcNow());
        foreach (var (line, cells) in RegisterFile.Rows(path))
        {
            if (columns is null)
            {
                columns = Header(source, cells, Add);
                if (count > 0)
                {
                    return (listed, count, 0);
                }
                continue;
            }
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            rows++;
            var (_, problems) = RegisterRow.Check(source, line, Values(columns, cells), regions, today);
            problems.ForEach(Add);
        }
        if (columns is null)
        {
            Add(new RowProblem(1, "", RowProblemKind.MissingColumn));
        }
        return (listed, count, rows);
    }

    private static Dictionary<int, (RegisterField, string)> Header(RegisterSource source, string[] cells, Action<RowProblem> add)
    {
        var columns = new Dictionary<int, (RegisterField, string)>();
        for (var i = 0; i < cells.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(cells[i]))
            {
                continue;
            }
            if (RegisterLayout.FieldOf(source, cells[i]) is { } field && columns.Values.All(c => c.Item1 != field))
            {
                columns[i] = (field, cells[i].Trim());
            }
            else
            {
                add(new RowProblem(1, cells[i].Trim(), RowProblemKind.UnknownColumn));
            }
        }
        foreach (var missing in RegisterLayout.Required(source).Where(f => columns.Values.All(c => c.Item1 != f)))
        {
            add(new RowProblem(1, RegisterLayout.NamesOf(missing)[0], RowProblemKind.MissingColumn));
        }
        return columns;
    }

    private static Dictionary<RegisterField, (string Column, string Value)> Values(Dictionary<int, (RegisterField Field, string Column)> columns, string[] cells) =>
        columns.ToDictionary(c => c.Value.Field, c => (c.Value.Column, c.Key < cells.Length ? cells[c.Key] : ""));

    private async Task CopyAsync(RegisterSource source, string path, Guid importId, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(Copy, ct);
        Dictionary<int, (RegisterField Field, string Column)>? columns = null;
        var today = policy.LocalDay(clock.GetUtcNow());
        foreach (var (line, cells) in RegisterFile.Rows(path))
        {
            if (columns is null)
            {
                columns = Header(source, cells, _ => { });
                continue;
            }
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var (r, _) = RegisterRow.Check(source, line, Values(columns, cells), regions, today);
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(importId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(source.ToString(), NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(line, NpgsqlDbType.Integer, ct);
            await WriteAsync(writer, r.PersonNumber, NpgsqlDbType.Varchar, ct);
            await WriteAsync(writer, r.Name, NpgsqlDbType.Varchar, ct);
            await WriteAsync(writer, sealing.Link(r.IdNumber), NpgsqlDbType.Bytea, ct);
            await WriteAsync(writer, sealing.Seal(r.IdNumber), NpgsqlDbType.Text, ct);
            await WriteAsync(writer, r.Sex?.ToString(), NpgsqlDbType.Char, ct);
            await WriteValueAsync(writer, r.BirthDate, NpgsqlDbType.Date, ct);
            await WriteAsync(writer, r.Region, NpgsqlDbType.Char, ct);
            await WriteAsync(writer, sealing.Link(r.Card), NpgsqlDbType.Bytea, ct);
            await WriteAsync(writer, sealing.Seal(r.Card), NpgsqlDbType.Text, ct);
            await WriteAsync(writer, sealing.Link(r.Phone), NpgsqlDbType.Bytea, ct);
            await WriteAsync(writer, sealing.Seal(r.Phone), NpgsqlDbType.Text, ct);
            await WriteValueAsync(writer, r.MonthlyAmount, NpgsqlDbType.Numeric, ct);
            await WriteValueAsync(writer, r.Period, NpgsqlDbType.Date, ct);
            await WriteValueAsync(writer, r.Amount, NpgsqlDbType.Numeric, ct);
            await WriteAsync(writer, r.PaymentKind?.ToString(), NpgsqlDbType.Varchar, ct);
            await WriteValueAsync(writer, r.PaidOn, NpgsqlDbType.Date, ct);
            await WriteAsync(writer, r.Approver, NpgsqlDbType.Varchar, ct);
            await WriteValueAsync(writer, r.EventDate, NpgsqlDbType.Date, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : class =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);

    private static Task WriteValueAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, ct) : writer.WriteNullAsync(ct);
}
