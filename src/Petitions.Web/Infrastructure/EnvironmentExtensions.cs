namespace Petitions.Web.Infrastructure;

public static class EnvironmentExtensions
{
    public const string Testing = nameof(Testing);

    /// <summary>Development or the test runs: plain http on loopback, so cookies cannot require https.</summary>
    public static bool IsLocal(this IHostEnvironment env) => env.IsDevelopment() || env.IsEnvironment(Testing);
}
