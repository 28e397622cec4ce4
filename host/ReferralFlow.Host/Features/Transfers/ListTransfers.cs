using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Transfers;

/// <summary>
/// <c>GET /api/transfers</c>: the transfers the caller sees (<see cref="TransferScope"/>), newest first, filtered by
/// <c>status</c> (pending, accepted, declined) and <c>direction</c> (<c>incoming</c>: into the caller's district or to
/// its agency; <c>outgoing</c>: out of it or requested by its agency); paged (limit, cursor).
/// </summary>
public sealed class ListTransfers(TransferScope scope, TransferViews views)
{
    public const string Incoming = "incoming";
    public const string Outgoing = "outgoing";

    public sealed record Query(string? Status = null, string? Direction = null, int? Limit = null, string? Cursor = null);

    public async Task<Page<TransferView>> HandleAsync(Query query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.Read(query.Cursor, 2);
        var transfers = scope.Visible();
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = Enum.TryParse<TransferStatus>(query.Status.Trim(), ignoreCase: true, out var s) && !int.TryParse(query.Status, out _)
                ? s
                : throw ApiException.Invalid("status", ProblemCode.ValueNotAllowed, "pending, accepted, declined");
            transfers = transfers.Where(t => t.Status == status);
        }

        var user = scope.User;
        var (agency, district) = (user.AgencyId, user.District);
        transfers = query.Direction?.Trim() switch
        {
            null or "" => transfers,
            Incoming => transfers.Where(t => t.ToDistrict == district || t.ToOwnerAgencyId == agency),
            Outgoing => transfers.Where(t => t.FromDistrict == district || t.FromOwnerAgencyId == agency),
            _ => throw ApiException.Invalid("direction", ProblemCode.ValueNotAllowed, $"{Incoming}, {Outgoing}"),
        };

        var (total, _) = await Paging.CountAsync(transfers, cancellationToken);
        if (after is not null)
        {
            var (at, id) = (after.Time(0), after.Guid(1));
            transfers = transfers.Where(t => t.RequestedAt < at || (t.RequestedAt == at && t.Id < id));
        }

        var rows = await transfers.AsNoTracking().OrderByDescending(t => t.RequestedAt).ThenByDescending(t => t.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = await views.BuildAsync(rows, cancellationToken);
        return Paging.Of(items, limit, i => Paging.Cursor(Paging.Text(i.RequestedAt), Paging.Text(i.Id)), total);
    }
}
