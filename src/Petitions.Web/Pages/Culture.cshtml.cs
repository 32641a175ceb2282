using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Petitions.Web.Pages;

/// <summary>
/// The language switch: the layout's form (buttons, works without JavaScript) asks for /Culture?culture=en&amp;returnUrl=…,
/// which sets the culture cookie and goes back to the page, on this site only. It is a GET, with no antiforgery token:
/// the worst another site can do with it is choose a visitor's language, and pages need carry no per-visitor token for
/// it. Nothing else about the visitor is read or changed.
/// </summary>
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet(string? culture, string? returnUrl)
    {
        if (culture is not null)
        {
            var chosen = culture is "en" ? "en" : "zh-CN";
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1),
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = Request.IsHttps,
                });
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
