using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Petitions.Web.Infrastructure;

/// <summary>Identity's errors in the page's language; a code without its own string gets a general one.</summary>
public static class IdentityMessages
{
    public static string For(IStringLocalizer l, IdentityError error)
    {
        var s = l["Identity." + error.Code];
        return s.ResourceNotFound ? l["Identity.Other"] : s;
    }
}
