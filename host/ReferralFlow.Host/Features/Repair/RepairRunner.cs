using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Repair;

/// <summary>The referral being repaired, the administrator's reason and the instance version the repair expects (if given).</summary>
public sealed record RepairContext(Referral Referral, string Reason, int? ExpectedVersion);

/// <summary>
/// What every repair shares: the referral (404), the expected instance version (<c>If-Match</c> or <c>version</c>), one
/// transaction for the engine change, the audit entry <c>repair.&lt;action&gt;</c> with the reason and the bumped referral
/// revision; the answer is the new <see cref="RepairState"/> with its ETag. The engine writes the timeline row (with the
/// reason and the administrator as actor) in the same transaction.
/// </summary>
public sealed class RepairRunner(ReferralFlowDbContext db, UnitOfWork unitOfWork, AuditLog audit, RepairStateReader states)
{
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// Field errors for a missing or too long reason, or one with a resident registration number (it goes to the audit log
    /// and the case timeline); the caller adds its own and calls <see cref="ProblemErrors.ThrowIfAny"/>.
    /// </summary>
    public static ProblemErrors ReasonErrors(string? reason)
    {
        var errors = new ProblemErrors();
        errors.Text("reason", reason?.Trim(), MaxReasonLength, ProblemCode.ReasonRequired);
        return errors;
    }

    /// <summary>The referral, for reading (repair endpoints are for system administrators, who see every referral).</summary>
    public async Task<Referral> FindAsync(Guid referralId, CancellationToken cancellationToken, bool track = false)
    {
        var query = db.Referrals.Where(r => r.Id == referralId);
        return await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync(cancellationToken)
            ?? throw ApiException.NotFound(ProblemCode.ReferralNotFound);
    }

    /// <summary>
    /// Runs <paramref name="repair"/> (which returns the audit detail) in one transaction, audited as
    /// <paramref name="action"/> (one of the <c>AuditActions.Repair…</c> names), and answers the new state.
    /// </summary>
    public async Task<RepairState> RunAsync(
        Guid referralId, string action, string reason, int? expected,
        Func<RepairContext, CancellationToken, Task<string>> repair, CancellationToken cancellationToken)
    {
        var referral = await FindAsync(referralId, cancellationToken, track: true);
        var why = reason.Trim();
        await unitOfWork.ExecuteAsync(async ct =>
        {
            var detail = await repair(new RepairContext(referral, why, expected), ct);
            audit.Record(action, referral.Id, $"{detail}; reason: {why}");
            referral.Revision++;
        }, cancellationToken);
        return await states.LoadAsync(referral, cancellationToken);
    }
}
