using System.ComponentModel.DataAnnotations;

namespace Petitions.Web.Infrastructure;

/// <summary>Site-wide settings, bound from the "Petitions" section and validated at start-up.</summary>
public sealed class PetitionsOptions
{
    public const string Section = "Petitions";

    /// <summary>Server secret for the keyed hash of tracking keys; the same on every instance.</summary>
    [Required, MinLength(32)]
    public string AccessKeySecret { get; set; } = "";

    /// <summary>Apply pending migrations at start-up; turn off in production and apply a bundle instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed demo accounts and reports (Development only).</summary>
    public bool SeedDemo { get; set; }

    /// <summary>Run the Hangfire server in this process.</summary>
    public bool RunJobServer { get; set; } = true;

    [Range(1, 64)]
    public int JobWorkers { get; set; } = 4;

    /// <summary>Parallel loops of a triage drain (each its own connection).</summary>
    [Range(1, 32)]
    public int TriageParallelism { get; set; } = 4;

    /// <summary>
    /// Without script, an anonymous report's form token becomes valid this long after the form was opened (the page
    /// states the time): the cost a bot pays instead of the proof of work, with the tighter per-address budget.
    /// </summary>
    [Range(0, 3600)]
    public int NoScriptWaitSeconds { get; set; } = 60;

    /// <summary>Upper bound of the ALTCHA search space: the mean work is half of it.</summary>
    [Range(1_000, 10_000_000)]
    public int ProofOfWorkMaxNumber { get; set; } = 100_000;

    /// <summary>Public base address used in links that mails carry.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Days a staff account created (or given a new role) by one administrator waits, unless a second administrator
    /// confirms it sooner, before it may take part in a two-person step; the other administrators are told at once.
    /// </summary>
    [Range(1, 90)]
    public int StaffConfirmationWaitDays { get; set; } = 7;
}
