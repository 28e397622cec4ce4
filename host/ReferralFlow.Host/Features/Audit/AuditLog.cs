using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Audit;

/// <summary>
/// Records reads and changes of a household's personal data and administrative actions (who, when, what). Entries hold
/// ids and action names only, never the personal data; they are saved with the caller's unit of work, or at once.
/// </summary>
public sealed class AuditLog(ReferralFlowDbContext db, CurrentUser user, TimeProvider time)
{
    /// <summary>
    /// Adds an entry to the pending changes (saved with the use case's transaction). It belongs to
    /// <paramref name="district"/>, by default the caller's.
    /// </summary>
    public void Record(string action, Guid? referralId, string? detail = null, string? district = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            UserId = user.IsAuthenticated ? user.Id : null,
            AgencyId = user.IsAuthenticated ? user.AgencyId : null,
            District = district ?? (user.IsAuthenticated && user.District.Length > 0 ? user.District : null),
            Action = action,
            ReferralId = referralId,
            Detail = detail,
        });

    /// <summary>Records and saves at once (for reads, which have no unit of work of their own).</summary>
    public async Task RecordNowAsync(string action, Guid? referralId, string? detail, CancellationToken cancellationToken)
    {
        Record(action, referralId, detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Audit action names.</summary>
public static class AuditActions
{
    public const string ReferralOpened = "referral.opened";
    public const string ReferralOpenedDespiteDuplicate = "referral.opened-despite-duplicate";
    public const string ReferralRead = "referral.read";
    public const string ReferralListed = "referral.listed";
    public const string TimelineRead = "referral.timeline-read";
    public const string ReferralClosed = "referral.closed";
    public const string NoteAdded = "referral.note-added";
    public const string ConsentRecorded = "referral.consent-recorded";
    public const string ConsentsRead = "referral.consents-read";
    public const string ConsentWithdrawn = "referral.consent-withdrawn";
    public const string ParticipantAdded = "referral.participant-added";
    public const string ParticipantRemoved = "referral.participant-removed";
    public const string TaskRead = "task.read";
    public const string TaskClaimed = "task.claimed";
    public const string TaskUnclaimed = "task.unclaimed";
    public const string TaskCompleted = "task.completed";
    public const string TaskReturned = "task.returned";
    public const string TaskReassigned = "task.reassigned";
    public const string RepairPrefix = "repair.";

    public const string RepairSkipStep = "repair.skip-step";
    public const string RepairCancelBranch = "repair.cancel-branch";
    public const string RepairReopenStep = "repair.reopen-step";
    public const string RepairMoveToken = "repair.move-token";
    public const string RepairMigrate = "repair.migrate";
}
