using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Extensions.Localization;
using Petitions.Web.Seeding;

namespace Petitions.Web.Infrastructure;

public static class SiteSetup
{
    private static readonly string[] SignedOutAccountPages =
    [
        "Login", "LoginWith2fa", "Register", "CheckMail", "ConfirmEmail", "ConfirmEmailChange",
        "ResendConfirmation", "ForgotPassword", "ResetPassword", "AccessDenied", "Logout",
    ];

    public static IServiceCollection AddPetitionsSite(this IServiceCollection services, IWebHostEnvironment env)
    {
        services.AddRazorPages(o =>
            {
                // Deny by default (the fallback policy); audiences open up by folder, here in one place.
                o.Conventions.AuthorizeFolder("/Staff", IdentitySetup.StaffPolicy);
                o.Conventions.AuthorizeFolder("/Admin", IdentitySetup.AdminPolicy);
                o.Conventions.AuthorizeFolder("/Matching", IdentitySetup.MatchingPolicy);
                // /Oversight: the statistics for oversight readers; campaigns also for supervisors (both with the second factor).
                o.Conventions.AuthorizeFolder("/Oversight", IdentitySetup.CampaignPolicy);
                o.Conventions.AuthorizePage("/Oversight/Index", IdentitySetup.OversightPolicy);
                o.Conventions.AllowAnonymousToPage("/Index");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Culture");
                o.Conventions.AllowAnonymousToPage("/Info");
                // The account pages a signed-out person needs; the others (account, password, address, data,
                // deletion, authenticator) fall to the fallback policy: signed in.
                foreach (var page in SignedOutAccountPages)
                {
                    o.Conventions.AllowAnonymousToPage("/Account/" + page);
                }
                o.Conventions.AllowAnonymousToFolder("/Report");
                o.Conventions.AllowAnonymousToFolder("/Track");
                o.Conventions.AllowAnonymousToFolder("/Stats");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddMvcOptions(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add(new UnknownHandlerFilter());
            });
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>(LocalizationSetup.LocalizeModelBinding);
        // The pages that take files accept requests as large as the storage settings allow, and no others.
        services.AddOptions<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>().Configure<Microsoft.Extensions.Options.IOptions<Services.StorageOptions>>((o, storage) =>
        {
            foreach (var page in (string[])["/Report/Index", "/Track/Report", "/Staff/Clues", "/Staff/Reviews/Item", "/Staff/Intake", "/Matching/Registers"])
            {
                o.Conventions.AddPageApplicationModelConvention(page, model => model.Filters.Add(new RequestSizeLimitAttribute(storage.Value.MaxRequestBytes)));
            }
        });
        services.Configure<MvcOptions>(o => o.ModelBinderProviders.Insert(0, new CleanStringBinderProvider()));

        // Chinese text stays readable in the HTML instead of becoming numeric entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "petitions.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = env.IsLocal() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies are believed (not the framework's default of all of 127.0.0.0/8), one hop deep.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = 1;
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
            foreach (var network in proxies.Value.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        // Outside development every page is HTTPS (the proxy terminates TLS and says so): a plain HTTP request that
        // reaches an instance is sent to the HTTPS address rather than failing on the Secure-only cookies.
        services.AddHttpsRedirection(o => o.HttpsPort = 443);
        // Confirmation messages carried over a redirect: the same cookie rules as every other cookie of the site.
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "petitions.notice";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = env.IsLocal() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddPublicPageCache();
        services.AddScoped<ReferenceData>();
        services.AddScoped<DemoData>();
        return services;
    }

    public static WebApplication UsePetitionsPipeline(this WebApplication app)
    {
        // First of all: who the client is and whether the connection was HTTPS, as the configured proxy says.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
            if (!app.Environment.IsLocal())
            {
                // Health checks come over plain HTTP from the proxy or the orchestrator, and are answered as they are.
                app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), branch => branch.UseHttpsRedirection());
            }
        }
        else
        {
            app.UseDeveloperExceptionPage();
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        // A form whose files together are over the limit is answered at once, before its body is read, with a page
        // that says the limit (the status page above), rather than failing halfway through reading it.
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.ContentLength is { } length
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
                && length > context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Services.StorageOptions>>().Value.MaxRequestBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                // The status page is shown by re-running the request: as a GET, so that nothing tries to read the body.
                context.Request.Method = HttpMethods.Get;
                return;
            }
            await next();
        });
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseFormNulGuard();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        return app;
    }

    public static IEndpointRouteBuilder MapPetitionsPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        // The ALTCHA challenge for the filing form: JSON, never cached, no cookie.
        endpoints.MapGet("/Report/Challenge", (Services.ProofOfWork pow, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(pow.Create());
        }).AllowAnonymous();
        // Child regions for the cascading selects (JavaScript enhancement; the form works without it).
        endpoints.MapGet("/Report/Regions", (string? parent, Petitions.Core.Regions.RegionCatalogue regions) =>
            Results.Json(regions.ChildrenOf(parent).Select(r => new { code = r.Code, name = r.NameIn(System.Globalization.CultureInfo.CurrentUICulture.IsChinese()) }))).AllowAnonymous();
        // Browsers ask for /favicon.ico whatever the page says; the site's icon is an SVG.
        endpoints.MapGet("/favicon.ico", () => Results.Redirect("/favicon.svg", permanent: true)).AllowAnonymous();
        // An address that matches nothing is a 404 for everyone (shown by the status-code page),
        // not a sign-in redirect from the deny-by-default fallback policy.
        endpoints.MapFallback("{*path}", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).AllowAnonymous();
        return endpoints;
    }
}
