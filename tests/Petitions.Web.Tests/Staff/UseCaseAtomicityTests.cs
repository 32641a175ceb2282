using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Staff;

/// <summary>
/// A change and its audit entry commit together: when the audit entry cannot be written, the action is not
/// applied either. The audit table is made to refuse the entry with a trigger, as a full disk or a broken
/// chain would.
/// </summary>
public sealed class UseCaseAtomicityTests(PetitionsFactory factory) : WebTest(factory)
{
    private Task RefuseAuditAsync(string action) => AuditRefusal.RefuseAsync(Factory, action);

    public override Task DisposeAsync() => AuditRefusal.RestoreAsync(Factory);

    [Fact]
    public async Task AStaffAction_WhoseAuditEntryFails_IsNotApplied()
    {
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var (id, _, _) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        await RefuseAuditAsync("ReportAction");

        var claim = await officer.SubmitAsync(page, new Dictionary<string, string?>(), formAction: ActionOf(page, "Claim"));
        var note = await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Note"] = "不应保存" }, formAction: $"/Staff/Report/{id}?handler=Note");

        Assert.Equal(HttpStatusCode.InternalServerError, claim.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, note.StatusCode);
        var report = await Factory.QueryAsync(db => db.Reports.Include(r => r.Events).SingleAsync(r => r.Id == id));
        Assert.Null(report.AssigneeId);
        Assert.DoesNotContain(report.Events, e => e.Action == ReportAction.Claim || e.Kind == ReportEventKind.InternalNote);
    }

    [Fact]
    public async Task AReportersWithdrawal_WhoseAuditEntryFails_IsNotApplied()
    {
        var tracker = NewClient(followRedirects: true);
        var (id, number, key) = await Filing.FileAndTriageAsync(Factory, NewClient());
        var track = await FormClient.ParseAsync(await tracker.SubmitAsync(await tracker.GetPageAsync("/Track"),
            new Dictionary<string, string?> { ["Input.TrackingNumber"] = number, ["Input.AccessKey"] = key }));
        await RefuseAuditAsync("ReporterAction");

        // Withdrawing asks first, on a page of its own.
        var confirm = await tracker.GetPageAsync(track.QuerySelector("#withdraw")!.GetAttribute("href")!);
        var withdraw = HandlerButton(confirm, "Withdraw", "#confirm-withdrawal");
        var withdrawn = await tracker.SubmitAsync(confirm, new Dictionary<string, string?>(), formAction: withdraw);

        Assert.Equal(HttpStatusCode.InternalServerError, withdrawn.StatusCode);
        Assert.Equal(ReportStatus.Submitted, await Factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task ARuleEdit_WhoseAuditEntryFails_IsNotApplied()
    {
        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Routing", "en");
        var before = await Factory.QueryAsync(db => db.RoutingRules.CountAsync());
        await RefuseAuditAsync("RuleChanged");

        var saved = await admin.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Name"] = "新规则", ["Input.Target"] = "OwnCounty" },
            formAction: "/Admin/Routing?handler=Save");

        Assert.Equal(HttpStatusCode.InternalServerError, saved.StatusCode);
        Assert.Equal(before, await Factory.QueryAsync(db => db.RoutingRules.CountAsync()));
    }

    [Fact]
    public async Task ADisclosureRequest_WhoseAuditEntryFails_IsNotStored()
    {
        var (id, _, _) = await FileRealNameAsync("王小明", "11010519491231002X");
        var officer = await SignedInStaffAsync("county@example.org", Roles.Officer, "周洁", "衡南县信访局", "430422");
        var page = await officer.GetPageAsync($"/Staff/Report/{id}", "en");
        await RefuseAuditAsync("RevealRequested");

        var asked = await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Reason"] = "需要联系举报人" }, formAction: $"/Staff/Report/{id}?handler=RevealRequest");

        Assert.Equal(HttpStatusCode.InternalServerError, asked.StatusCode);
        Assert.Equal(0, await Factory.QueryAsync(db => db.IdentityDisclosures.CountAsync()));
    }

    [Fact]
    public async Task AStaffAccount_WhoseAuditEntryFails_IsNotCreated()
    {
        var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Staff", "en");
        await RefuseAuditAsync("AccountChanged");

        var created = await admin.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Email"] = "new-officer@example.org", ["Input.Name"] = "新承办人", ["Input.Unit"] = "衡南县人社局", ["Input.Role"] = Roles.Officer,
            ["Input.Jurisdictions"] = "430422", ["Input.Culture"] = "en",
        }, formAction: "/Admin/Staff?handler=Create");

        Assert.Equal(HttpStatusCode.InternalServerError, created.StatusCode);
        Assert.False(await Factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "new-officer@example.org")));
    }

    [Fact]
    public async Task ANoticeTemplateEdit_WhoseAuditEntryFails_IsNotApplied()
    {
        var admin = await AdminAsync();
        var template = await Factory.QueryAsync(db => db.NoticeTemplates.OrderBy(t => t.Id).FirstAsync());
        var page = await admin.GetPageAsync($"/Admin/Notices?id={template.Id}", "en");
        await RefuseAuditAsync("RuleChanged");

        var saved = await admin.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Title"] = "不应保存的标题", ["Input.Body"] = "不应保存的正文" },
            formAction: "/Admin/Notices?handler=Save");

        Assert.Equal(HttpStatusCode.InternalServerError, saved.StatusCode);
        Assert.Equal(template.Title, await Factory.QueryAsync(db => db.NoticeTemplates.Where(t => t.Id == template.Id).Select(t => t.Title).SingleAsync()));
    }

    [Fact]
    public async Task ADeskRegistration_WhoseAuditEntryFails_IsNotStored()
    {
        var officer = await SignedInStaffAsync("desk@example.org", Roles.Officer, "窗口", "衡南县人社局", "430422");
        var page = await officer.GetPageAsync("/Staff/Intake", "en");
        await RefuseAuditAsync("ReportAction");
        var today = Factory.Service<Core.Policy.TimeLimitPolicy>().LocalDay(Factory.Clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var registered = await officer.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Channel"] = "Letter", ["Input.ReceivedOn"] = today, ["Input.Region"] = "衡南县", ["Input.KindCode"] = "deceased-pension",
            ["Input.Description"] = "来信反映：已故人员的养老金仍在发放。",
        });

        Assert.Equal(HttpStatusCode.InternalServerError, registered.StatusCode);
        Assert.Equal(0, await Factory.QueryAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task ACampaignLessonChange_AndARectification_WhoseAuditEntriesFail_AreNotApplied()
    {
        var reviewer = await Factory.CreateStaffAsync("reviewer@example.org", Roles.Officer, "复查员", "省纪委监委", "430000");
        var report = Statistics.StatsPages.Received(Factory, "430422", "deceased-pension", new DateOnly(2015, 3, 1));
        await Statistics.StatsPages.StoreAsync(Factory, [report]);
        var campaign = new Core.Campaigns.Campaign
        {
            Id = Guid.NewGuid(), Name = "复查", LegalBasis = "《信访工作条例》", LeadBody = "省纪委监委", Deadline = new DateOnly(2030, 1, 1), RegionCode = "430000",
            Status = Core.Campaigns.CampaignStatus.Active, CreatedAt = Factory.Clock.GetUtcNow(),
        };
        var item = new Core.Campaigns.CampaignItem
        {
            CampaignId = campaign.Id, ReportId = report.Id, RegionCode = "430422", OriginalStatus = ReportStatus.Closed, ReviewerId = reviewer.Id,
            Verdict = Core.Campaigns.ReviewVerdict.Overturned, ReviewedAt = Factory.Clock.GetUtcNow(), Reasons = "理由",
        };
        await Factory.QueryAsync(async db =>
        {
            db.Campaigns.Add(campaign);
            db.CampaignItems.Add(item);
            return await db.SaveChangesAsync();
        });
        await RefuseAuditAsync("Campaign");
        await using var scope = Factory.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<UseCases.Reexamination.Campaigns>();
        var rectifications = scope.ServiceProvider.GetRequiredService<UseCases.Reexamination.Rectifications>();

        await Assert.ThrowsAnyAsync<Exception>(() => campaigns.SetLessonAsync(campaign.Id, reviewer.Id, 30, 10, CancellationToken.None));
        await Assert.ThrowsAnyAsync<Exception>(() => rectifications.AddAsync(item.Id, reviewer.Id,
            new UseCases.Reexamination.RectificationInput("停发冒领待遇", "衡南县人社局", new DateOnly(2030, 1, 1)), CancellationToken.None));

        Assert.Null(await Factory.QueryAsync(db => db.Campaigns.Where(c => c.Id == campaign.Id).Select(c => c.LessonThresholdPercent).SingleAsync()));
        Assert.Equal(0, await Factory.QueryAsync(db => db.Rectifications.CountAsync()));
    }

    [Fact]
    public async Task AnAccountDeletion_WhoseAuditEntryFails_DeletesNothing()
    {
        await Factory.CreateUserAsync("leaving@example.org", "Citizen-Pass-1", Roles.Citizen);
        await RefuseAuditAsync("AccountChanged");
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync("leaving@example.org"))!;

        await Assert.ThrowsAnyAsync<Exception>(() => scope.ServiceProvider.GetRequiredService<UseCases.Accounts.AccountChanges>().DeleteAsync(user, "Citizen-Pass-1", CancellationToken.None));

        Assert.True(await Factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "leaving@example.org")));
    }

    /// <summary>
    /// Every use case that writes an audit entry has its test here (by the handler's name): a new handler without one
    /// fails this test. The saved queue views are a person's preference and write no audit entry.
    /// </summary>
    private static readonly Dictionary<string, string> Tested = new(StringComparer.Ordinal)
    {
        ["ReportActions"] = nameof(AStaffAction_WhoseAuditEntryFails_IsNotApplied),
        ["ReporterActions"] = nameof(AReportersWithdrawal_WhoseAuditEntryFails_IsNotApplied),
        ["RuleEditing"] = nameof(ARuleEdit_WhoseAuditEntryFails_IsNotApplied),
        ["IdentityDisclosures"] = nameof(ADisclosureRequest_WhoseAuditEntryFails_IsNotStored),
        ["StaffAccounts"] = nameof(AStaffAccount_WhoseAuditEntryFails_IsNotCreated),
        ["RegimeAndNoticeEditing"] = nameof(ANoticeTemplateEdit_WhoseAuditEntryFails_IsNotApplied),
        ["FileReport"] = nameof(ADeskRegistration_WhoseAuditEntryFails_IsNotStored),
        ["Campaigns"] = nameof(ACampaignLessonChange_AndARectification_WhoseAuditEntriesFail_AreNotApplied),
        ["Rectifications"] = nameof(ACampaignLessonChange_AndARectification_WhoseAuditEntriesFail_AreNotApplied),
        ["AccountChanges"] = nameof(AnAccountDeletion_WhoseAuditEntryFails_DeletesNothing),
        ["RegisterImporter"] = nameof(ARegisterImport_WhoseAuditEntryFails_StoresNoRow),
        ["MatchingRun"] = nameof(AMatchingRun_WhoseAuditEntryFails_KeepsNoHit),
        ["HitOutcomes"] = nameof(Matching.MatchingAtomicityTests.AHitOutcome_WhoseAuditEntryFails_IsNotRecorded),
        ["HitNumbers"] = nameof(Matching.MatchingAtomicityTests.TheRollsNumbers_WhoseShowingCannotBeAudited_AreNotShown),
        ["RegisterHeaders"] = nameof(Matching.MatchingAtomicityTests.AHeaderMapping_WhoseAuditEntryFails_IsNotRemembered),
        ["LinkReviews"] = nameof(Matching.MatchingAtomicityTests.ALinkDecision_WhoseAuditEntryFails_IsNotKept),
        ["RegisterLookup"] = nameof(Matching.MatchingAtomicityTests.ARegisterLookup_WhoseAuditEntryFails_ShowsNothing),
        ["MatchingRuleEditing"] = nameof(Matching.MatchingAtomicityTests.AMatchingRuleChange_WhoseAuditEntryFails_IsNotApplied),
        ["RewardDecisions"] = nameof(Rewards.RewardTests.ARewardStep_WhoseAuditEntryFails_IsNotApplied),
        ["RewardClaims"] = nameof(Rewards.RewardTests.ARewardStep_WhoseAuditEntryFails_IsNotApplied),
        ["RewardPayments"] = nameof(Rewards.RewardTests.ARewardStep_WhoseAuditEntryFails_IsNotApplied),
        ["RewardRuleEditing"] = nameof(Rewards.RewardTests.AnAdministratorAddsAProvincesRule_AndTheNextRewardThereUsesIt),
    };

    [Fact]
    public async Task AMatchingRun_WhoseAuditEntryFails_KeepsNoHit()
    {
        await Factory.QueryAsync(async db =>
        {
            var import = new RegisterImport { Id = Guid.NewGuid(), FileName = "x.csv", Sha256 = [1], Source = Core.Matching.RegisterSource.PensionRoll };
            db.RegisterImports.Add(import);
            byte[] id = [7, 7, 7];
            db.RegisterEntries.AddRange(
                new RegisterEntry { ImportId = import.Id, Source = Core.Matching.RegisterSource.PensionRoll, PersonNumber = "P1", IdHash = id },
                new RegisterEntry { ImportId = import.Id, Source = Core.Matching.RegisterSource.Cremation, IdHash = id, EventDate = new DateOnly(2019, 1, 1) });
            var saved = await db.SaveChangesAsync();
            return saved + await TestRegisters.PaymentAsync(db, import.Id, "P1", new DateOnly(2020, 1, 1), 100);
        });
        await RefuseAuditAsync("MatchingRun");
        using (var scope = Factory.Services.CreateScope())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => scope.ServiceProvider.GetRequiredService<UseCases.Matching.MatchingRun>().RunAsync(CancellationToken.None));
        }
        Assert.Equal(0, await Factory.QueryAsync(db => db.MatchHits.CountAsync()));
    }

    [Fact]
    public async Task ARegisterImport_WhoseAuditEntryFails_StoresNoRow()
    {
        var analyst = await SignedInStaffAsync("analyst@example.org", Roles.Analyst, "数据分析员", "湖南省人社厅基金监督处", "430000");
        var page = await analyst.GetPageAsync("/Matching/Registers", "en");
        await RefuseAuditAsync("RegisterImported");
        var file = new MultipartFormDataContent { { new ByteArrayContent("姓名,死亡日期\n王德顺,2019-03-02\n"u8.ToArray()), "Upload", "deaths.csv" } };
        var response = await analyst.SubmitAsync(page, new Dictionary<string, string?> { ["Source"] = "HouseholdDeregistration" }, extraContent: file);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, await Factory.QueryAsync(db => db.RegisterImports.CountAsync()));
        Assert.Equal(0, await Factory.QueryAsync(db => db.RegisterEntries.CountAsync()));
    }

    [Fact]
    public void EveryHandlerThatAudits_HasItsAtomicityTest()
    {
        var handlers = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Petitions.Web.UseCases", StringComparison.Ordinal) == true
                && t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Services.AuditLog))))
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(handlers);
        Assert.Equal(handlers, Tested.Keys.Order(StringComparer.Ordinal));
    }
}
