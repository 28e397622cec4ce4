using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Transfers;

/// <summary>
/// <c>POST /api/transfers/{id}/decline</c>: the receiving district's hub declines with a reason code (and an optional note
/// kept in the platform). The referral stays exactly as it was, with its owner; the requester is mailed and both districts
/// audited.
/// </summary>
public sealed class DeclineTransfer(
    TransferScope scope, CurrentUser user, ReferralFlowDbContext db, TransferRecords records, TransferViews views, TransferBell bell, UnitOfWork unitOfWork, TimeProvider time)
{
    public sealed record Request([Required] string? ReasonCode, string? Note, int? Version);

    public async Task<TransferView> HandleAsync(Guid id, Request request, int? ifMatch, CancellationToken cancellationToken)
    {
        var transfer = await scope.GetVisibleAsync(id, cancellationToken, track: true);
        scope.EnsureMayDecide(transfer);
        TransferVersion.Check(transfer, ifMatch ?? request.Version, ifMatch is not null);
        var errors = new ProblemErrors();
        errors.Text("reasonCode", request.ReasonCode, 40, ProblemCode.TransferReasonRequired);
        if (!string.IsNullOrWhiteSpace(request.ReasonCode) && !TransferReasons.DeclineCodes.Contains(request.ReasonCode.Trim()))
        {
            errors.Add("reasonCode", ProblemCode.ValueNotAllowed, string.Join(", ", TransferReasons.DeclineCodes));
        }

        errors.Text("note", request.Note, 1000);
        errors.ThrowIfAny();
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == transfer.ReferralId, cancellationToken);
        var requesters = await bell.WorkersAsync([transfer.FromOwnerAgencyId], cancellationToken);
        transfer.Status = TransferStatus.Declined;
        transfer.DeclineReasonCode = request.ReasonCode!.Trim();
        transfer.DeclineNote = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        transfer.DecidedBy = user.Id;
        transfer.DecidedAt = time.GetUtcNow();
        transfer.Version++;
        await TransferVersion.SaveAsync(unitOfWork, db, transfer, () =>
        {
            records.Audit(TransferActions.Declined, transfer, new { transferId = transfer.Id, transfer.ToDistrict, reasonCode = transfer.DeclineReasonCode });
            records.Timeline(referral, TransferRecords.DeclinedEvent, new { transferId = transfer.Id, toDistrict = transfer.ToDistrict, reasonCode = transfer.DeclineReasonCode });
            records.Mail(referral, transfer, TransferRecords.DeclinedTemplate, $"agency:{transfer.FromOwnerAgencyId}");
            bell.Tell(requesters, referral);
        }, cancellationToken);
        return await views.BuildAsync(transfer, cancellationToken);
    }
}
