using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Transfers;

/// <summary>A transfer's version: its ETag; a decision names it (<c>If-Match</c> stale: 412, body stale: 409, none: 428).</summary>
internal static class TransferVersion
{
    public static void Check(ReferralTransfer transfer, int? sent, bool fromHeader)
    {
        var expected = Versions.Required(sent);
        if (expected != transfer.Version)
        {
            throw fromHeader ? Versions.PreconditionFailed(transfer.Version) : Versions.Stale(transfer.Version);
        }
    }

    /// <summary>Saves the decision; a decision that lost the race to another is 409 <c>transfer-not-pending</c>.</summary>
    public static async Task SaveAsync(UnitOfWork unitOfWork, ReferralFlowDbContext db, ReferralTransfer transfer, Action record, CancellationToken cancellationToken)
    {
        try
        {
            await unitOfWork.ExecuteAsync(_ =>
            {
                record();
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.ReferralTransfers.AsNoTracking().Where(t => t.Id == transfer.Id).Select(t => t.Version).SingleAsync(cancellationToken);
            throw ApiException.Conflict(ProblemCode.TransferNotPending, new Dictionary<string, object?> { ["currentVersion"] = current });
        }
    }
}
