using Petitions.Testing;

namespace Petitions.Web.Tests.Foundation;

/// <summary>A wrong setting stops the site at start, and the message names the setting (never a secret's value).</summary>
public sealed class StartupSettingsTests(PetitionsFactory factory) : WebTest(factory)
{
    [Theory]
    [InlineData("Petitions:AccessKeySecret", "too-short-to-be-a-secret", "AccessKeySecret")]
    [InlineData("TimeLimits:TimeZoneId", "Mars/Olympus_Mons", "TimeLimits:TimeZoneId")]
    [InlineData("ReadReplica:MaxLagSeconds", "-5", "MaxLagSeconds")]
    [InlineData("Petitions:PublicBaseUrl", "not a url", "PublicBaseUrl")]
    public async Task AWrongSetting_StopsTheSite_AndIsNamed(string key, string value, string named)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), new Dictionary<string, string> { [key] = value }));
        Assert.Contains("exited at start", refused.Message, StringComparison.Ordinal);
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        if (key.EndsWith("Secret", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ABrokenCalendarFile_StopsTheSite_NamingTheFileAndTheProblem()
    {
        var folder = Directory.CreateTempSubdirectory("calendar-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "2027.json"), """{ "source": "x", "holidays": { "2027-01-01": "元旦" }, "workdays": { "2027-01-04": "Monday" } }""");
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                SiteProcess.StartAsync(Factory, SiteProcess.FreePort(), new Dictionary<string, string> { ["Calendar:Folder"] = folder.FullName }));
            Assert.Contains("Calendar file 2027.json: 2027-01-04 is a weekday", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(true);
        }
    }
}
