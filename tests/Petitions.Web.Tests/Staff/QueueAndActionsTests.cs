using Microsoft.EntityFrameworkCore;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Staff;

public sealed class QueueAndActionsTests(PetitionsFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task TheQueue_FiltersByRegionPriorityIdentityAndDate()
    {
        var officer = await SignedInStaffAsync("city@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        var hengnan = Filing.ValidFields();
        var (_, inHengnan, _) = await Filing.FileAndTriageAsync(Factory, NewClient(), hengnan);
        var leiyang = Filing.ValidFields("耒阳市某村协管员持有多张社保卡，每月取款，村民不知情。");
        leiyang["Input.CountyCode"] = "430481";
        leiyang["Input.People[0].Name"] = "赵某";
        leiyang["Input.People[0].Unit"] = "耒阳市某村委会";
        leiyang["Input.AmountYuan"] = "";
        leiyang["Input.CardsOrPeople"] = "";
        var (_, inLeiyang, _) = await Filing.FileAndTriageAsync(Factory, NewClient(), leiyang);

        async Task<string[]> Numbers(string query) =>
            (await officer.GetPageAsync("/Staff?" + query)).QuerySelectorAll("#queue tbody a").Select(a => a.TextContent).ToArray();

        Assert.Equal(2, (await Numbers("")).Length);
        Assert.Equal([inHengnan], await Numbers("region=430422"));
        Assert.Equal([inLeiyang], await Numbers("region=430481"));
        Assert.Empty(await Numbers("region=440100"));
        var high = await Factory.QueryAsync(db => db.Reports.Where(r => r.TrackingNumber == inHengnan).Select(r => r.Priority).SingleAsync());
        Assert.Equal([inHengnan], await Numbers($"minPriority={high}"));
        Assert.Equal(2, (await Numbers("identity=anonymous")).Length);
        Assert.Empty(await Numbers("identity=realname"));
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, (await Numbers($"from={today}&to={today}")).Length);
        Assert.Empty(await Numbers("to=2020-01-01"));
    }

    [Fact]
    public async Task TheQueue_FindsATrackingNumberAsTyped_InAnyStatus_CountsItsRows_AndExplainsBadFilters()
    {
        var officer = await SignedInStaffAsync("city@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        var (id, number, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        await Filing.FileAndTriageAsync(Factory, NewClient());
        var page = await officer.GetPageAsync($"/Staff/Report/{id}");
        await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Reason"] = "不属于本单位职责范围" }, formAction: ActionOf(page, "Decline"));

        // Declined is not open: the queue no longer lists it, but its number finds it, typed any way a caller reads it.
        var queue = await officer.GetPageAsync("/Staff", "en");
        Assert.Equal("1 reports", queue.QuerySelector("#queue-count")!.TextContent);
        foreach (var typed in new[] { number, number.Replace("-", "", StringComparison.Ordinal), number.ToLowerInvariant(), " " + number + " " })
        {
            var found = await officer.GetPageAsync("/Staff?q=" + Uri.EscapeDataString(typed), "en");
            Assert.Equal([number], found.QuerySelectorAll("#queue tbody a").Select(a => a.TextContent));
        }
        Assert.Equal("No report you may see has the tracking number 0000000000.",
            (await officer.GetPageAsync("/Staff?q=0000000000", "en")).QuerySelector("#queue-count")!.TextContent);
        var all = await officer.GetPageAsync("/Staff?status=all", "en");
        Assert.Equal(2, all.QuerySelectorAll("#queue tbody tr").Length);
        Assert.Equal("all", all.QuerySelector("#status option[selected]")!.GetAttribute("value"));

        // Each filter that cannot be used says why beside itself, keeps what was typed, and the rest still apply.
        var bad = await officer.GetPageAsync("/Staff?region=" + Uri.EscapeDataString("衡北县") + "&minPriority=abc&from=2026-12-01&to=2026-11-01", "en");
        Assert.StartsWith("No region has this code or name.", bad.QuerySelector("#region-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("衡北县", bad.QuerySelector("#region")!.GetAttribute("value"));
        Assert.Equal("Type a whole number from 0 to 10,000.", bad.QuerySelector("#minPriority-error")!.TextContent);
        Assert.Equal("abc", bad.QuerySelector("#minPriority")!.GetAttribute("value"));
        Assert.Equal("The end date is before the start date.", bad.QuerySelector("#to-error")!.TextContent);
        // A region may be typed by its name.
        var named = await officer.GetPageAsync("/Staff?status=all&region=" + Uri.EscapeDataString("衡南县"), "en");
        Assert.Null(named.QuerySelector("#region-error"));
        Assert.Equal(2, named.QuerySelectorAll("#queue tbody tr").Length);
    }

    [Fact]
    public async Task TheQueue_PagesForwardAndBack()
    {
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        await Factory.QueryAsync(async db =>
        {
            var synthetic = new Seeding.SyntheticReports(Factory.Service<Core.Regions.RegionCatalogue>(), Factory.Service<Core.Policy.TimeLimitPolicy>());
            var county = Factory.Service<Core.Regions.RegionCatalogue>().Find("430422");
            for (var i = 0; i < 120; i++)
            {
                var report = synthetic.Next(DateTimeOffset.UtcNow.AddMinutes(-i), county);
                report.QueueRegionCode = "430422";
                report.TriagedAt = DateTimeOffset.UtcNow;
                db.Reports.Add(report);
            }
            await db.SaveChangesAsync();
            return 0;
        });
        var first = await officer.GetPageAsync("/Staff?sort=age", "en");
        Assert.Equal("120 reports", first.QuerySelector("#queue-count")!.TextContent);
        Assert.Null(first.QuerySelector("#previous-page"));
        var firstRows = first.QuerySelectorAll("#queue tbody a").Select(a => a.TextContent).ToList();
        var second = await officer.GetPageAsync(first.QuerySelector("#next-page")!.GetAttribute("href")!, "en");
        var third = await officer.GetPageAsync(second.QuerySelector("#next-page")!.GetAttribute("href")!, "en");
        Assert.Equal(20, third.QuerySelectorAll("#queue tbody tr").Length);
        Assert.Null(third.QuerySelector("#next-page"));
        // A last page that is not full still counts every match, not its own rows.
        Assert.Equal("120 reports", third.QuerySelector("#queue-count")!.TextContent);
        var back = await officer.GetPageAsync(third.QuerySelector("#previous-page")!.GetAttribute("href")!, "en");
        Assert.Equal(second.QuerySelectorAll("#queue tbody a").Select(a => a.TextContent), back.QuerySelectorAll("#queue tbody a").Select(a => a.TextContent));
        var start = await officer.GetPageAsync(back.QuerySelector("#previous-page")!.GetAttribute("href")!, "en");
        Assert.Equal(firstRows, start.QuerySelectorAll("#queue tbody a").Select(a => a.TextContent));
        Assert.Null(start.QuerySelector("#previous-page"));
    }

    [Fact]
    public async Task BulkActions_GoThroughTheSameRulesAsOne_AndSayWhatWasRefusedAndWhy()
    {
        var supervisor = await SignedInStaffAsync("chief@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var ids = new List<Guid>();
        for (var i = 0; i < 21; i++)
        {
            ids.Add((await Filing.FileAndTriageAsync(Factory, NewClient())).Id);
        }
        // The officer claims one first; the supervisor assigns all 21 (the claimed one included) to that officer in one go.
        var own = await officer.GetPageAsync($"/Staff/Report/{ids[0]}");
        await officer.SubmitAsync(own, new Dictionary<string, string?>(), formAction: ActionOf(own, "Claim"));

        var queue = await supervisor.GetPageAsync("/Staff?sort=age", "en");
        Assert.Equal(21, queue.QuerySelectorAll("#queue tbody input[name=ids]").Length);
        var form = FormClient.FieldsOf(queue.Forms.Single(f => f.Id == "bulk-form"));
        form.RemoveAll(f => f.Key is "ids" or "bulkAction" or "assignee");
        form.AddRange(ids.Select(id => new KeyValuePair<string, string>("ids", id.ToString())));
        form.Add(new("bulkAction", "Assign"));
        var officerId = (await Factory.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "county@example.org"))).Id;
        Assert.Contains(queue.QuerySelectorAll("#bulk-assignee option"), o => o.GetAttribute("value") == officerId.ToString());
        form.Add(new("assignee", officerId.ToString()));
        // The form itself posts to the page; its button says where (so Enter can never post to another handler).
        Assert.DoesNotContain("handler", queue.QuerySelector("#bulk-form")!.GetAttribute("action") ?? "", StringComparison.Ordinal);
        var bulkAction = queue.QuerySelector("#bulk-submit")!.GetAttribute("formaction")!;
        var response = await supervisor.Http.PostAsync(new Uri(bulkAction, UriKind.Relative), new FormUrlEncodedContent(form));
        var after = await FormClient.ParseAsync(response);
        Assert.Equal(21, await Factory.QueryAsync(db => db.Reports.CountAsync(r => r.AssigneeId == officerId)));
        Assert.StartsWith("Assign: done for 21, refused for 0.", after.QuerySelector("#bulk-result")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(21, await Factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == Core.Audit.AuditAction.ReportAction && a.Detail.StartsWith("Assign"))));

        // An officer's bulk claim: already assigned reports are refused, each with its reason.
        var officerQueue = await officer.GetPageAsync("/Staff", "en");
        Assert.Null(officerQueue.QuerySelector("#bulk-assignee"));
        var claim = FormClient.FieldsOf(officerQueue.Forms.Single(f => f.Id == "bulk-form"));
        claim.RemoveAll(f => f.Key is "ids" or "bulkAction");
        claim.AddRange(ids.Take(2).Select(id => new KeyValuePair<string, string>("ids", id.ToString())));
        claim.Add(new("bulkAction", "Claim"));
        var refused = await FormClient.ParseAsync(await officer.Http.PostAsync(new Uri(officerQueue.QuerySelector("#bulk-submit")!.GetAttribute("formaction")!, UriKind.Relative), new FormUrlEncodedContent(claim)));
        Assert.Contains("refused for 2", refused.QuerySelector("#bulk-result")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, refused.QuerySelectorAll("#bulk-result li").Length);
    }

    [Fact]
    public async Task ASavedView_KeepsTheFilters_ForItsOwnerOnly()
    {
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var colleague = await SignedInStaffAsync("other@example.org", Roles.Officer, "李明", "衡南县信访局", "430422");
        var filtered = await officer.GetPageAsync("/Staff?view=unassigned&kind=deceased-pension&sort=due&after=5_" + Guid.NewGuid(), "en");
        var saved = await FormClient.ParseAsync(await officer.SubmitAsync(filtered, new Dictionary<string, string?> { ["name"] = "已故人员·未分配" },
            formAction: filtered.QuerySelector("#save-view")!.GetAttribute("formaction")));
        Assert.Equal("Saved as “已故人员·未分配”.", saved.QuerySelector("#bulk-result")!.TextContent.Trim());
        var link = saved.QuerySelectorAll("#saved-views a").Single(a => a.TextContent == "已故人员·未分配").GetAttribute("href");
        Assert.Equal("/Staff?view=unassigned&kind=deceased-pension&sort=due", link);
        Assert.Empty((await colleague.GetPageAsync("/Staff", "en")).QuerySelectorAll("#saved-views a"));

        var removed = await FormClient.ParseAsync(await officer.SubmitAsync(saved, new Dictionary<string, string?>(),
            formAction: saved.QuerySelector("#saved-views button[formaction*='DeleteView']")!.GetAttribute("formaction")));
        Assert.Empty(removed.QuerySelectorAll("#saved-views a"));
    }

    [Fact]
    public async Task ReferOutcomeMergeAndReopen_GoThroughTheStateMachine()
    {
        var officer = await SignedInStaffAsync("city@example.org", Roles.Supervisor, "吴刚", "衡阳市信访局", "430400");
        var (target, targetNumber, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var (duplicate, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());

        // A duplicate is merged into the first report.
        var page = await officer.GetPageAsync($"/Staff/Report/{duplicate}", "en");
        var bad = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.MergeInto"] = "ZZZZZ-ZZZZZ" }, formAction: ActionOf(page, "Merge")));
        Assert.Equal("No report with that number in your jurisdictions.", Filing.ErrorFor(bad, "Input.MergeInto"));
        var merged = await FormClient.ParseAsync(await officer.SubmitAsync(bad, new Dictionary<string, string?> { ["Input.MergeInto"] = targetNumber.ToLowerInvariant() }, formAction: ActionOf(bad, "Merge")));
        Assert.Equal("Merged into another report", merged.QuerySelector("#report-status")!.TextContent);
        Assert.Equal(target, await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == duplicate).Select(r => r.MergedIntoId).SingleAsync()));

        // The first one: verified, referred to the discipline commission, outcome recorded, closed.
        page = await officer.GetPageAsync($"/Staff/Report/{target}", "en");
        foreach (var action in new[] { "Claim", "Accept", "StartVerification" })
        {
            page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, action)));
        }
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Finding"] = "PartiallyVerified", ["Input.Text"] = "部分属实。" }, formAction: ActionOf(page, "RecordFinding")));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Referral"] = "DisciplineCommission" }, formAction: ActionOf(page, "Refer")));
        Assert.Equal("Referred", page.QuerySelector("#report-status")!.TextContent);
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.MoneyStopped"] = "120000", ["Input.MoneyRecovered"] = "85000", ["Input.PeopleSanctioned"] = "2", ["Input.PeopleReferred"] = "1",
        }, formAction: ActionOf(page, "RecordOutcome")));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Text"] = "已移送纪委，追回部分资金。" }, formAction: ActionOf(page, "Close")));
        var closed = await Factory.QueryAsync(db => db.Reports.SingleAsync(r => r.Id == target));
        Assert.Equal((ReportStatus.Closed, Referral.DisciplineCommission, 120000m, 85000m, 2, 1),
            (closed.Status, closed.Referral!.Value, closed.MoneyStoppedYuan, closed.MoneyRecoveredYuan, closed.PeopleSanctioned, closed.PeopleReferred));

        // The reporter asks for a review; the officer reopens it.
        await Factory.QueryAsync(async db =>
        {
            var r = await db.Reports.SingleAsync(x => x.Id == target);
            r.RequestReview("结论不完整，还有两张卡未查。", DateTimeOffset.UtcNow, Factory.Service<Core.Policy.TimeLimitPolicy>());
            return await db.SaveChangesAsync();
        });
        page = await officer.GetPageAsync($"/Staff/Report/{target}", "en");
        Assert.Null(page.QuerySelector("form[data-action='Close']"));
        page = await FormClient.ParseAsync(await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "Reopen")));
        Assert.Equal("Under verification", page.QuerySelector("#report-status")!.TextContent);
    }
}
