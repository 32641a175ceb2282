namespace Petitions.Web.Pages.Staff;

/// <summary>The queue's address to come back to after a post.</summary>
public static class QueueQuery
{
    /// <summary>A queue query string: "?…" with nothing that could leave the site, without the page cursor.</summary>
    public static string Safe(string? query)
    {
        if (query is not { Length: > 1 } q || !q.StartsWith('?') || q.Contains("//", StringComparison.Ordinal) || q.Length > 2000)
        {
            return "";
        }
        var kept = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(q).Where(p => p.Key is not ("after" or "trail" or "handler"))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        return Microsoft.AspNetCore.Http.QueryString.Create(kept).ToUriComponent();
    }
}
