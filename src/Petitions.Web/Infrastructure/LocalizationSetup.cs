using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Petitions.Web.Infrastructure;

public static class LocalizationSetup
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    public static readonly CultureInfo[] Supported = [Chinese, English];

    /// <summary>The supported culture for a stored preference ("en", "zh-CN" or nothing: the default, Chinese).</summary>
    public static CultureInfo CultureFor(string? name) =>
        name is not null && name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    /// <summary>Runs <paramref name="work"/> with the page culture (texts and formats) of <paramref name="name"/>, then restores the caller's.</summary>
    public static T InCulture<T>(string? name, Func<T> work)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureFor(name);
            return work();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }

    public static bool IsChinese(this CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddPetitionsLocalization(this IServiceCollection services)
    {
        // The resx files sit beside SharedResource.cs, so they are named after the class itself.
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Chinese);
            o.SupportedCultures = Supported;
            o.SupportedUICultures = Supported;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Cookie (the language switch) first, then the browser's Accept-Language; no query string.
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Model-binding messages ("the value is not valid") from the resources too.</summary>
    public static void LocalizeModelBinding(MvcOptions options, IStringLocalizerFactory factory)
    {
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(_ => l["Validation.Invalid"]);
        m.SetAttemptedValueIsInvalidAccessor((_, _) => l["Validation.Invalid"]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => l["Validation.Invalid"]);
        m.SetUnknownValueIsInvalidAccessor(_ => l["Validation.Invalid"]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.Invalid"]);
        m.SetValueMustNotBeNullAccessor(_ => l["Validation.Required"]);
        m.SetMissingBindRequiredValueAccessor(_ => l["Validation.Required"]);
        m.SetMissingKeyOrValueAccessor(() => l["Validation.Required"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Required"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.Number"]);
        m.SetValueMustBeANumberAccessor(_ => l["Validation.Number"]);
    }
}
