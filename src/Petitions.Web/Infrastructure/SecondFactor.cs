using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// The second factor as an authorization requirement: a sign-in completed with an authenticator carries
/// Identity's "amr" = "mfa" claim. Every staff, admin and oversight policy includes it, so a page is gated by
/// what it is, not by where its address happens to start.
/// </summary>
public sealed class SecondFactorRequirement : IAuthorizationRequirement
{
    public const string Claim = "amr";
    public const string Value = "mfa";

    public static bool IsMet(ClaimsPrincipal user) => user.HasClaim(Claim, Value);
}

public sealed class SecondFactorHandler : AuthorizationHandler<SecondFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        if (SecondFactorRequirement.IsMet(context.User))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// When the only thing missing is the second factor (the role is right), the person is sent to set up or use
/// their authenticator and then brought back; any other refusal is the usual access-denied answer.
/// </summary>
public sealed class SecondFactorResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure
            && failure.FailedRequirements.Any() && failure.FailedRequirements.All(r => r is SecondFactorRequirement))
        {
            var returnUrl = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"/Account/TwoFactor?required=true&returnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
