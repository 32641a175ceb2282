using System.ComponentModel.DataAnnotations;

namespace Petitions.Web.Infrastructure;

/// <summary>Rate limits for citizens' posts, per hashed client address ("RateLimits" section).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Report submissions per client per 10 minutes.</summary>
    [Range(1, 1_000_000)] public int SubmitPer10Minutes { get; set; } = 10;

    /// <summary>Tracking-page posts (key attempts, replies) per client per 10 minutes.</summary>
    [Range(1, 1_000_000)] public int TrackPer10Minutes { get; set; } = 20;
}

/// <summary>
/// The certificate that encrypts the Data Protection keys stored in the database ("Petitions" section, beside
/// the other site settings), so a copy of the database alone cannot forge a session or read contact details.
/// </summary>
public sealed class KeyProtectionOptions : IValidatableObject
{
    /// <summary>A PFX file; every instance gets the same one.</summary>
    public string? KeyProtectionCertificate { get; set; }
    public string? KeyProtectionCertificatePassword { get; set; }
    /// <summary>Only for throwaway setups: store the keys unencrypted.</summary>
    public bool AllowUnprotectedKeys { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(KeyProtectionCertificate) && !AllowUnprotectedKeys)
        {
            yield return new ValidationResult(
                "Petitions:KeyProtectionCertificate must name a PFX file that protects the Data Protection keys (see docs/operations.md). " +
                "Only a throwaway setup may set Petitions:AllowUnprotectedKeys=true instead.", [nameof(KeyProtectionCertificate)]);
        }
        else if (!string.IsNullOrEmpty(KeyProtectionCertificate) && !File.Exists(KeyProtectionCertificate))
        {
            yield return new ValidationResult($"Petitions:KeyProtectionCertificate: no file at {KeyProtectionCertificate}.", [nameof(KeyProtectionCertificate)]);
        }
    }

    /// <summary>Reads and validates the settings now: Data Protection is configured while services are registered.</summary>
    public static KeyProtectionOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(PetitionsOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(PetitionsOptions.Section, typeof(KeyProtectionOptions),
                problems.Select(p => p.ErrorMessage ?? "invalid"));
        }
        return options;
    }
}
