namespace ReferralFlow.Host.Features.Repair;

/// <summary>
/// <c>GET /api/repair/referrals/{referralId}</c> (system administrators): the referral's route as the engine sees it —
/// status, version (ETag; the expected version of the next repair), open steps and waiting tokens with their ids.
/// </summary>
internal static class GetRepairState
{
    public static async Task<IResult> HandleAsync(Guid referralId, HttpContext http, RepairRunner runner, CancellationToken cancellationToken) =>
        await runner.AnswerAsync(http, await runner.FindAsync(referralId, cancellationToken), cancellationToken);
}
