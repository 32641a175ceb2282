using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Petitions.Data;
using Petitions.Web.Infrastructure;

namespace Petitions.Web.Services;

/// <summary>
/// Mails to an account, in the account's language, with links built on the configured public address
/// (never the request's Host header, so a forged Host cannot redirect a link).
/// </summary>
public sealed class LocalizedMailer(Mailer mailer, IStringLocalizer<SharedResource> l, IOptions<PetitionsOptions> options)
{
    public string Link(string pathAndQuery) => options.Value.PublicBaseUrl.TrimEnd('/') + pathAndQuery;

    public Task SendAsync(AppUser user, string subjectKey, string bodyKey, object[] bodyArguments, CancellationToken ct) =>
        SendAsync(user, subjectKey, bodyKey, bodyArguments, null, ct);

    public Task SendAsync(AppUser user, string subjectKey, string bodyKey, object[] bodyArguments, string? messageKey, CancellationToken ct) =>
        SendAsync(user.Email!, user.PreferredCulture, subjectKey, bodyKey, bodyArguments, messageKey, ct);

    /// <summary>A mail whose text is put together from several strings, in the account's language.</summary>
    public async Task SendComposedAsync(AppUser user, Func<IStringLocalizer, (string Subject, string Body)> compose, string? messageKey, CancellationToken ct)
    {
        var (subject, body) = LocalizationSetup.InCulture(user.PreferredCulture, () => compose(l));
        await mailer.SendAsync(user.Email!, subject, body, messageKey, ct);
    }

    /// <summary>A mail to an address that is not an account's (a real-name reporter's, from their sealed identity), in the given language.</summary>
    public async Task SendAsync(string address, string? culture, string subjectKey, string bodyKey, object[] bodyArguments, string? messageKey, CancellationToken ct)
    {
        var (subject, body) = LocalizationSetup.InCulture(culture, () => (l[subjectKey].Value, l[bodyKey, bodyArguments].Value));
        await mailer.SendAsync(address, subject, body, messageKey, ct);
    }

    /// <summary>The same, with a closing paragraph after the body (a formal notice's title and number).</summary>
    public async Task SendAsync(string address, string? culture, string subjectKey, string bodyKey, object[] bodyArguments,
        (string Key, object[] Arguments)? closing, string? messageKey, CancellationToken ct)
    {
        var (subject, body) = LocalizationSetup.InCulture(culture, () => (l[subjectKey].Value,
            closing is { } last ? l[bodyKey, bodyArguments].Value + "\n\n" + l[last.Key, last.Arguments].Value : l[bodyKey, bodyArguments].Value));
        await mailer.SendAsync(address, subject, body, messageKey, ct);
    }
}
