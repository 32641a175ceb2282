using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Campaigns;
using Petitions.Data;
using Petitions.Web.Services;

namespace Petitions.Web.UseCases.Reexamination;

public sealed record RectificationInput(string? Problem, string? Owner, DateOnly? DueOn);

public sealed record RectificationProgress(string? Evidence, decimal? Stopped, decimal? Recovered, bool Done);

/// <summary>Rectifications of the problems a re-examination found, recorded by the item's reviewer.</summary>
public sealed class Rectifications(AppDbContext db, Transaction transaction, AuditLog audit, TimePolicyClock clock)
{
    public Task<Outcome> AddAsync(long itemId, Guid reviewerId, RectificationInput input, CancellationToken ct) => transaction.RunAsync(async token =>
    {
        var item = await db.CampaignItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ReviewerId == reviewerId, token);
        if (item is null)
        {
            return Outcome.NotFound;
        }
        if (item.Verdict != ReviewVerdict.Overturned)
        {
            return Outcome.NotAllowed("Rectification.OnlyOverturned");
        }
        if (string.IsNullOrWhiteSpace(input.Problem))
        {
            return Outcome.Invalid("Fix.Problem", "Rectification.ProblemRequired");
        }
        if (string.IsNullOrWhiteSpace(input.Owner))
        {
            return Outcome.Invalid("Fix.Owner", "Rectification.OwnerRequired");
        }
        if (input.DueOn is null)
        {
            return Outcome.Invalid("Fix.DueOn", "Rectification.DueRequired");
        }
        db.Rectifications.Add(new Rectification
        {
            ItemId = item.Id, CampaignId = item.CampaignId, Problem = input.Problem.Trim(), Owner = input.Owner.Trim(), DueOn = input.DueOn.Value,
            CreatedAt = clock.Now, CreatedById = reviewerId,
        });
        await db.SaveChangesAsync(token);
        await audit.AppendAsync(reviewerId, AuditAction.Campaign, item.ReportId, $"rectification added (campaign item {item.Id})", token);
        return Outcome.Done("Rectification.Added");
    }, ct);

    public Task<Outcome> UpdateAsync(long rectificationId, Guid reviewerId, RectificationProgress input, CancellationToken ct) => transaction.RunAsync(async token =>
    {
        var fix = await db.Rectifications.SingleOrDefaultAsync(r => r.Id == rectificationId
            && db.CampaignItems.Any(i => i.Id == r.ItemId && i.ReviewerId == reviewerId), token);
        if (fix is null)
        {
            return Outcome.NotFound;
        }
        if (fix.DoneAt is not null)
        {
            return Outcome.NotAllowed("Rectification.AlreadyDone");
        }
        if (input.Stopped is < 0)
        {
            return Outcome.Invalid("Progress.Stopped", "Review.MoneyNegative");
        }
        if (input.Recovered is < 0)
        {
            return Outcome.Invalid("Progress.Recovered", "Review.MoneyNegative");
        }
        if (input.Done && string.IsNullOrWhiteSpace(input.Evidence) && string.IsNullOrWhiteSpace(fix.Evidence))
        {
            return Outcome.Invalid("Progress.Evidence", "Rectification.EvidenceRequired");
        }
        if (!string.IsNullOrWhiteSpace(input.Evidence))
        {
            fix.Evidence = input.Evidence.Trim();
        }
        fix.StoppedYuan += input.Stopped ?? 0;
        fix.RecoveredYuan += input.Recovered ?? 0;
        if (input.Done)
        {
            fix.DoneAt = clock.Now;
        }
        await db.SaveChangesAsync(token);
        await audit.AppendAsync(reviewerId, AuditAction.Campaign, null, $"rectification {fix.Id} {(input.Done ? "done" : "progress")}", token);
        return Outcome.Done(input.Done ? "Rectification.Done" : "Rectification.Progressed");
    }, ct);
}
