using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Petitions.Data;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// Staff reach /Staff and /Admin only from a two-factor sign-in (Identity's "amr" = "mfa" claim). A staff member
/// without an authenticator is sent to set one up; the pages themselves never run first.
/// </summary>
public sealed class TwoFactorGate : IAsyncPageFilter
{
    public const string Claim = "amr";
    public const string Value = "mfa";

    public static bool IsGated(PathString path) =>
        path.StartsWithSegments("/Staff", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/Admin", StringComparison.OrdinalIgnoreCase);

    public static bool IsStaff(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Officer) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin);

    public static bool HasSecondFactor(ClaimsPrincipal user) => user.HasClaim(Claim, Value);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (IsGated(http.Request.Path) && IsStaff(http.User) && !HasSecondFactor(http.User))
        {
            var returnUrl = http.Request.Path + http.Request.QueryString;
            context.Result = new RedirectToPageResult("/Account/TwoFactor", new { required = true, returnUrl = returnUrl.ToString() });
            return;
        }
        await next();
    }
}
