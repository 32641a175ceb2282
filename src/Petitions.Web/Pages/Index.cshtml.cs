using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Petitions.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
