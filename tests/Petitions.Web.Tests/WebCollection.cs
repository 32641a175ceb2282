using Petitions.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Petitions.Web.Tests;

/// <summary>One site and one throwaway database for the whole run; each test starts from empty data.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<PetitionsFactory>
{
    public const string Name = "web";
}

/// <summary>Base for integration tests: resets the database before each test and gives a form client.</summary>
[Collection(WebCollection.Name)]
public abstract class WebTest(PetitionsFactory factory) : IAsyncLifetime
{
    protected PetitionsFactory Factory { get; } = factory;

    protected FormClient NewClient(bool followRedirects = false) =>
        new(Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = followRedirects,
            HandleCookies = true,
        }));

    /// <summary>A staff member with jurisdictions, signed in through both steps (password, authenticator code).</summary>
    protected Task<FormClient> SignedInStaffAsync(string email, string role, string? name = null, string? unit = null, params string[] regions) =>
        SignedInStaffAsync(followRedirects: true, email, role, name, unit, regions);

    protected async Task<FormClient> SignedInStaffAsync(bool followRedirects, string email, string role, string? name, string? unit, params string[] regions)
    {
        await Factory.CreateStaffAsync(email, role, name, unit, regions);
        var client = NewClient(followRedirects);
        await Factory.SignInStaffAsync(client, email, PetitionsFactory.StaffPassword);
        return client;
    }

    /// <summary>A report filed under a real name by a signed-in citizen (wang@example.org), then triaged.</summary>
    protected async Task<(Guid Id, string Number, string Key)> FileRealNameAsync(string name, string idNumber, string? phone = null, MultipartFormDataContent? files = null)
    {
        await Factory.CreateUserAsync("wang@example.org", "Citizen-Pass-1", Data.Roles.Citizen);
        var citizen = NewClient(followRedirects: true);
        await citizen.SignInAsync("wang@example.org", "Citizen-Pass-1");
        var fields = Filing.ValidFields();
        fields["Input.Anonymous"] = "false";
        fields["Input.ReporterName"] = name;
        fields["Input.ReporterIdNumber"] = idNumber;
        if (phone is not null)
        {
            fields["Input.ReporterPhone"] = phone;
        }
        return await Filing.FileAndTriageAsync(Factory, citizen, fields, files);
    }

    protected Task<FormClient> AdminAsync() => SignedInStaffAsync("admin@example.org", Data.Roles.Admin, regions: "430000");

    /// <summary>Where the report page's button for an action posts (its formaction), which must be offered.</summary>
    protected static string ActionOf(AngleSharp.Html.Dom.IHtmlDocument page, string action) =>
        page.QuerySelector($"form[data-action='{action}'] button[formaction]")?.GetAttribute("formaction") ?? throw new InvalidOperationException($"{action} not offered");

    /// <summary>Where a handler's button posts (the first button whose formaction names the handler).</summary>
    protected static string HandlerButton(AngleSharp.Html.Dom.IHtmlDocument page, string handler, string? within = null) =>
        page.QuerySelector($"{within} button[formaction*='handler={handler}']".Trim())?.GetAttribute("formaction") ?? throw new InvalidOperationException($"no {handler} button");

    public virtual Task InitializeAsync() => Factory.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
