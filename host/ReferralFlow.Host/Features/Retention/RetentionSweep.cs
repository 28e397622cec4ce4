using Hangfire;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Retention;

/// <summary>
/// Destroys the personal data of closed referrals whose retention period has ended (사회보장급여법 §34: five years by
/// default): the household's name, birth date, address and phone, who consented, note texts, step outcomes and the
/// variables and timeline details that may repeat them. The referral number, dates, steps, agencies and statuses stay,
/// so aggregate reports still add up. Each referral is anonymised in its own transaction and audited.
/// </summary>
public sealed class RetentionSweep(ReferralFlowDbContext db, WorkflowDbContext workflow, UnitOfWork unitOfWork, TimeProvider time)
{
    public const string Anonymised = "(보존기간 경과로 파기됨)";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Referrals.AsNoTracking()
            .Where(r => r.ClosedAt != null && r.RetainUntil <= now && r.Household.Name != Anonymised)
            .OrderBy(r => r.RetainUntil).Select(r => r.Id).Take(500)
            .ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            await unitOfWork.ExecuteAsync(ct => AnonymiseAsync(id, now, ct), cancellationToken);
        }

        return due.Count;
    }

    private async Task AnonymiseAsync(Guid referralId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.Include(r => r.Consents).SingleAsync(r => r.Id == referralId, cancellationToken);
        referral.Household = new Household { Name = Anonymised, Members = referral.Household.Members };
        referral.ClosingOutcome = referral.ClosingOutcome is null ? null : Anonymised;
        referral.Revision++;
        foreach (var consent in referral.Consents)
        {
            consent.ConsentedBy = Anonymised;
            consent.Relationship = null;
            consent.UrgentReason = consent.UrgentReason is null ? null : Anonymised;
        }

        await db.ReferralNotes.Where(n => n.ReferralId == referralId)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.Text, Anonymised), cancellationToken);
        await workflow.Tasks.Where(t => t.InstanceId == referral.InstanceId)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.OutcomeJson, (string?)null).SetProperty(x => x.CancelReason, x => x.CancelReason == null ? null : Anonymised), cancellationToken);
        await workflow.Timeline.Where(e => e.InstanceId == referral.InstanceId)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.DataJson, (string?)null), cancellationToken);
        var instance = await workflow.Instances.SingleAsync(i => i.Id == referral.InstanceId, cancellationToken);
        instance.StateJson = InstanceStateJson.Serialize(
            InstanceStateJson.Deserialize(instance.StateJson) with { Variables = InstanceState.Empty.Variables });
        instance.Revision++;
        db.AuditLog.Add(new AuditEntry { At = now, Action = "referral.anonymised", ReferralId = referralId, Detail = "retention period ended" });
    }
}
