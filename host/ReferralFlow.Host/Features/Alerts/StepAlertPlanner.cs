using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Consents;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// Announces each new step: its agency's workers get a bell entry and, as each chose, an email at once (through
/// <see cref="AlertFanout"/> and the <see cref="AlertMailer"/>); when the household's live consent does not yet cover
/// that agency the case owner's agency is asked to record it. Rows hold ids and codes only; what a mail shows is read
/// when it is sent (<see cref="StepAlertData"/>).
/// </summary>
/// <remarks>
/// The planner runs inside the engine's command. In a unit of work the host's context shares its transaction, so the
/// bell and pending rows commit or roll back with the step. A command outside one (a timer fired by the sweep) cannot
/// save host rows atomically: the step is then announced the way it was before preferences, by one outbox message per
/// template (the engine writes it in its own transaction), so no alert is ever lost.
/// </remarks>
internal sealed class StepAlertPlanner : IStepAlertPlanner
{
    public const string StepCreated = "step-created";
    public const string ConsentNeeded = "consent-needed";

    private readonly ReferralFlowDbContext db;
    private readonly AlertFanout fanout;

    // A split creates several steps in one command: the referral and the hub check are read once for all of them.
    // Anything the host saves may change consents, so a save forgets them.
    private readonly Dictionary<Guid, Referral?> _referrals = [];
    private readonly Dictionary<string, bool> _hubs = new(StringComparer.Ordinal);

    public StepAlertPlanner(ReferralFlowDbContext db, AlertFanout fanout)
    {
        this.db = db;
        this.fanout = fanout;
        db.SavedChanges += (_, _) =>
        {
            _referrals.Clear();
            _hubs.Clear();
        };
    }

    public async Task<IReadOnlyList<StepAlert>> PlanAsync(NewStep step, CancellationToken cancellationToken)
    {
        if (step.AgencyId is not { } agency)
        {
            return [];
        }

        var inUnitOfWork = db.Database.CurrentTransaction is not null;
        List<StepAlert> alerts = [];
        var stepData = Data(step, agency, []);
        if (inUnitOfWork)
        {
            await fanout.ToAgencyAsync(agency, NotificationKind.NewStep, step.InstanceId, step.TaskRowId, stepData, cancellationToken);
        }
        else
        {
            alerts.Add(new("step-alert", $"agency:{agency}", StepCreated, stepData));
        }

        // A referral's row is written after its instance starts, so the steps of the opening find none: the opening's
        // consent form covers them, and the referral page lists what is still missing.
        if (!_referrals.TryGetValue(step.InstanceId, out var referral))
        {
            referral = await db.Referrals.AsNoTracking().Include(r => r.Consents)
                .SingleOrDefaultAsync(r => r.InstanceId == step.InstanceId, cancellationToken);
            _referrals[step.InstanceId] = referral;
        }

        if (referral is null || agency == referral.PublicOwnerAgencyId || agency == referral.ReferringAgencyId || await IsHubAsync(agency, cancellationToken))
        {
            return alerts;
        }

        if (ConsentViews.Missing(referral, agency) is { Count: > 0 } missing)
        {
            var consentData = Data(step, agency, missing);
            if (inUnitOfWork)
            {
                await fanout.ToAgencyAsync(referral.PublicOwnerAgencyId, NotificationKind.ConsentNeeded, step.InstanceId, step.TaskRowId, consentData, cancellationToken);
            }
            else
            {
                alerts.Add(new("consent-needed", $"agency:{referral.PublicOwnerAgencyId}", ConsentNeeded, consentData));
            }
        }

        return alerts;
    }

    private async Task<bool> IsHubAsync(string agency, CancellationToken cancellationToken)
    {
        if (!_hubs.TryGetValue(agency, out var hub))
        {
            hub = await db.Agencies.AnyAsync(a => a.Id == agency && a.Kind == AgencyKind.DistrictHub, cancellationToken);
            _hubs[agency] = hub;
        }

        return hub;
    }

    internal static string Data(NewStep step, string agency, IReadOnlyList<string> categories) =>
        JsonSerializer.Serialize(new { taskRowId = step.TaskRowId, agencyId = agency, categories });
}
