using System.Globalization;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// Whole responses of public pages that are the same for every anonymous visitor (/Stats), kept in memory for a
/// second per address and language. A page anyone can hammer then costs a memory lookup, not a render: the figures
/// change once a minute at most. The framework's default rules stay: only anonymous GETs answered 200 without a
/// cookie are kept, so a signed-in person, a form with its token or a 404 is never served from it. This process's
/// statistics refresh evicts the entries at once; other processes' entries expire within the second.
/// </summary>
public static class PublicPageCache
{
    public const string Policy = "public-page";
    public const string StatsTag = "public-stats";

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services) => services.AddOutputCache(o =>
        o.AddPolicy(Policy, b => b
            .Expire(TimeSpan.FromSeconds(1))
            .Tag(StatsTag)
            .VaryByValue(_ => new("culture", CultureInfo.CurrentUICulture.Name))));
}
