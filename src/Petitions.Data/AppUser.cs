using Microsoft.AspNetCore.Identity;

namespace Petitions.Data;

/// <summary>
/// A person who signs in. Staff carry a name and unit, used to exclude them from reports that name
/// them or their unit (conflict of interest).
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string? DisplayName { get; set; }
    public string? Unit { get; set; }
    public string? PreferredCulture { get; set; }
    public bool Disabled { get; set; }
    /// <summary>Staff: new reports come in the digest with the deadline warnings instead of one mail each.</summary>
    public bool NewReportsInDigest { get; set; }
    /// <summary>No longer used: the last accepted authenticator code, before steps were kept (<see cref="LastAuthenticatorStep"/>).</summary>
    public string? LastAuthenticatorCode { get; set; }
    public DateTimeOffset? LastAuthenticatorCodeAt { get; set; }
    /// <summary>The 30-second step of the last accepted authenticator code: no code of that step or earlier works again.</summary>
    public long? LastAuthenticatorStep { get; set; }

    // Separation of duties: who vouched for a staff account, so that none of them can be its second person.
    /// <summary>The administrator who created the account (null for accounts seeded or created before this was kept).</summary>
    public Guid? CreatedById { get; set; }
    /// <summary>The administrator who last changed its role, jurisdictions, authenticator or invitation.</summary>
    public Guid? LastChangedById { get; set; }
    /// <summary>The second administrator who confirmed the account.</summary>
    public Guid? ConfirmedById { get; set; }
    /// <summary>
    /// Set when an administrator creates the account or gives it a new role; cleared when a second administrator
    /// confirms it. While set and younger than the waiting period, the account takes no part in a two-person step.
    /// </summary>
    public DateTimeOffset? AwaitingConfirmationSince { get; set; }
}

/// <summary>The roles of the portal; role names are stored as these strings.</summary>
public static class Roles
{
    public const string Citizen = nameof(Citizen);
    public const string Officer = nameof(Officer);
    public const string Supervisor = nameof(Supervisor);
    public const string Oversight = nameof(Oversight);
    public const string Admin = nameof(Admin);
    /// <summary>Data-matching analyst: imports registers (pension rolls, payment ledgers, death registers) and runs the matching.</summary>
    public const string Analyst = nameof(Analyst);

    public static readonly IReadOnlyList<string> All = [Citizen, Officer, Supervisor, Oversight, Admin, Analyst];

    /// <summary>Roles that work reports (queues, report pages, triage's conflict check).</summary>
    public static readonly string[] Staff = [Officer, Supervisor, Admin];

    /// <summary>Roles that read the oversight statistics.</summary>
    public static readonly string[] OversightReaders = [Oversight, Admin];

    /// <summary>Roles that define, launch and follow re-examination campaigns.</summary>
    public static readonly string[] CampaignLeaders = [Oversight, Supervisor, Admin];

    /// <summary>Roles that may take a supervisor's actions (assign, decide extensions).</summary>
    public static readonly string[] Supervising = [Supervisor, Admin];

    /// <summary>Roles that may be given a report to work (assignment, re-examination).</summary>
    public static readonly string[] Working = [Officer, Supervisor];

    /// <summary>Roles an admin gives to staff accounts; every one of them signs in with a second factor.</summary>
    public static readonly string[] Employees = [Officer, Supervisor, Oversight, Admin, Analyst];
}
