using System.ComponentModel.DataAnnotations;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// Rate limits by purpose ("RateLimits" section): each purpose has its own budget of posts per client address
/// per window, so tracking-key guesses never use up an officer's sign-in, and reading a form is always free.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 1440)] public int WindowMinutes { get; set; } = 10;

    /// <summary>Reports filed.</summary>
    [Range(1, 1_000_000)] public int Filing { get; set; } = 10;

    /// <summary>Anonymous reports sent without script, on a waited form token instead of a proof of work.</summary>
    [Range(1, 1_000_000)] public int FilingWithoutScript { get; set; } = 3;

    /// <summary>The filing form's own steps: regions, another person, preview. Generous: they store nothing.</summary>
    [Range(1, 1_000_000)] public int Navigation { get; set; } = 200;

    /// <summary>Tracking-key checks, all numbers together.</summary>
    [Range(1, 1_000_000)] public int TrackingKey { get; set; } = 30;

    /// <summary>Failed checks of one number from one client before each further try has to wait (1 s, 2 s, 4 s … 15 min).</summary>
    [Range(1, 1000)] public int FreeKeyFailures { get; set; } = 3;

    /// <summary>Replies, review requests and withdrawals on /Track.</summary>
    [Range(1, 1_000_000)] public int Replies { get; set; } = 20;

    /// <summary>Password sign-ins.</summary>
    [Range(1, 1_000_000)] public int SignIn { get; set; } = 20;

    /// <summary>
    /// Wrong passwords for one account from one client (an IPv6 client is its /64) before that client is refused for
    /// that account. A wrong password never locks the account itself, so no outsider can lock a known officer out.
    /// </summary>
    [Range(1, 1000)] public int SignInFailuresPerAccount { get; set; } = 5;

    /// <summary>Registration, password reset and confirmation mails.</summary>
    [Range(1, 1_000_000)] public int Accounts { get; set; } = 10;

    /// <summary>Second-factor codes (staff sign-in, authenticator set-up).</summary>
    [Range(1, 1_000_000)] public int SecondFactor { get; set; } = 20;

    public int PermitsFor(RatePurpose purpose) => purpose switch
    {
        RatePurpose.Filing => Filing,
        RatePurpose.FilingWithoutScript => FilingWithoutScript,
        RatePurpose.Navigation => Navigation,
        RatePurpose.TrackingKey => TrackingKey,
        RatePurpose.Reply => Replies,
        RatePurpose.SignIn => SignIn,
        RatePurpose.Account => Accounts,
        _ => SecondFactor,
    };
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

/// <summary>
/// The reverse proxies in front of the site ("ForwardedHeaders" section). Only requests that arrive from one of
/// these addresses or networks may say, in X-Forwarded-For and X-Forwarded-Proto, who the client is and that the
/// connection was HTTPS; from anyone else those headers are ignored. Default: the proxy on this machine.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = ["127.0.0.1", "::1"];

    /// <summary>Proxy networks in CIDR form, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !System.Net.IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownProxies: \"{proxy}\" is not an IP address.", [nameof(KnownProxies)]);
        }
        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownNetworks: \"{network}\" is not a network in CIDR form.", [nameof(KnownNetworks)]);
        }
    }
}

/// <summary>The official calendar: a folder of year files (YYYY.json) added to the built-in years.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>The folder of an administrator's year files; none: the built-in years only.</summary>
    public string? Folder { get; set; }
}

/// <summary>Traces, sent to an OpenTelemetry collector when one is named.</summary>
public sealed class TracingOptions
{
    public const string Section = "Tracing";

    /// <summary>The collector's OTLP address (for example http://127.0.0.1:4317); none: no traces are sent.</summary>
    [Url] public string? OtlpEndpoint { get; set; }
}
