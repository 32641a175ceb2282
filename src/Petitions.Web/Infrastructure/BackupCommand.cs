using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Petitions.Web.Services;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// A consistent backup and its restore: the database (<c>pg_dump</c>, custom format), the attachments (a tar of the
/// storage folder), and the key material needed to read them (the access-key secret, the key-protection certificate
/// and its password) encrypted with a passphrase the operator gives (AES-256-GCM, key from PBKDF2-SHA256). A manifest
/// holds each file's SHA-256, checked before anything is restored. Restore goes only into an empty database and an
/// empty storage folder, and writes the secrets where the operator asks.
/// </summary>
public static class BackupCommand
{
    public const string DatabaseFile = "database.dump";
    public const string FilesFile = "attachments.tar";
    public const string SecretsFile = "secrets.enc";
    public const string ManifestFile = "manifest.json";
    private const int Iterations = 600_000;

    public sealed record Secrets(string AccessKeySecret, string? Certificate, string? CertificatePassword);

    /// <summary>The shortest passphrase a backup's secrets are encrypted with (four random words are about 20 characters).</summary>
    public const int MinimumPassphraseLength = 16;

    public static async Task BackupAsync(IServiceProvider services, string connectionString, string directory, string passphrase, CancellationToken ct = default)
    {
        if (passphrase.Trim().Length < MinimumPassphraseLength || passphrase.Distinct().Count() < 8)
        {
            throw new InvalidOperationException(
                $"PETITIONS_BACKUP_PASSPHRASE is too weak: use at least {MinimumPassphraseLength} characters, for example four or five random words. " +
                $"备份口令过弱：请至少使用 {MinimumPassphraseLength} 个字符，例如四五个随机单词。");
        }
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new InvalidOperationException($"{directory} is not empty: a backup goes into a new folder.");
        }
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            // Only the operator's account reads a backup.
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value.Root;
        var petitions = services.GetRequiredService<IOptions<PetitionsOptions>>().Value;
        // Read as the data setup reads it (the section is not bound as options): the certificate must be in the backup.
        var keys = KeyProtectionOptions.Read(services.GetRequiredService<IConfiguration>());

        await RunAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--no-privileges", "--file", Path.Combine(directory, DatabaseFile)], ct);
        await using (var tar = File.Create(Path.Combine(directory, FilesFile)))
        {
            if (Directory.Exists(storage))
            {
                await TarFile.CreateFromDirectoryAsync(storage, tar, includeBaseDirectory: false, ct);
            }
            else
            {
                // No attachment yet: an empty archive, so the restore reads it like any other.
                await new TarWriter(tar, leaveOpen: true).DisposeAsync();
            }
        }
        var secrets = new Secrets(petitions.AccessKeySecret,
            keys.KeyProtectionCertificate is { Length: > 0 } pfx ? Convert.ToBase64String(await File.ReadAllBytesAsync(pfx, ct)) : null,
            keys.KeyProtectionCertificatePassword);
        await File.WriteAllBytesAsync(Path.Combine(directory, SecretsFile), Encrypt(JsonSerializer.SerializeToUtf8Bytes(secrets), passphrase), ct);
        var manifest = new Dictionary<string, string>();
        foreach (var name in new[] { DatabaseFile, FilesFile, SecretsFile })
        {
            manifest[name] = Convert.ToHexString(await SHA256.HashDataAsync(File.OpenRead(Path.Combine(directory, name)), ct));
        }
        await File.WriteAllTextAsync(Path.Combine(directory, ManifestFile), JsonSerializer.Serialize(new { format = 1, createdAt = DateTimeOffset.UtcNow, files = manifest }), ct);
    }

    /// <summary>Restores into an empty database and storage folder; writes the secrets into <paramref name="secretsDirectory"/> and returns them.</summary>
    public static async Task<Secrets> RestoreAsync(string connectionString, string storage, string directory, string passphrase, string secretsDirectory, CancellationToken ct = default)
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, ManifestFile), ct));
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateObject())
        {
            await using var stream = File.OpenRead(Path.Combine(directory, file.Name));
            if (Convert.ToHexString(await SHA256.HashDataAsync(stream, ct)) != file.Value.GetString())
            {
                throw new InvalidOperationException($"{file.Name} does not match the manifest: the backup is damaged.");
            }
        }
        // The secrets first: a wrong passphrase stops the restore before anything is written.
        var secrets = JsonSerializer.Deserialize<Secrets>(Decrypt(await File.ReadAllBytesAsync(Path.Combine(directory, SecretsFile), ct), passphrase))!;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
            if ((long)(await command.ExecuteScalarAsync(ct))! > 0)
            {
                throw new InvalidOperationException("The database is not empty: restore goes into a new, empty database.");
            }
        }
        if (Directory.Exists(storage) && Directory.EnumerateFileSystemEntries(storage).Any())
        {
            throw new InvalidOperationException($"{storage} is not empty: restore goes into an empty storage folder.");
        }
        await RunAsync("pg_restore", connectionString, ["--no-owner", "--no-privileges", "--exit-on-error", Path.Combine(directory, DatabaseFile)], ct);
        Directory.CreateDirectory(storage);
        await TarFile.ExtractToDirectoryAsync(Path.Combine(directory, FilesFile), storage, overwriteFiles: false, ct);
        Directory.CreateDirectory(secretsDirectory);
        await File.WriteAllTextAsync(Path.Combine(secretsDirectory, "access-key.secret"), secrets.AccessKeySecret, ct);
        if (secrets.Certificate is { } pfx)
        {
            await File.WriteAllBytesAsync(Path.Combine(secretsDirectory, "key-protection.pfx"), Convert.FromBase64String(pfx), ct);
            await File.WriteAllTextAsync(Path.Combine(secretsDirectory, "key-protection.password"), secrets.CertificatePassword ?? "", ct);
        }
        return secrets;
    }

    private static byte[] Encrypt(byte[] plain, string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(Key(passphrase, salt), tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }
        return [.. salt, .. nonce, .. tag, .. cipher];
    }

    private static byte[] Decrypt(byte[] data, string passphrase)
    {
        var plain = new byte[data.Length - 44];
        try
        {
            using var aes = new AesGcm(Key(passphrase, data[..16]), 16);
            aes.Decrypt(data[16..28], data[44..], data[28..44], plain);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new InvalidOperationException("The passphrase does not open this backup's secrets.", ex);
        }
        return plain;
    }

    private static byte[] Key(string passphrase, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, Iterations, HashAlgorithmName.SHA256, 32);

    /// <summary>Runs a PostgreSQL client tool against the connection string's database (password through the environment, never the command line).</summary>
    private static async Task RunAsync(string tool, string connectionString, string[] arguments, CancellationToken ct)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var bin = Environment.GetEnvironmentVariable("PETITIONS_PG_BIN");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(bin) ? tool : Path.Combine(bin, tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Concat(["--host", c.Host ?? "127.0.0.1", "--port", c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--username", c.Username ?? "postgres", "--dbname", c.Database ?? "petitions"]))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PGPASSWORD"] = c.Password ?? "";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}");
        }
    }
}
