using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;

namespace Petitions.Web.Services;

/// <summary>
/// Files accepted while a form is being filled: stored at once and carried between posts as
/// tamper-proof tokens, so a form shown again with errors keeps them listed.
/// </summary>
public sealed class UploadSession(AttachmentStore store, IDataProtectionProvider protection, IStringLocalizer<SharedResource> l,
    IHttpContextAccessor http, IMemoryCache memory)
{
    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Petitions.PendingAttachment").ToTimeLimitedDataProtector();

    public List<StoredFile> Accepted { get; } = [];

    public IEnumerable<string> Tokens => Accepted.Select(f => _protector.Protect(JsonSerializer.Serialize(f), TimeSpan.FromHours(24)));

    /// <summary>Reads back earlier tokens, then stores new uploads; problems go next to <paramref name="field"/>.</summary>
    public async Task AcceptAsync(IEnumerable<string> tokens, IEnumerable<IFormFile> uploads, ModelStateDictionary modelState, string field, CancellationToken ct)
    {
        foreach (var token in tokens.Take(store.Options.MaxFiles))
        {
            try
            {
                var file = JsonSerializer.Deserialize<StoredFile>(_protector.Unprotect(token));
                if (file is not null && store.Exists(file.StorageKey) && Accepted.All(a => a.StorageKey != file.StorageKey))
                {
                    Accepted.Add(file);
                }
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
            {
                // An expired or forged token is simply not a file any more.
            }
        }
        foreach (var upload in uploads.Where(u => u.Length > 0 || !string.IsNullOrEmpty(u.FileName)))
        {
            if (Accepted.Count >= store.Options.MaxFiles)
            {
                modelState.AddModelError(field, l["Upload.TooMany", store.Options.MaxFiles]);
                break;
            }
            var (file, problem) = ClientMayStore(upload.Length) ? await store.SaveAsync(upload, ct) : (null, UploadProblem.ClientLimit);
            if (file is not null)
            {
                Accepted.Add(file);
                continue;
            }
            modelState.AddModelError(field, Message(problem, DisplayNames.Sanitize(upload.FileName, null)));
        }
    }

    /// <summary>
    /// Cleans every file still as it was sent (<see cref="AttachmentStore.CleanAsync"/>): called once the form is
    /// otherwise ready to be stored, so navigation posts and previews never pay for it. A file that cannot be cleaned
    /// leaves the list, with a message next to <paramref name="field"/>; the caller then shows the form again.
    /// </summary>
    public async Task CleanAsync(ModelStateDictionary modelState, string field, CancellationToken ct)
    {
        for (var i = 0; i < Accepted.Count; i++)
        {
            var (file, problem) = await store.CleanAsync(Accepted[i], ct);
            if (file is not null)
            {
                Accepted[i] = file;
                continue;
            }
            modelState.AddModelError(field, Message(problem, Accepted[i].DisplayName));
            Accepted.RemoveAt(i--);
        }
    }

    private string Message(UploadProblem problem, string name) => problem switch
        {
            UploadProblem.TooLarge => l["Upload.TooLarge", name, store.Options.MaxFileBytes / (1024 * 1024)],
            UploadProblem.Empty => l["Upload.Empty", name],
            UploadProblem.Unreadable => l["Upload.Unreadable", name],
            UploadProblem.ImageTooLarge => l["Upload.ImageTooLarge", name, store.Options.MaxImagePixels / 1_000_000],
            UploadProblem.UnpacksTooLarge => l["Upload.UnpacksTooLarge", name, store.Options.MaxUnpackedBytes / (1024 * 1024)],
            UploadProblem.DiskFull => l["Upload.DiskFull", name],
            UploadProblem.ClientLimit => l["Upload.ClientLimit", name],
            UploadProblem.CannotClean => l["Upload.CannotClean", name],
            _ => l["Upload.TypeNotAllowed", name],
        };

    /// <summary>
    /// Counts what this client stores within the hour (a keyed hash of its address, in memory only, as the rate limits
    /// do) and refuses past <see cref="StorageOptions.MaxBytesPerClientPerHour"/>.
    /// </summary>
    private bool ClientMayStore(long bytes)
    {
        if (http.HttpContext is not { } context)
        {
            return true;
        }
        var key = "upload-bytes:" + Infrastructure.RateGate.ClientOf(context);
        var used = memory.TryGetValue(key, out long stored) ? stored : 0;
        if (used + bytes > store.Options.MaxBytesPerClientPerHour)
        {
            return false;
        }
        memory.Set(key, used + bytes, TimeSpan.FromHours(1));
        return true;
    }
}
