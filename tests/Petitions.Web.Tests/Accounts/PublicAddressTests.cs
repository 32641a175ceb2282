using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Accounts;

/// <summary>Links in mail point to the site's configured public address, never to a default or the request's host.</summary>
public sealed class PublicAddressTests : IAsyncLifetime
{
    private readonly PublicAddressFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task AnInvitation_LinksToTheConfiguredPublicAddress()
    {
        await _factory.CreateStaffAsync("admin@example.org", Roles.Admin, "管理员", "省厅", "430000");
        var admin = new FormClient(_factory.CreateClient(new() { AllowAutoRedirect = true }));
        await _factory.SignInStaffAsync(admin, "admin@example.org", PetitionsFactory.StaffPassword);
        var page = await admin.GetPageAsync("/Admin/Staff", "en");
        await admin.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Email"] = "invited@example.org", ["Input.Name"] = "新同事", ["Input.Unit"] = "衡南县人社局", ["Input.Role"] = Roles.Officer,
            ["Input.Jurisdictions"] = "430422", ["Input.Culture"] = "en",
        }, formAction: "/Admin/Staff?handler=Create");

        var invitation = await MailBox.WaitForAsync(_factory.MailFolder, "invited@example.org");
        var link = System.Text.RegularExpressions.Regex.Match(invitation.TextBody ?? "", @"https?://\S+").Value;
        Assert.StartsWith("https://petitions.example.gov.cn/Account/ResetPassword?", link, StringComparison.Ordinal);
    }

    private sealed class PublicAddressFactory() : PetitionsFactory("public-address", kestrel: false)
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Petitions:PublicBaseUrl", "https://petitions.example.gov.cn")];
    }
}
