namespace ReferralFlow.Host.Features.Repair;

/// <summary>
/// <c>GET /api/repair/referrals/{referralId}</c> (system administrators): the referral's route as the engine sees it —
/// status, version (ETag; the expected version of the next repair), open steps and waiting tokens with their ids.
/// </summary>
public sealed class GetRepairState(RepairRunner runner, RepairStateReader states)
{
    public async Task<RepairState> HandleAsync(Guid referralId, CancellationToken cancellationToken) =>
        await states.LoadAsync(await runner.FindAsync(referralId, cancellationToken), cancellationToken);
}
