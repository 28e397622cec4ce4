using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Features.Consents;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>Builds <see cref="ReferralResponse"/> from the referral and its instance's rows, and looks up display names.</summary>
public sealed class ReferralViews(
    ReferralFlowDbContext db, WorkflowReadModel workflow, ReferralAccess access, TimeProvider time)
{
    public async Task<ReferralResponse> BuildAsync(Referral referral, CancellationToken cancellationToken)
    {
        var lens = await access.LensAsync(referral, cancellationToken);
        var me = access.AgencyId;
        var instance = await workflow.Instances.Where(i => i.Id == referral.InstanceId)
            .Select(i => new { i.VersionId, i.Status, i.Revision, i.StateJson }).SingleAsync(cancellationToken);
        var definition = await DefinitionAsync(instance.VersionId, cancellationToken);
        var tasks = (await workflow.Tasks.Where(t => t.InstanceId == referral.InstanceId)
            .OrderBy(t => t.TaskId).ToListAsync(cancellationToken)).Where(t => lens.Covers(t.CreatedAt)).ToList();
        var agencies = await AgencyNamesAsync(
            tasks.Select(t => t.AgencyId).Concat(referral.Participants.Select(p => p.AgencyId)).Concat(referral.Consents.Select(c => c.AgencyId))
                .Append(referral.ReferringAgencyId).Append(referral.PublicOwnerAgencyId),
            cancellationToken);
        var users = await CaseRows.UserNamesAsync(db, tasks.Select(t => t.Assignee), cancellationToken);
        var now = time.GetUtcNow();

        var roleNames = definition.Roles.ToDictionary(r => r.Key, r => r.Name, StringComparer.Ordinal);
        var participants = referral.Participants.OrderBy(p => p.RoleKey, StringComparer.Ordinal)
            .Select(p => new ParticipantView(p.RoleKey, roleNames.GetValueOrDefault(p.RoleKey), p.AgencyId, agencies.GetValueOrDefault(p.AgencyId, p.AgencyId)))
            .ToList();
        // An outcome is the household's living situation: shown with living consent (what the agency saw while working), and
        // always to the agency that wrote it.
        bool Shows(WorkTaskRecord t) => t.Status == WorkTaskStatus.Completed && ((lens.Living && lens.Covers(t.CompletedAt)) || t.AgencyId == me);
        var steps = tasks.Select(t => new StepView(
            t.TaskId, t.NodeId, t.Name, t.RoleKey,
            t.AgencyId is null ? null : new AgencyRef(t.AgencyId, agencies.GetValueOrDefault(t.AgencyId, t.AgencyId)),
            CaseRows.UserRef(t.Assignee, users),
            t.Status, t.CreatedAt, t.DueAt,
            t.Status == WorkTaskStatus.Open && t.DueAt < now,
            t.EscalationLevel, t.CompletedAt,
            Shows(t) ? HealthFields.Redact(definition, t.NodeId, CaseRows.ParseObject(t.OutcomeJson), lens.Health || t.AgencyId == me) : null,
            t.CancelReason, t.Revision,
            Shows(t) ? OutcomeEntry.Read(definition, t.NodeId, CaseRows.ParseObject(t.OutcomeJson), lens.Health || t.AgencyId == me) : null)).ToList();
        var incidents = InstanceStateJson.Deserialize(instance.StateJson).Tokens
            .Where(t => t.State == TokenState.Incident)
            .Select(t => new IncidentView(t.Id, t.NodeId, definition.TryGetNode(t.NodeId, out var node) ? node.DisplayName : null, t.Incident))
            .ToList();

        var household = referral.Household;
        return new ReferralResponse(
            referral.Id, referral.Number, referral.Status, referral.WorkflowKey, referral.WorkflowVersion,
            instance.Status is InstanceStatus.Completed or InstanceStatus.Terminated, instance.Status,
            referral.District, referral.Dong,
            new AgencyRef(referral.ReferringAgencyId, agencies.GetValueOrDefault(referral.ReferringAgencyId, referral.ReferringAgencyId)),
            new AgencyRef(referral.PublicOwnerAgencyId, agencies.GetValueOrDefault(referral.PublicOwnerAgencyId, referral.PublicOwnerAgencyId)),
            lens.Identity ? new HouseholdView(household.Name, household.BirthDate, household.Address, household.Phone, household.Members) : null,
            !lens.Identity,
            ConsentViews.Of(referral, lens, me, agencies),
            lens.OwnerSide ? ConsentViews.Needed(referral, tasks, await HubsAsync(referral.District, cancellationToken), agencies) : [],
            participants, steps, incidents,
            referral.OpenedAt, referral.ClosedAt, lens.Living && lens.Covers(referral.ClosedAt) ? referral.ClosingOutcome : null,
            lens.Covers(referral.ClosedAt) ? referral.ClosingOutcomeCode : null, referral.RetainUntil,
            referral.Revision, instance.Revision);
    }

    private async Task<List<string>> HubsAsync(string district, CancellationToken cancellationToken) =>
        await db.Agencies.AsNoTracking().Where(a => a.District == district && a.Kind == AgencyKind.DistrictHub).Select(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>The parsed definition of a published version (cached; parsed once per process).</summary>
    public Task<WorkflowDefinition> DefinitionAsync(Guid versionId, CancellationToken cancellationToken) =>
        workflow.GetDefinitionAsync(versionId, cancellationToken);

    public async Task<Dictionary<string, string>> AgencyNamesAsync(IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return await db.Agencies.AsNoTracking().Where(a => wanted.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, StringComparer.Ordinal, cancellationToken);
    }
}
