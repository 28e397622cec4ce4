using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Consents;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// Announces each new step: its agency hears at once (<see cref="StepCreated"/>, to the agency's shared mailbox, else its
/// active workers), and when the household's live consent does not yet cover that agency the case owner is asked to
/// record it (<see cref="ConsentNeeded"/>). The outbox row holds ids and codes only; what the mail shows is read when it
/// is sent (<see cref="StepAlertData"/>).
/// </summary>
internal sealed class StepAlertPlanner(ReferralFlowDbContext db) : IStepAlertPlanner
{
    public const string StepCreated = "step-created";
    public const string ConsentNeeded = "consent-needed";

    public async Task<IReadOnlyList<StepAlert>> PlanAsync(NewStep step, CancellationToken cancellationToken)
    {
        if (step.AgencyId is not { } agency)
        {
            return [];
        }

        List<StepAlert> alerts = [new("step-alert", $"agency:{agency}", StepCreated, Data(step, agency, []))];
        // A referral's row is written after its instance starts, so the steps of the opening find none: the opening's
        // consent form covers them, and the referral page lists what is still missing.
        var referral = await db.Referrals.AsNoTracking().Include(r => r.Consents)
            .SingleOrDefaultAsync(r => r.InstanceId == step.InstanceId, cancellationToken);
        if (referral is null || agency == referral.PublicOwnerAgencyId || agency == referral.ReferringAgencyId
            || await db.Agencies.AnyAsync(a => a.Id == agency && a.Kind == AgencyKind.DistrictHub, cancellationToken))
        {
            return alerts;
        }

        if (ConsentViews.Missing(referral, agency) is { Count: > 0 } missing)
        {
            alerts.Add(new("consent-needed", $"agency:{referral.PublicOwnerAgencyId}", ConsentNeeded, Data(step, agency, missing)));
        }

        return alerts;
    }

    private static string Data(NewStep step, string agency, IReadOnlyList<string> categories) =>
        JsonSerializer.Serialize(new { taskRowId = step.TaskRowId, agencyId = agency, categories });
}
