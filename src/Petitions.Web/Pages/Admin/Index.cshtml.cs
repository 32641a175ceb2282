using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Petitions.Web.Pages.Admin;

/// <summary>The Admin home: links to the rule editors and the job monitor.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
