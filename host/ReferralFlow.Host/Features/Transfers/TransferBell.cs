using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;

namespace ReferralFlow.Host.Features.Transfers;

/// <summary>
/// Transfers in the bell (kind Transfer, opening <c>/transfers</c>): a request tells the receiving district's hub
/// workers; a decision tells the requesting owner agency's workers (and, once accepted, the new owner's). Their mail goes
/// as before (<see cref="TransferRecords.Mail"/>); the entries are saved with the transfer's unit of work. The referral's
/// number only: no household data, never the request's note.
/// </summary>
public sealed class TransferBell(ReferralFlowDbContext db, BellEntries bell, TimeProvider time)
{
    /// <summary>The active workers of the district's hubs.</summary>
    public async Task<IReadOnlyList<Guid>> HubWorkersAsync(string district, CancellationToken cancellationToken)
    {
        var hubs = await db.Agencies.AsNoTracking().Where(a => a.District == district && a.Kind == AgencyKind.DistrictHub && a.IsActive).Select(a => a.Id).ToListAsync(cancellationToken);
        return await WorkersAsync(hubs, cancellationToken);
    }

    /// <summary>The active workers of the agencies.</summary>
    public async Task<IReadOnlyList<Guid>> WorkersAsync(IReadOnlyCollection<string> agencyIds, CancellationToken cancellationToken) =>
        [.. (await bell.WorkersAsync(agencyIds, cancellationToken)).Values.SelectMany(w => w)];

    public void Tell(IEnumerable<Guid> users, Referral referral) =>
        bell.Add(users, NotificationKind.Transfer, referral.InstanceId, null, time.GetUtcNow());
}
