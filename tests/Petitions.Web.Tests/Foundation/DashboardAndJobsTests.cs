using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Hangfire;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Foundation;

public sealed class DashboardAndJobsTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task HangfireDashboard_IsRefusedToAnonymous()
    {
        var response = await NewClient().Http.GetAsync("/hangfire");
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, response.StatusCode.ToString());
    }

    [Fact]
    public async Task HangfireDashboard_IsRefusedToAnOfficer()
    {
        await Factory.CreateUserAsync("officer@example.org", "Officer-Pass-1", Roles.Officer);
        var client = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await Factory.SignInStaffAsync(client, "officer@example.org", "Officer-Pass-1")).StatusCode);
        var response = await client.Http.GetAsync("/hangfire");
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, response.StatusCode.ToString());
    }

    [Fact]
    public async Task HangfireDashboard_IsOpenToAnAdmin()
    {
        await Factory.CreateUserAsync("admin@example.org", "Admin-Pass-12", Roles.Admin);
        var client = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await Factory.SignInStaffAsync(client, "admin@example.org", "Admin-Pass-12")).StatusCode);
        var response = await client.Http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hangfire", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueuedJob_RunsWithinTwoSeconds()
    {
        // Warm-up: the first job of a run pays for JIT and connection set-up.
        await RunAndTimeAsync();
        var elapsed = await RunAndTimeAsync();
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"job started after {elapsed.TotalMilliseconds:F0} ms");
    }

    private async Task<TimeSpan> RunAndTimeAsync()
    {
        var marker = Guid.NewGuid();
        var watch = Stopwatch.StartNew();
        Factory.Jobs.Enqueue(() => ProbeJob.Run(marker));
        await Wait.UntilAsync(() => ProbeJob.Seen.ContainsKey(marker), TimeSpan.FromSeconds(10));
        return watch.Elapsed;
    }
}

/// <summary>A job that only records that it ran.</summary>
public static class ProbeJob
{
    public static readonly ConcurrentDictionary<Guid, bool> Seen = new();

    public static void Run(Guid marker) => Seen[marker] = true;
}
