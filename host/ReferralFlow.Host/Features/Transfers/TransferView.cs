using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;

namespace ReferralFlow.Host.Features.Transfers;

/// <summary>
/// A transfer as both sides see it: the referral's number (never the household's data: the receiving district reads the
/// case once it owns it), the districts, the agencies, the reason codes and notes, and whether the caller may decide it.
/// </summary>
public sealed record TransferView(
    Guid Id,
    Guid ReferralId,
    string ReferralNumber,
    TransferStatus Status,
    string FromDistrict,
    string ToDistrict,
    AgencyRef FromOwner,
    string ReasonCode,
    string? Note,
    DateTimeOffset RequestedAt,
    AgencyRef? ToOwner,
    string? DeclineReasonCode,
    string? DeclineNote,
    DateTimeOffset? DecidedAt,
    int Version,
    bool CanDecide);

/// <summary>Builds <see cref="TransferView"/>s with the agencies' names and the referrals' numbers.</summary>
public sealed class TransferViews(ReferralFlowDbContext db, TransferScope scope)
{
    public async Task<IReadOnlyList<TransferView>> BuildAsync(IReadOnlyList<ReferralTransfer> transfers, CancellationToken cancellationToken)
    {
        var referralIds = transfers.Select(t => t.ReferralId).Distinct().ToList();
        var numbers = await db.Referrals.AsNoTracking().Where(r => referralIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.Number, cancellationToken);
        var agencyIds = transfers.Select(t => t.FromOwnerAgencyId).Concat(transfers.Select(t => t.ToOwnerAgencyId ?? "")).Distinct().ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        AgencyRef Ref(string id) => new(id, names.GetValueOrDefault(id, id));
        return [.. transfers.Select(t => new TransferView(
            t.Id, t.ReferralId, numbers.GetValueOrDefault(t.ReferralId, ""), t.Status, t.FromDistrict, t.ToDistrict, Ref(t.FromOwnerAgencyId),
            t.ReasonCode, t.Note, t.RequestedAt, t.ToOwnerAgencyId is { } to ? Ref(to) : null, t.DeclineReasonCode, t.DeclineNote, t.DecidedAt,
            t.Version, scope.CanDecide(t)))];
    }

    public async Task<TransferView> BuildAsync(ReferralTransfer transfer, CancellationToken cancellationToken) =>
        (await BuildAsync([transfer], cancellationToken))[0];
}
