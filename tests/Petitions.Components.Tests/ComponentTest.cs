using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Components.Tests;

/// <summary>A bUnit context with the site's real localization resources, in a chosen language.</summary>
public abstract class ComponentTest : BunitContext
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    protected ComponentTest()
    {
        Services.AddLocalization();
        Services.AddSingleton(Petitions.Core.Regions.RegionCatalogue.Default);
        Services.AddSingleton(new Petitions.Core.Policy.TimeLimitPolicy());
        Services.AddSingleton<Petitions.Web.Services.Display>();
        UseLanguage("zh-CN");
    }

    protected static void UseLanguage(string name)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = _previous;
        CultureInfo.CurrentCulture = _previous;
        base.Dispose(disposing);
    }
}
