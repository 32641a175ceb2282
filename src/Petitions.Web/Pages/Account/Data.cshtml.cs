using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Data;
using Petitions.Web.UseCases.Accounts;

namespace Petitions.Web.Pages.Account;

/// <summary>"Your data": everything the site holds about the account and its real-name reports, readable here and as a JSON download.</summary>
public sealed class DataModel(UserManager<AppUser> users, AccountChanges changes) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public MyData Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Data = await changes.ExportAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetJsonAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(await changes.ExportAsync(user, ct), Json);
        return File(bytes, "application/json", "petitions-my-data.json");
    }
}
