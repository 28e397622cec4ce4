using Hangfire;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Retention;

/// <summary>
/// Destroys the personal data of closed referrals whose retention period has ended (사회보장급여법 §34: five years by
/// default) in every copy: the household's name, birth date, address and phone, who consented and why, note texts,
/// step outcomes and cancel reasons, the workflow variables, timeline details, the data of outbox messages (the closing
/// reply repeats the outcome) and the free-text reasons in the audit log (repairs). The referral number, dates, steps,
/// agencies, statuses and the audit trail of who did what stay, so reports still add up. Each referral is anonymised
/// in its own transaction and audited. Then <see cref="DormantReferralReview"/> flags open referrals without activity
/// for the whole period to the district hub.
/// </summary>
public sealed class RetentionSweep(
    ReferralFlowDbContext db, InstanceRetention instances, UnitOfWork unitOfWork, DormantReferralReview dormant, TimeProvider time)
{
    public const string Anonymised = "(보존기간 경과로 파기됨)";

    public const string AnonymisedAction = "referral.anonymised";

    private const string ReasonMarker = "; reason: ";

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

        await dormant.RunAsync(now, cancellationToken);
        return due.Count;
    }

    private async Task AnonymiseAsync(Guid referralId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.Include(r => r.Consents).Include(r => r.Grants).SingleAsync(r => r.Id == referralId, cancellationToken);
        referral.Household = new Household { Name = Anonymised, Members = referral.Household.Members };
        referral.ClosingOutcome = referral.ClosingOutcome is null ? null : Anonymised;
        // The keyed hash still identifies the household to whoever holds the key; the closing code is no personal data.
        referral.HouseholdKey = null;
        referral.HouseholdAddressKey = null;
        referral.DuplicateReason = referral.DuplicateReason is null ? null : Anonymised;
        referral.Revision++;
        foreach (var consent in referral.Consents)
        {
            consent.ConsentedBy = Anonymised;
            consent.Relationship = null;
            consent.UrgentReason = consent.UrgentReason is null ? null : Anonymised;
        }

        referral.Grants.ForEach(g => g.Reason = Anonymised);

        await db.ReferralNotes.Where(n => n.ReferralId == referralId)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.Text, Anonymised), cancellationToken);
        // A transfer's notes (전출) are free text about the household too; the codes and districts stay.
        await db.ReferralTransfers.Where(t => t.ReferralId == referralId && (t.Note != null || t.DeclineNote != null))
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.Note, x => x.Note == null ? null : Anonymised)
                .SetProperty(x => x.DeclineNote, x => x.DeclineNote == null ? null : Anonymised), cancellationToken);
        // Audit entries keep who did what and when; only the administrator's free-text reason goes.
        foreach (var entry in await db.AuditLog.Where(a => a.ReferralId == referralId && a.Detail!.Contains(ReasonMarker)).ToListAsync(cancellationToken))
        {
            var detail = entry.Detail!;
            entry.Detail = detail[..detail.IndexOf(ReasonMarker, StringComparison.Ordinal)] + ReasonMarker + Anonymised;
        }

        await instances.AnonymiseAsync(referral.InstanceId, Anonymised, cancellationToken);
        db.AuditLog.Add(new AuditEntry { At = now, Action = AnonymisedAction, ReferralId = referralId, Detail = "retention period ended" });
    }
}
