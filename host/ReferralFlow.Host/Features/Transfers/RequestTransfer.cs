using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Transfers;

/// <summary>
/// <c>POST /api/referrals/{id}/transfers</c>: the public case owner (owner agency, or its district's hub) asks another
/// district to take over an open referral (전출): the district, a reason code and an optional note kept in the platform.
/// Needs the referral's version (<c>If-Match</c>: stale 412; body <c>version</c>: stale 409; neither 428); one pending
/// request per referral (409 <c>transfer-pending</c>). The receiving hub is mailed (number, districts, link only).
/// </summary>
public sealed class RequestTransfer(
    ReferralAccess access, CurrentUser user, ReferralFlowDbContext db, TransferRecords records, TransferViews views, TransferBell bell, UnitOfWork unitOfWork, TimeProvider time)
{
    public sealed record Request([Required] string? ToDistrict, [Required] string? ReasonCode, string? Note, int? Version);

    public async Task<TransferView> HandleAsync(Guid referralId, Request request, int? ifMatch, CancellationToken cancellationToken)
    {
        var referral = await access.GetVisibleAsync(referralId, cancellationToken, track: true);
        if (!access.IsCaseOwner(referral))
        {
            throw ApiException.Forbidden(ProblemCode.TransferForbidden);
        }

        var expected = Versions.Required(ifMatch ?? request.Version);
        var errors = new ProblemErrors();
        errors.Text("toDistrict", request.ToDistrict, 100, ProblemCode.FieldRequired.With(ProblemLabel.District));
        errors.Text("reasonCode", request.ReasonCode, 40, ProblemCode.TransferReasonRequired);
        if (!string.IsNullOrWhiteSpace(request.ReasonCode) && !TransferReasons.RequestCodes.Contains(request.ReasonCode.Trim()))
        {
            errors.Add("reasonCode", ProblemCode.ValueNotAllowed, string.Join(", ", TransferReasons.RequestCodes));
        }

        errors.Text("note", request.Note, 1000);
        errors.ThrowIfAny();
        if (referral.ClosedAt is not null)
        {
            throw ApiException.Conflict(ProblemCode.ReferralClosed, new Dictionary<string, object?> { ["currentVersion"] = referral.Revision });
        }

        if (await db.ReferralTransfers.AnyAsync(t => t.ReferralId == referral.Id && t.Status == TransferStatus.Pending, cancellationToken))
        {
            throw ApiException.Conflict(ProblemCode.TransferPending, new Dictionary<string, object?> { ["currentVersion"] = referral.Revision });
        }

        if (expected != referral.Revision)
        {
            throw ifMatch is null ? Versions.Stale(referral.Revision) : Versions.PreconditionFailed(referral.Revision);
        }

        var to = request.ToDistrict!.Trim();
        // The district must exist here and have a hub to decide; the referral's own district is no transfer.
        if (to == referral.District || !await db.Agencies.AnyAsync(a => a.District == to && a.IsActive && a.Kind == AgencyKind.DistrictHub, cancellationToken))
        {
            throw ApiException.Invalid("toDistrict", ProblemCode.TransferDistrictInvalid, to);
        }

        var now = time.GetUtcNow();
        var hubWorkers = await bell.HubWorkersAsync(to, cancellationToken);
        var transfer = new ReferralTransfer
        {
            Id = Guid.CreateVersion7(now),
            ReferralId = referral.Id,
            FromDistrict = referral.District,
            ToDistrict = to,
            FromOwnerAgencyId = referral.PublicOwnerAgencyId,
            Status = TransferStatus.Pending,
            ReasonCode = request.ReasonCode!.Trim(),
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            RequestedBy = user.Id,
            RequestedAt = now,
            Version = 1,
        };
        try
        {
            await unitOfWork.ExecuteAsync(_ =>
            {
                db.ReferralTransfers.Add(transfer);
                // The referral changes (it has a pending request): a second request on the same version loses the race.
                referral.Revision++;
                records.Audit(TransferActions.Requested, transfer, new { transferId = transfer.Id, transfer.FromDistrict, transfer.ToDistrict, transfer.ReasonCode });
                records.Timeline(referral, TransferRecords.RequestedEvent, new { transferId = transfer.Id, toDistrict = to, reasonCode = transfer.ReasonCode });
                records.Mail(referral, transfer, TransferRecords.RequestedTemplate, $"hub:{to}");
                bell.Tell(hubWorkers, referral);
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ApiException.Conflict(ProblemCode.TransferPending, new Dictionary<string, object?> { ["currentVersion"] = referral.Revision });
        }

        return await views.BuildAsync(transfer, cancellationToken);
    }
}
