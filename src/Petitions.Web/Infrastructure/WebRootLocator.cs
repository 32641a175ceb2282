namespace Petitions.Web.Infrastructure;

/// <summary>Finds the repository's top-level wwwroot/ from the content root or the binaries' folder.</summary>
public static class WebRootLocator
{
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("PETITIONS_WEBROOT");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Petitions.sln")) && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
                {
                    return Path.Combine(dir.FullName, "wwwroot");
                }
            }
        }
        return null;
    }
}
