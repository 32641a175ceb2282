using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Petitions.Data;

namespace Petitions.Web.Infrastructure;

public static class IdentitySetup
{
    /// <summary>Officers, supervisors and admins: the queues and report pages.</summary>
    public const string StaffPolicy = "Staff";
    /// <summary>Oversight bodies (and admins): the statistics dashboard and exports.</summary>
    public const string OversightPolicy = "Oversight";
    /// <summary>Re-examination campaigns: oversight readers and supervisors.</summary>
    public const string CampaignPolicy = "Campaigns";
    /// <summary>Admins: users, rules, audit, jobs.</summary>
    public const string AdminPolicy = "Admin";
    /// <summary>Data-matching analysts only (not admins: whoever manages accounts does not read registers of people).</summary>
    public const string MatchingPolicy = "Matching";

    /// <summary>The longest a sign-in lasts, active or not.</summary>
    public static readonly TimeSpan AbsoluteSessionLifetime = TimeSpan.FromHours(8);
    private const string SignedInAtKey = "petitions.signed-in-at";
    private const string SessionKey = "petitions.session";
    private const string ValidatingKey = "petitions.validating-session";

    public static IServiceCollection AddPetitionsIdentity(this IServiceCollection services, IWebHostEnvironment env)
    {
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<Petitions.Data.AppDbContext>()
            .AddDefaultTokenProviders()
            // Replaces the default authenticator provider under its own name: each code works once.
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        // A disabled account or a removed role takes effect within a minute on every instance.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The refreshed principal keeps the sign-in's second factor.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(SecondFactorRequirement.Claim) is { } amr && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity
                    && !identity.HasClaim(SecondFactorRequirement.Claim, amr.Value))
                {
                    identity.AddClaim(new System.Security.Claims.Claim(SecondFactorRequirement.Claim, amr.Value));
                }
                return Task.CompletedTask;
            };
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "petitions.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = env.IsLocal() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // Idle timeout: 30 minutes without a request. Absolute timeout: a sign-in lasts at most 8 hours,
            // however active, so a session left open on a shared computer ends the same day.
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            var validateStamp = o.Events.OnValidatePrincipal;
            o.Events.OnSigningIn = async context =>
            {
                context.Properties.Items.TryAdd(SignedInAtKey, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>()
                    .GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                // A refreshed sign-in keeps its session; a new one starts a server-side session the cookie names.
                if (!context.Properties.Items.ContainsKey(SessionKey))
                {
                    var session = await context.HttpContext.RequestServices.GetRequiredService<Services.ServerSessions>().StartAsync(AbsoluteSessionLifetime);
                    context.Properties.Items[SessionKey] = session.ToString("N");
                }
            };
            // Signing out ends the session on the server: a copy of the cookie taken before opens nothing after.
            o.Events.OnSigningOut = async context =>
            {
                // A sign-out during validation (an expired or revoked session) has nothing left to end, and must not
                // authenticate again while authentication is still running.
                if (context.HttpContext.Items.ContainsKey(ValidatingKey))
                {
                    return;
                }
                var current = await context.HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
                if (current.Properties?.Items.TryGetValue(SessionKey, out var text) == true && Guid.TryParseExact(text, "N", out var session))
                {
                    await context.HttpContext.RequestServices.GetRequiredService<Services.ServerSessions>().EndAsync(session);
                }
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                context.HttpContext.Items[ValidatingKey] = true;
                try
                {
                    var services = context.HttpContext.RequestServices;
                    var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                    if (!context.Properties.Items.TryGetValue(SignedInAtKey, out var text)
                        || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var signedInAt)
                        || now - signedInAt > AbsoluteSessionLifetime
                        || !context.Properties.Items.TryGetValue(SessionKey, out var sessionText)
                        || !Guid.TryParseExact(sessionText, "N", out var session)
                        || !await services.GetRequiredService<Services.ServerSessions>().IsLiveAsync(session))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                        return;
                    }
                    await validateStamp(context);
                }
                finally
                {
                    context.HttpContext.Items.Remove(ValidatingKey);
                }
            };
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
        });

        services.AddAuthorizationBuilder()
            // Deny by default: a page that says nothing requires a signed-in user.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            // Each named policy is a role set and the second factor: a password alone opens none of them.
            .AddPolicy(StaffPolicy, p => p.RequireRole(Roles.Staff).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(OversightPolicy, p => p.RequireRole(Roles.OversightReaders).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(CampaignPolicy, p => p.RequireRole(Roles.CampaignLeaders).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(MatchingPolicy, p => p.RequireRole(Roles.Analyst).AddRequirements(new SecondFactorRequirement()));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, SecondFactorHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, SecondFactorResultHandler>();
        return services;
    }
}
