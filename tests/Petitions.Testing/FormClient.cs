using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;

namespace Petitions.Testing;

/// <summary>
/// Drives the site as a browser without JavaScript would: GET a page, fill its form (the antiforgery
/// token comes from the page itself), POST it. Cookies are kept by the client.
/// </summary>
public sealed class FormClient(HttpClient http)
{
    private static readonly IBrowsingContext Browsing = BrowsingContext.New(Configuration.Default);

    /// <summary>A client whose requests come from <paramref name="clientAddress"/> (see <see cref="TestClientAddress"/>).</summary>
    public FormClient(HttpClient http, string clientAddress) : this(http) =>
        http.DefaultRequestHeaders.Add(TestClientAddress.Header, clientAddress);

    public HttpClient Http { get; } = http;

    public async Task<IHtmlDocument> GetPageAsync(string url, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null)
        {
            // A browser sends its language with every request, the form posts included.
            Http.DefaultRequestHeaders.AcceptLanguage.Clear();
            Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} returned {(int)response.StatusCode}");
        }
        return await ParseAsync(body, response.RequestMessage?.RequestUri ?? new Uri(Http.BaseAddress!, url));
    }

    /// <summary>Parses HTML as the document at <paramref name="address"/>, so relative form actions resolve.</summary>
    public static async Task<IHtmlDocument> ParseAsync(string html, Uri address) =>
        (IHtmlDocument)await Browsing.OpenAsync(r => r.Content(html).Address(address));

    /// <summary>Reads a response as a document (after a POST that re-rendered the page).</summary>
    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await ParseAsync(await response.Content.ReadAsStringAsync(), response.RequestMessage!.RequestUri!);

    /// <summary>Fields of the form (by index or by its action) with their current values, as a browser would send them.</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked && !string.IsNullOrEmpty(input.Name))
                    {
                        fields.Add(new(input.Name, input.Value));
                    }
                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button" or "file":
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var selected = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    if (selected is not null)
                    {
                        fields.Add(new(select.Name, selected.Value));
                    }
                    break;
            }
        }
        return fields;
    }

    /// <summary>Submits the page's form (the one whose action matches, or the first with a token) with values overridden.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, IDictionary<string, string?> values, string? formAction = null, HttpContent? extraContent = null)
    {
        var (target, content) = Prepare(page, values, formAction, extraContent);
        return await Http.PostAsync(target, content);
    }

    /// <summary>The address and body a browser would post for the page's form, without sending them.</summary>
    public static (Uri Target, HttpContent Content) Prepare(IHtmlDocument page, IDictionary<string, string?> values, string? formAction = null, HttpContent? extraContent = null)
    {
        var form = page.Forms.FirstOrDefault(f => formAction is null
                ? f.Elements.Any(e => e is IHtmlInputElement { Name: "__RequestVerificationToken" }) && !(f.Action ?? "").EndsWith("/Culture", StringComparison.OrdinalIgnoreCase) && !(f.Action ?? "").EndsWith("/Logout", StringComparison.OrdinalIgnoreCase)
                : (f.GetAttribute("action") ?? "").Equals(formAction, StringComparison.OrdinalIgnoreCase));
        // Otherwise the form whose button says where it posts (formaction), as a browser sends it when that button is pressed.
        string? buttonAction = null;
        if (form is null && formAction is not null)
        {
            form = page.Forms.FirstOrDefault(f => f.QuerySelectorAll("[formaction]").Any(b => (b.GetAttribute("formaction") ?? "").Equals(formAction, StringComparison.OrdinalIgnoreCase)));
            buttonAction = form is null ? null : formAction;
        }
        if (form is null)
        {
            throw new InvalidOperationException("No such form on the page.");
        }
        var fields = FieldsOf(form);
        foreach (var (key, value) in values)
        {
            fields.RemoveAll(f => f.Key == key);
            if (value is not null)
            {
                fields.Add(new(key, value));
            }
        }
        var action = buttonAction ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(new Uri(page.Url), action).ToString();
        HttpContent content;
        if (string.Equals(form.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase) || extraContent is not null)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (key, value) in fields)
            {
                multipart.Add(new StringContent(value), key);
            }
            if (extraContent is MultipartFormDataContent files)
            {
                foreach (var part in files)
                {
                    multipart.Add(part);
                }
            }
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields);
        }
        return (new Uri(target), content);
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var page = await GetPageAsync("/Account/Login");
        return await SubmitAsync(page, new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
    }
}
