using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.UseCases.Matching;

/// <summary>
/// Identity, card and phone numbers of registers: a keyed hash (HMAC-SHA256 under a key derived from the access-key
/// secret, which the database never holds) to join registers on, and Data Protection ciphertext to show on a case.
/// A copy of the database holds neither in clear.
/// </summary>
public sealed class RegisterSealing(IOptions<PetitionsOptions> options, IDataProtectionProvider protection)
{
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(options.Value.AccessKeySecret), 32, info: "register-link-v1"u8.ToArray());
    private readonly IDataProtector _protector = protection.CreateProtector("Petitions.Registers.v1");

    /// <summary>The join key of a value (spaces and dashes removed, upper case), or null for none.</summary>
    public byte[]? Link(string? value) => Normalize(value) is { } v ? HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(v)) : null;

    public string? Seal(string? value) => Normalize(value) is { } v ? _protector.Protect(v) : null;

    public string? Unseal(string? sealedValue) => sealedValue is null ? null : _protector.Unprotect(sealedValue);

    private static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new string(value.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
}
