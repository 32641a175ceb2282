using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Accounts;

/// <summary>Whether an address has an account does not show in the work the site does: the password is hashed once either way.</summary>
public sealed class EqualWorkTests(PetitionsFactory factory) : WebTest(factory)
{
    private async Task<int> HashesAsync(Func<Task> act)
    {
        var before = Factory.PasswordHasher.Calls;
        await act();
        return Factory.PasswordHasher.Calls - before;
    }

    [Fact]
    public async Task SignIn_HashesOnce_ForAnUnknownAddress_AndForAKnownOneWithAWrongPassword()
    {
        await Factory.CreateUserAsync("known@example.org", "Citizen-Pass-1", Roles.Citizen);
        // The dummy hash an unknown address is checked against is made once per process, by the first such sign-in.
        await NewClient().SignInAsync("first@example.org", "Some-Pass-123");
        var unknown = await HashesAsync(() => NewClient().SignInAsync("nobody@example.org", "Some-Pass-123"));
        var known = await HashesAsync(() => NewClient().SignInAsync("known@example.org", "Some-Pass-123"));
        Assert.Equal(1, unknown);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task Registration_HashesOnce_ForANewAddress_AndForOneAlreadyTaken()
    {
        await Factory.CreateUserAsync("taken@example.org", "Citizen-Pass-1", Roles.Citizen);
        async Task RegisterAsync(string email)
        {
            var client = NewClient();
            var page = await client.GetPageAsync("/Account/Register", "en");
            await client.SubmitAsync(page, new Dictionary<string, string?>
            {
                ["Input.Email"] = email, ["Input.Password"] = "Long-Enough-Pass-1", ["Input.ConfirmPassword"] = "Long-Enough-Pass-1",
            });
        }
        var fresh = await HashesAsync(() => RegisterAsync("fresh@example.org"));
        var taken = await HashesAsync(() => RegisterAsync("taken@example.org"));
        Assert.Equal(1, fresh);
        Assert.Equal(fresh, taken);
    }
}
